import ArgumentParser
import Foundation
import PostcheckCore
import PostcheckRunner

/// `postcheck hook install|uninstall`: a git pre-commit hook that checks the staged version of each staged draft.
struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install or remove the git pre-commit hook that checks staged drafts.",
        subcommands: [Install.self, Uninstall.self]
    )

    /// Marks a hook file as postcheck's, so that it is never mistaken for someone else's.
    static let marker = "# postcheck pre-commit hook"
    static let previousName = "pre-commit.postcheck-previous"

    static func hooksFolder() throws -> String {
        let path: String
        do {
            path = try GitChanges.git(["rev-parse", "--git-path", "hooks"]).trimmingCharacters(
                in: .whitespacesAndNewlines)
        } catch {
            throw ValidationError("not inside a git repository: \(error)")
        }
        let absolute =
            path.hasPrefix("/")
            ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        try FileManager.default.createDirectory(atPath: absolute, withIntermediateDirectories: true)
        return absolute
    }

    static func isPostcheckHook(_ path: String) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return text.contains(marker)
    }

    struct Install: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write .git/hooks/pre-commit (an existing hook is kept and run first).")

        @Option(name: .long, help: "Extensions of staged files to check.")
        var extensions: [String] = ["md", "markdown", "txt"]

        func run() throws {
            let folder = try Hook.hooksFolder()
            let hook = (folder as NSString).appendingPathComponent("pre-commit")
            let previous = (folder as NSString).appendingPathComponent(Hook.previousName)
            if FileManager.default.fileExists(atPath: hook) && !Hook.isPostcheckHook(hook) {
                guard !FileManager.default.fileExists(atPath: previous) else {
                    fail("\(hook) exists and so does \(previous); remove one of them first")
                }
                // Keep the team's own hook: postcheck's hook runs it first.
                guard rename(hook, previous) == 0 else {
                    fail("cannot move the existing hook aside: \(String(cString: strerror(errno)))")
                }
                print("postcheck: kept the existing pre-commit hook as \(Hook.previousName); it still runs first")
            }
            let binary = RunningExecutable.url().path
            let patterns = extensions.map { "*.\($0.hasPrefix(".") ? String($0.dropFirst()) : $0)" }.joined(
                separator: "|")
            let script = """
                #!/usr/bin/env bash
                \(Hook.marker) (written by `postcheck hook install`; remove with `postcheck hook uninstall`).
                # Checks the staged version of each staged draft, not the working tree, and blocks the commit on failure.
                postcheck="${POSTCHECK:-\(binary)}"
                [ -x "$postcheck" ] || postcheck=postcheck
                previous="$(git rev-parse --git-path hooks)/\(Hook.previousName)"
                if [ -x "$previous" ]; then "$previous" "$@" || exit $?; fi
                status=0
                while IFS= read -r -d '' file; do
                  case "$file" in \(patterns)) ;; *) continue ;; esac
                  git show ":$file" | "$postcheck" --stdin-filename "$file" --format line --color never -
                  code=$?
                  [ "$code" -gt "$status" ] && status=$code
                done < <(git diff --cached --name-only --diff-filter=ACMR -z)
                if [ "$status" -ne 0 ]; then
                  echo "postcheck: commit blocked (fix the findings above, or commit with --no-verify)" >&2
                fi
                exit "$status"

                """
            if let error = AtomicFile.replace(hook, with: Array(script.utf8)) { fail("cannot write \(hook): \(error)") }
            chmod(hook, 0o755)
            print("postcheck: installed \(hook)")
        }
    }

    struct Uninstall: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove postcheck's pre-commit hook (and put back a hook it had kept).")

        func run() throws {
            let folder = try Hook.hooksFolder()
            let hook = (folder as NSString).appendingPathComponent("pre-commit")
            let previous = (folder as NSString).appendingPathComponent(Hook.previousName)
            guard FileManager.default.fileExists(atPath: hook) else {
                print("postcheck: no pre-commit hook installed")
                return
            }
            guard Hook.isPostcheckHook(hook) else { fail("\(hook) is not postcheck's hook; left as it is") }
            unlink(hook)
            if FileManager.default.fileExists(atPath: previous) {
                guard rename(previous, hook) == 0 else {
                    fail("cannot restore \(previous): \(String(cString: strerror(errno)))")
                }
                print("postcheck: removed the hook and restored the previous pre-commit hook")
            } else {
                print("postcheck: removed \(hook)")
            }
        }
    }
}
