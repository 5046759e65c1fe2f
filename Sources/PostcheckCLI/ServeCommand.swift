import ArgumentParser
import Foundation
import PostcheckCore

/// `postcheck serve`: starts `postcheck-server` (built beside `postcheck`), which holds the HTTP stack so that the
/// command-line tool stays small.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the pre-publish API, LanguageTool's API and a check page over HTTP (runs postcheck-server).")

    @Option(help: "Address to bind (localhost by default).") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one).") var port = 8080
    @Option(help: "Configuration file; default: found from the working folder.") var config: String?
    @Option(name: .customLong("max-body"), help: "Largest request body in bytes.") var maxBody = 1_000_000
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Any other option of postcheck-server (--max-concurrent, --max-queue, --check-timeout, --header-timeout, --body-timeout, --idle-timeout), passed on."
        ))
    var serverOptions: [String] = []

    func run() throws {
        let folder = RunningExecutable.url().deletingLastPathComponent()
        let candidates =
            [folder.appendingPathComponent("postcheck-server").path]
            + ProcessInfo.processInfo.environment["PATH", default: ""]
            .split(separator: ":").map { "\($0)/postcheck-server" }
        guard let server = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            fail(
                "postcheck-server is not installed next to postcheck; build it with `swift build --product postcheck-server`"
            )
        }
        var arguments = [server, "--host", host, "--port", String(port), "--max-body", String(maxBody)]
        if let config { arguments += ["--config", config] }
        arguments += serverOptions
        let cArguments = arguments.map { strdup($0) } + [nil]
        execv(server, cArguments)
        fail("cannot start \(server): \(String(cString: strerror(errno)))")
    }
}
