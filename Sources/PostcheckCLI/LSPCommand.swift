import ArgumentParser
import Foundation
import PostcheckLanguageServer

/// `postcheck lsp`: a language server on standard input and output, for any editor with an LSP client.
struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server (LSP 3.17) on standard input and output, for editors.",
        discussion: """
            Editors start it themselves (docs/integrations.md has the set-up for Neovim, Helix, Emacs, Zed, VS Code \
            and Sublime Text). Diagnostics follow the configuration that applies to each document's path, as \
            'postcheck check' does.
            """)

    @Option(help: "Configuration file for every document, instead of the one found by walking up from each.")
    var config: String?

    func run() throws {
        let server = LanguageServer(
            input: STDIN_FILENO, output: STDOUT_FILENO, configPath: config, bundledRules: BundledRules.directory())
        throw ExitCode(server.run())
    }
}
