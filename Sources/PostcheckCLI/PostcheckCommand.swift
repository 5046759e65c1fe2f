import ArgumentParser
import Foundation

@main
struct Postcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postcheck",
        abstract: "Check social-media drafts against your company's posting guidelines.",
        version: "0.1.0",
        subcommands: [Check.self, Init.self, TestRules.self, Explain.self, ListRules.self, Eval.self, Serve.self, Hook.self],
        defaultSubcommand: Check.self
    )

    /// postcheck's exit statuses are 0, 1 and 2; a usage error is 2 (swift-argument-parser would say 64).
    static func main() {
        do {
            // `--changed=REV` names a revision; a bare `--changed` uses the merge base with the default branch.
            let arguments = CommandLine.arguments.dropFirst().flatMap { argument -> [String] in
                argument.hasPrefix("--changed=") ? ["--changed-since", String(argument.dropFirst("--changed=".count))] : [argument]
            }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
