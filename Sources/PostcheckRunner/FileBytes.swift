import Foundation

/// Reads a whole file into bytes with the system calls themselves: straight into the array the linter keeps, with no
/// `Data` in between (a copy of every draft, and for a large file thousands of page faults more).
public enum FileBytes {
    /// Why a file could not be read.
    public enum ReadError: Error, CustomStringConvertible {
        case unreadable
        /// More than the limit: no post is that long, and reading on (`/dev/zero`) would exhaust memory.
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .unreadable: "cannot read file"
            case .tooLarge(let limit):
                "larger than \(limit / 1_048_576) MB: no post is that long (a different file, or --max-size)"
            }
        }
    }

    /// The most a draft may hold (files and standard input alike), unless `--max-size` says otherwise.
    public static let defaultLimit = 64 * 1_048_576

    /// The file's bytes, or nil when it cannot be opened or read (missing, unreadable, a folder).
    public static func read(_ path: String, limit: Int = defaultLimit) -> [UInt8]? {
        try? readLimited(path, limit: limit).get()
    }

    /// The file's bytes (a path, or nil for standard input), at most `limit` of them.
    public static func readLimited(_ path: String?, limit: Int = defaultLimit) -> Result<[UInt8], ReadError> {
        let descriptor = path.map { open($0, O_RDONLY | O_CLOEXEC) } ?? STDIN_FILENO
        guard descriptor >= 0 else { return .failure(.unreadable) }
        defer { if path != nil { close(descriptor) } }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return .failure(.unreadable) }
        if (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) > limit { return .failure(.tooLarge(limit: limit)) }
        var failed = false
        // The size is a hint (a pipe has none, a file being written may grow): one byte more shows whether it held.
        let requested = min(max(Int(info.st_size), 0), limit) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: requested) { buffer, initialized in
            initialized = fill(buffer.baseAddress!, requested, from: descriptor, failed: &failed)
        }
        guard !failed else { return .failure(.unreadable) }
        if bytes.count < requested { return .success(bytes) }
        // More than the size said: read on in chunks until the end, or past the limit.
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while bytes.count <= limit {
            let count = chunk.withUnsafeMutableBufferPointer {
                fill($0.baseAddress!, $0.count, from: descriptor, failed: &failed)
            }
            guard !failed else { return .failure(.unreadable) }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return .failure(.tooLarge(limit: limit))
    }

    /// Reads until `capacity` bytes or the end of the file; the number read.
    private static func fill(
        _ start: UnsafeMutablePointer<UInt8>, _ capacity: Int, from descriptor: Int32, failed: inout Bool
    ) -> Int {
        var count = 0
        while count < capacity {
            let result = Foundation.read(descriptor, start + count, capacity - count)
            if result < 0 && errno == EINTR { continue }
            if result < 0 { failed = true }
            if result <= 0 { break }
            count += result
        }
        return count
    }
}
