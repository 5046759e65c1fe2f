import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// The service's HTTP/1 connection pipeline. It is Hummingbird's `HTTP1Channel` with three additions that
/// `HTTP1Channel` has no place for, because its extra handlers come after the HTTP/1 head has been converted to
/// swift-http-types (where the request's HTTP version is gone):
///
/// 1. the connection limit, first, so that a connection over it is closed before any byte is parsed;
/// 2. ``HTTPKeepAliveSemantics`` between NIO's HTTP/1 codec and the conversion: an HTTP/1.0 request without
///    `Connection: keep-alive` (or any request with `Connection: close`) is answered with `Connection: close` and
///    the connection is closed after the answer;
/// 3. ``RequestTimeouts``: the head of a request and its body each have a deadline of their own, so a client that
///    trickles its request one byte at a time (slowloris, slow POST) cannot hold a connection forever.
///
/// Idle connections between requests are closed by Hummingbird's `HTTPConnectionStateHandler`, as in
/// `HTTP1Channel`.
public struct ServiceChannel: HTTPChannelHandler {
    public typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    public struct Timeouts: Sendable {
        /// From a connection's start, or the end of the previous answer, until the request head has arrived.
        public var head: TimeAmount
        /// From the request head until the end of its body.
        public var body: TimeAmount
        /// A connection without a request in progress for this long is closed.
        public var idle: TimeAmount

        public init(head: TimeAmount, body: TimeAmount, idle: TimeAmount) {
            self.head = head
            self.body = body
            self.idle = idle
        }
    }

    public let responder: HTTPChannelHandler.Responder
    let connections: ConnectionLimit
    let timeouts: Timeouts

    public init(responder: @escaping HTTPChannelHandler.Responder, connections: ConnectionLimit, timeouts: Timeouts) {
        self.responder = responder
        self.connections = connections
        self.timeouts = timeouts
    }

    /// The server builder that `Application(router:server:)` takes.
    public static func server(connections: ConnectionLimit, timeouts: Timeouts) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            ServiceChannel(responder: responder, connections: connections, timeouts: timeouts)
        }
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(connections.handler())
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false,  // NIOAsyncChannel handles pipelined requests in order
                withErrorHandling: false,  // Hummingbird answers parse errors itself
                withOutboundHeaderValidation: false,  // swift-http-types validates the fields
                withEncoderConfiguration: .init(),
                withDecoderLimitConfiguration: .init()
            )
            try pipeline.addHandler(HTTPKeepAliveSemantics())
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandler(RequestTimeouts(head: timeouts.head, body: timeouts.body))
            try pipeline.addHandler(HTTPConnectionStateHandler(idleTimeout: .init(timeouts.idle), logger: logger))
            return try NIOAsyncChannel(
                wrappingChannelSynchronously: channel,
                configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    public func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}
