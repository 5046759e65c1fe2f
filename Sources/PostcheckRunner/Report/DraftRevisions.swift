import Foundation

/// Every committed version of each draft under a folder, read from git with one `git log` and one
/// `git cat-file --batch` (no network): what `postcheck report --history` checks again, commit by commit.
public enum DraftRevisions {
    public struct Revision: Sendable, Equatable {
        public let commit: String
        public let author: String
        /// `YYYY-MM-DD`.
        public let date: String
    }

    /// The work tree's root and, per absolute path, the commits that added or changed the file, oldest first; nil
    /// outside a git work tree.
    public static func log(in folder: String) -> (root: String, revisions: [String: [Revision]])? {
        guard
            let root = Git.run(["rev-parse", "--show-toplevel"], in: folder)?.trimmingCharacters(
                in: .whitespacesAndNewlines),
            !root.isEmpty,
            let log = Git.run(
                [
                    "log", "--reverse", "--no-renames", "--diff-filter=AM", "--format=@@%H%x09%an%x09%as",
                    "--name-only", "--", ".",
                ], in: folder)
        else { return nil }
        var revisions: [String: [Revision]] = [:]
        var current: Revision? = nil
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("@@") {
                let fields = line.dropFirst(2).split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                current =
                    fields.count == 3
                    ? Revision(commit: String(fields[0]), author: String(fields[1]), date: String(fields[2])) : nil
            } else if let revision = current {
                revisions[root + "/" + line, default: []].append(revision)
            }
        }
        return (root, revisions)
    }

    /// The contents of `path` (relative to the work tree's root) at each commit, in the order asked, through one
    /// `git cat-file --batch`: `body` gets each request's index and bytes (nil when git has no such object). The
    /// requests are written on another thread while the answers are read, so that neither pipe fills up.
    public static func contents(
        root: String, requests: [(commit: String, path: String)], _ body: (Int, [UInt8]?) -> Void
    ) {
        guard !requests.isEmpty else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", root, "cat-file", "--batch"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            for index in requests.indices { body(index, nil) }
            return
        }
        let lines = requests.map { "\($0.commit):\($0.path)\n" }
        let writer = Thread {
            for line in lines { input.fileHandleForWriting.write(Data(line.utf8)) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        var reader = BufferedReader(output.fileHandleForReading)
        for index in requests.indices {
            guard let header = reader.line() else {
                body(index, nil)
                continue
            }
            // `<sha> blob <size>`, or `<name> missing`.
            let fields = header.split(separator: " ")
            guard fields.count == 3, fields[1] == "blob", let size = Int(fields[2]) else {
                body(index, nil)
                continue
            }
            let bytes = reader.bytes(size)
            _ = reader.bytes(1)  // the line feed after the contents
            body(index, bytes)
        }
        process.waitUntilExit()
    }
}

/// Reads lines and counted byte runs from a pipe, a block at a time.
private struct BufferedReader {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0

    init(_ handle: FileHandle) { self.handle = handle }

    private mutating func fill() -> Bool {
        let data = handle.availableData
        guard !data.isEmpty else { return false }
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: data)
        return true
    }

    mutating func line() -> String? {
        while true {
            if let end = buffer[start...].firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = end + 1
                return line
            }
            guard fill() else { return nil }
        }
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        while buffer.count - start < count {
            guard fill() else { break }
        }
        let end = min(buffer.count, start + count)
        let bytes = Array(buffer[start..<end])
        start = end
        return bytes
    }
}

/// Runs git in a folder, without a terminal or network; nil when it fails or is missing.
enum Git {
    static func run(_ arguments: [String], in folder: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }
}
