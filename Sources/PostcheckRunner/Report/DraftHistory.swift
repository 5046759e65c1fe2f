import Foundation

/// Who added each draft to a git repository, and when: one `git log` over the folder (no network), read once.
/// Outside a git work tree, or without git, there is nothing, and the report says so.
public enum DraftHistory {
    public struct Added: Sendable, Equatable {
        public let author: String
        /// `YYYY-MM-DD`.
        public let date: String
    }

    /// The commit that added each file under `folder`, by absolute path; nil when `folder` is in no git work tree.
    public static func firstCommits(in folder: String) -> [String: Added]? {
        guard
            let root = Git.run(["rev-parse", "--show-toplevel"], in: folder)?.trimmingCharacters(
                in: .whitespacesAndNewlines),
            !root.isEmpty,
            let log = Git.run(
                [
                    "log", "--reverse", "--diff-filter=A", "--no-renames", "--format=@@%an%x09%as", "--name-only", "--",
                    ".",
                ],
                in: folder)
        else { return nil }
        var added: [String: Added] = [:]
        var current: Added? = nil
        for line in log.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("@@") {
                let fields = line.dropFirst(2).split(separator: "\t", maxSplits: 1)
                current = fields.count == 2 ? Added(author: String(fields[0]), date: String(fields[1])) : nil
            } else if let commit = current {
                let path = root + "/" + line
                if added[path] == nil { added[path] = commit }
            }
        }
        return added
    }
}
