import Foundation
import NIOCore

/// How many connections the service holds at once. A connection over the limit is closed at once: 20,000 idle
/// sockets must not use up the process's file descriptors (then `/healthz` itself could not be answered). (During a
/// graceful stop the listener is closed, so a new connection is refused by the system at once.)
public final class ConnectionLimit: @unchecked Sendable {
    public let maximum: Int
    private let lock = NSLock()
    private var open = 0

    public init(maximum: Int) { self.maximum = max(1, maximum) }

    /// A limit a little below the process's file-descriptor limit (room for rule files, logs and the listener).
    public static func belowDescriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < 1 << 40 else { return 10_000 }
        return max(16, Int(limit.rlim_cur) - 64)
    }

    func admit() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard open < maximum else { return false }
        open += 1
        return true
    }

    func leave() {
        lock.lock()
        open -= 1
        lock.unlock()
    }

    /// The handler each connection's pipeline gets first (``ServiceChannel``).
    public func handler() -> any RemovableChannelHandler { Handler(limit: self) }

    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = NIOAny
        let limit: ConnectionLimit
        private var admitted = false

        init(limit: ConnectionLimit) { self.limit = limit }

        func handlerAdded(context: ChannelHandlerContext) {
            admitted = limit.admit()
            if !admitted { context.close(promise: nil) }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            if admitted { limit.leave() }
            admitted = false
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.fireChannelRead(data)
        }
    }
}
