import ArgumentParser
import Foundation
import PostcheckCore

@main
struct Postcheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postcheck",
        abstract: "Check social-media drafts against your company's posting guidelines.",
        version: postcheckVersion,
        subcommands: [
            Check.self, Init.self, TestRules.self, Explain.self, ListRules.self, Eval.self, Serve.self, Hook.self,
            LSP.self, Report.self, Sync.self,
        ],
        defaultSubcommand: Check.self
    )

    /// postcheck's exit statuses are 0, 1 and 2; a usage error is 2 (swift-argument-parser would say 64).
    static func main() {
        #if canImport(Glibc)
        // Drafts, their masked and normalized copies and the indexes over them are arrays of megabytes, made and
        // freed per draft. Above glibc's threshold each comes fresh from the system and is faulted in page by page,
        // and freed memory is handed back. Kept in the heap (up to 32 MB, glibc's ceiling for this setting), freed
        // memory is used again. `mallopt` is looked up at run time: Swift's Glibc module does not import malloc.h.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD
            _ = mallopt(-1, 128 << 20)  // M_TRIM_THRESHOLD
        }
        #endif
        do {
            // `--changed=REV` names a revision; a bare `--changed` uses the merge base with the default branch.
            let arguments = CommandLine.arguments.dropFirst().flatMap { argument -> [String] in
                argument.hasPrefix("--changed=")
                    ? ["--changed-since", String(argument.dropFirst("--changed=".count))] : [argument]
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
