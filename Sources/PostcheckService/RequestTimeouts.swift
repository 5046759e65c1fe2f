import NIOCore
import NIOHTTPTypes

/// Deadlines for receiving a request: the first request's head, counted from the connection's start, and every
/// request's body, counted from its head. A request over either deadline has its connection closed. Between
/// requests Hummingbird's idle timeout governs (as nginx's `keepalive_timeout`); it counts from the last request
/// *part*, so bytes of a head trickled after an answer (slowloris) do not reset it, but a body trickled one small
/// part at a time (a slow POST) would keep a connection for ever without the body deadline. (nginx's
/// `client_header_timeout` and `client_body_timeout`, 60 s each by default, count between two reads; ours count
/// the whole head or body.)
final class RequestTimeouts: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let headTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(head: TimeAmount, body: TimeAmount) {
        headTimeout = head
        bodyTimeout = body
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { arm(context, headTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { disarm() }

    func channelActive(context: ChannelHandlerContext) {
        arm(context, headTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: arm(context, bodyTimeout)
        case .body: break
        case .end: disarm()  // the answer has the check's own deadline; the next request, the idle timeout
        }
        context.fireChannelRead(data)
    }

    private func arm(_ context: ChannelHandlerContext, _ timeout: TimeAmount) {
        disarm()
        let loop = context.eventLoop.assumeIsolatedUnsafeUnchecked()
        deadline = loop.scheduleTask(in: timeout) { [weak self] in
            self?.deadline = nil
            context.close(promise: nil)
        }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}
