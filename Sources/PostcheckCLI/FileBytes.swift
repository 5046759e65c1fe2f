import Foundation

/// Reads a whole file into bytes with the system calls themselves: straight into the array the linter keeps, with no
/// `Data` in between (a copy of every draft, and for a large file thousands of page faults more).
enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read (missing, unreadable, a folder).
    static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR else { return nil }
        var failed = false
        // The size is a hint (a pipe has none, a file being written may grow): one byte more shows whether it held.
        let requested = max(Int(info.st_size), 0) + 1
        var bytes = [UInt8](unsafeUninitializedCapacity: requested) { buffer, initialized in
            initialized = fill(buffer.baseAddress!, requested, from: descriptor, failed: &failed)
        }
        guard !failed else { return nil }
        if bytes.count < requested { return bytes }
        // More than the size said: read on in chunks until the end.
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBufferPointer { fill($0.baseAddress!, $0.count, from: descriptor, failed: &failed) }
            guard !failed else { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Reads until `capacity` bytes or the end of the file; the number read.
    private static func fill(_ start: UnsafeMutablePointer<UInt8>, _ capacity: Int, from descriptor: Int32, failed: inout Bool) -> Int {
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
