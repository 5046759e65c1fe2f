import ArgumentParser
import Foundation
import PostcheckLanguageServer

/// `postcheck lsp`: a language server on standard input and output (or one TCP connection), for any editor with an
/// LSP client.
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

    @Option(
        help:
            "Serve one client on this TCP port of 127.0.0.1 instead of standard input and output (0 picks one and prints it on standard error)."
    )
    var tcp: Int?

    func run() throws {
        var input = STDIN_FILENO
        var output = STDOUT_FILENO
        if let tcp {
            let connection = try acceptOneClient(port: tcp)
            input = connection
            output = connection
        }
        let server = LanguageServer(
            input: input, output: output, configPath: config, bundledRules: BundledRules.directory())
        throw ExitCode(server.run())
    }

    /// Listens on 127.0.0.1:`port`, says where on standard error, and returns the first client's socket.
    private func acceptOneClient(port: Int) throws -> Int32 {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0, (0...65535).contains(port) else { throw ValidationError("cannot listen on port \(port)") }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 1) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            throw ValidationError("cannot listen on 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
        }
        warn("lsp listening on 127.0.0.1:\(UInt16(bigEndian: address.sin_port))")
        let client = accept(listener, nil, nil)
        close(listener)
        guard client >= 0 else { throw ValidationError("no client connected: \(String(cString: strerror(errno)))") }
        return client
    }
}
