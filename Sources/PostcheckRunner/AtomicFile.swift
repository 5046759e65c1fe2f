import Foundation

/// Writes files so that a reader sees the old content or the new, never half of it: the new bytes go to a temporary
/// file in the same folder (same file system), which takes the old file's permissions and is then renamed over it.
public enum AtomicFile {
    /// Replaces (or creates) `path`. Returns an error message, or nil on success. With `expected`, the file must
    /// still hold those bytes right before the rename (`--fix` read them): an edit made meanwhile, by an editor or
    /// another tool, is not overwritten; the fix is refused instead.
    public static func replace(_ path: String, with bytes: [UInt8], expected: [UInt8]? = nil) -> String? {
        // Through a symbolic link, the file it points to is replaced and the link stays.
        var linkInfo = stat()
        let path =
            lstat(path, &linkInfo) == 0 && (linkInfo.st_mode & S_IFMT) == S_IFLNK
            ? URL(fileURLWithPath: path).resolvingSymlinksInPath().path : path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var permissions: NSNumber? = nil
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            // A device or pipe (`-o json=/dev/stdout`, a named pipe): write into it; renaming over it would replace it.
            return writeInPlace(path, bytes)
        }
        if FileManager.default.fileExists(atPath: path) {
            permissions = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber
            // A file without its owner's write bit is read-only by intent, even for root (who could write it).
            guard access(path, W_OK) == 0, (permissions?.intValue ?? 0o200) & 0o200 != 0 else {
                return "the file is read-only"
            }
        }
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else { return "the folder \(folder) is not writable" }
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(url.lastPathComponent).postcheck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        let mode = mode_t(permissions?.uint16Value ?? 0o644)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            return "cannot create a temporary file in \(folder): \(String(cString: strerror(errno)))"
        }
        // Write everything and flush it to the disk before the rename: after a crash or power cut the name then
        // points at the old bytes or at all of the new ones.
        var failure = writeAll(descriptor, bytes)
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        // A replaced file keeps its exact permissions, which the umask may have narrowed in `open`.
        if failure == nil, permissions != nil, fchmod(descriptor, mode) != 0 {
            failure = String(cString: strerror(errno))
        }
        close(descriptor)
        if failure == nil, let expected, FileBytes.read(path, limit: max(expected.count, 1)) != expected {
            failure = "the file changed while postcheck was fixing it: not overwritten (run again)"
        }
        if failure == nil, rename(temporary, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            return failure
        }
        // Make the rename itself durable.
        let folderDescriptor = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
        return nil
    }

    private static func writeInPlace(_ path: String, _ bytes: [UInt8]) -> String? {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        return writeAll(descriptor, bytes)
    }

    /// Writes all of `bytes` (retrying short writes and interruptions) straight from the array: a report can be
    /// hundreds of megabytes, and a copy on the way out would double what it takes. Returns an error message, or nil.
    @discardableResult
    public static func writeAll(_ descriptor: CInt, _ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    }

    private static func writeAll(_ descriptor: CInt, _ buffer: UnsafeRawBufferPointer) -> String? {
        var written = 0
        while written < buffer.count {
            let result = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += result
        }
        return nil
    }

    /// Appends to a file (creating it), as `$GITHUB_STEP_SUMMARY` expects.
    public static func append(_ path: String, _ data: Data) -> String? {
        if !FileManager.default.fileExists(atPath: path) {
            return FileManager.default.createFile(atPath: path, contents: data) ? nil : "cannot create it"
        }
        guard let handle = FileHandle(forWritingAtPath: path) else { return "cannot open it for writing" }
        defer { try? handle.close() }
        do {
            try handle.seekToEnd()
            try handle.write(contentsOf: data)
        } catch {
            return "\(error)"
        }
        return nil
    }
}
