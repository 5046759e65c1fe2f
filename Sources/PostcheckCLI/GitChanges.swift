import Foundation

/// The files `--changed` selects: changed (added, copied, modified, renamed) against a revision, plus files git does
/// not track yet and does not ignore. Default revision: the merge base of HEAD with the default branch.
enum GitChanges {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Absolute paths of the changed files.
    static func changedFiles(since revision: String?) throws -> Set<String> {
        guard let top = try? git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines),
            !top.isEmpty
        else {
            throw Failure(
                description:
                    "--changed needs a git repository, and \(FileManager.default.currentDirectoryPath) is not inside one"
            )
        }
        let base: String
        if let revision {
            do {
                base = try git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"]).trimmingCharacters(
                    in: .whitespacesAndNewlines)
            } catch {
                throw Failure(description: "--changed: unknown git revision '\(revision)'")
            }
        } else {
            base = try mergeBaseWithDefaultBranch()
        }
        let changed = try git(["diff", "--name-only", "-z", "--diff-filter=ACMR", base, "--"])
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/"])
        var files: Set<String> = []
        for name in (changed + untracked).split(separator: "\0") where !name.isEmpty {
            files.insert(
                URL(fileURLWithPath: (top as NSString).appendingPathComponent(String(name))).standardizedFileURL.path)
        }
        return files
    }

    private static func mergeBaseWithDefaultBranch() throws -> String {
        var candidates: [String] = []
        if let remoteHead = try? git(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"]) {
            candidates.append(remoteHead.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        candidates += ["origin/main", "origin/master", "main", "master"]
        for candidate in candidates where !candidate.isEmpty {
            if let base = try? git(["merge-base", "HEAD", candidate]).trimmingCharacters(in: .whitespacesAndNewlines),
                !base.isEmpty
            {
                return base
            }
        }
        throw Failure(
            description:
                "--changed: cannot find the default branch (origin/HEAD, main or master); name a revision with --changed=REV"
        )
    }

    /// Runs git and returns its standard output; throws with git's message when it fails.
    @discardableResult
    static func git(_ arguments: [String], in folder: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot run git: \(error)")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errorData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: String(decoding: errorData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return String(decoding: data, as: UTF8.self)
    }
}
