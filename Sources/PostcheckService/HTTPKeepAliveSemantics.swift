import NIOCore
import NIOHTTP1

/// HTTP/1.0 and `Connection: close` as RFC 9112 §9.3 has them. Hummingbird works on swift-http-types, which have
/// no HTTP version, so an HTTP/1.0 client without keep-alive would get an HTTP/1.1 answer on a connection left
/// open, and wait for it to close. This handler sits on NIO's HTTP/1 messages (before their conversion) and:
///
/// - marks a request whose connection is not to persist (`HTTPRequestHead.isKeepAlive`: HTTP/1.0 without
///   `Connection: keep-alive`, or `Connection: close`) with exactly `Connection: close`, the form Hummingbird
///   checks to end the connection after its answer;
/// - answers in the request's version (so an HTTP/1.0 answer is never chunked), with `Connection: close` when
///   the connection ends and `Connection: keep-alive` when an HTTP/1.0 client asked for it;
/// - closes the connection after an HTTP/1.0 answer without `Content-Length`, whose end only the close can mark.
final class HTTPKeepAliveSemantics: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private struct PendingRequest {
        let version: HTTPVersion
        let keepAlive: Bool
    }

    /// Requests read and not yet answered, in order (HTTP/1 answers pipelined requests in order).
    private var pending: [PendingRequest] = []
    private var closeAfterAnswer = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        let keepAlive = head.isKeepAlive
        pending.append(PendingRequest(version: head.version, keepAlive: keepAlive))
        if !keepAlive { head.headers.replaceOrAdd(name: "connection", value: "close") }
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(var head) where !pending.isEmpty:
            let request = pending[0]
            let http10 = request.version.major == 1 && request.version.minor == 0
            if http10 { head.version = .http1_0 }
            let framedByClose =
                http10 && !head.headers.contains(name: "content-length")
                && head.status.mayHaveResponseBody
            if !request.keepAlive || framedByClose {
                head.headers.replaceOrAdd(name: "connection", value: "close")
                closeAfterAnswer = true
            } else if http10 {
                head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .end where !pending.isEmpty:
            pending.removeFirst()
            guard closeAfterAnswer else {
                context.write(data, promise: promise)
                return
            }
            closeAfterAnswer = false
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.cascade(to: promise)
            context.writeAndFlush(data, promise: written)
            written.futureResult.whenComplete { _ in context.close(promise: nil) }
        default:
            context.write(data, promise: promise)
        }
    }
}
