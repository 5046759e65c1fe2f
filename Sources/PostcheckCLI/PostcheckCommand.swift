import ArgumentParser
import Foundation

@main
struct Postcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postcheck",
        abstract: "Check social-media drafts against your company's posting guidelines.",
        version: "0.1.0",
        subcommands: [Check.self],
        defaultSubcommand: Check.self
    )

    /// postcheck's exit statuses are 0, 1 and 2; a usage error is 2 (swift-argument-parser would say 64).
    static func main() {
        do {
            var command = try parseAsRoot()
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
