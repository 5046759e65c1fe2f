import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON-RPC 2.0 over LSP's base protocol: `Content-Length` framed messages on a pair of file descriptors (standard
/// input and output, or a TCP socket). Reading blocks; `waitForInput(milliseconds:)` lets the server debounce
/// diagnostics until the client pauses typing.
final class JSONRPCConnection {
    /// What one read gave: a message, a framing error the server answers, or the end of the input.
    enum Incoming {
        case message([String: Any])
        case malformed(String)
        case closed
    }

    /// Larger messages are refused: a 64 MB draft is already far past any post.
    static let maximumMessageBytes = 64 << 20

    private let input: Int32
    private let output: Int32
    private var buffer: [UInt8] = []
    private var bufferStart = 0

    init(input: Int32, output: Int32) {
        self.input = input
        self.output = output
    }

    /// Whether a message (or more of one) is already buffered or arrives within `milliseconds`.
    func waitForInput(milliseconds: Int32) -> Bool {
        if bufferStart < buffer.count { return true }
        var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, milliseconds) > 0
    }

    func read() -> Incoming {
        var contentLength: Int? = nil
        // Header lines up to the empty line.
        while true {
            guard let line = readLine() else { return .closed }
            if line.isEmpty { break }
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                contentLength = Int(parts[1].trimmingCharacters(in: .whitespaces))
            }
        }
        guard let length = contentLength, length >= 0, length <= Self.maximumMessageBytes else {
            return .malformed("a message needs a Content-Length header of at most \(Self.maximumMessageBytes) bytes")
        }
        guard let body = readBytes(length) else { return .closed }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)), let message = object as? [String: Any]
        else {
            return .malformed("the message is not a JSON object")
        }
        return .message(message)
    }

    func send(_ message: [String: Any]) {
        var object = message
        object["jsonrpc"] = "2.0"
        guard let body = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
        else { return }
        var bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        bytes += body
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(output, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    // MARK: Reading

    private func fill() -> Bool {
        if bufferStart > 0 && bufferStart == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            bufferStart = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            buffer += chunk[0..<count]
            return true
        }
    }

    private func readLine() -> String? {
        while true {
            if let newline = buffer[bufferStart...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > bufferStart && buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = String(decoding: buffer[bufferStart..<end], as: UTF8.self)
                bufferStart = newline + 1
                return line
            }
            guard buffer.count - bufferStart < 65536, fill() else { return nil }
        }
    }

    private func readBytes(_ count: Int) -> [UInt8]? {
        while buffer.count - bufferStart < count {
            guard fill() else { return nil }
        }
        let bytes = Array(buffer[bufferStart..<(bufferStart + count)])
        bufferStart += count
        if bufferStart == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            bufferStart = 0
        }
        return bytes
    }
}

/// `read(2)`, named apart from `JSONRPCConnection.read()`.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
