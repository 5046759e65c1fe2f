import ArgumentParser
import Dispatch
import Foundation
import Hummingbird
import PostcheckCore
import PostcheckService

/// `postcheck-server` (also started by `postcheck serve`): the pre-publish HTTP service.
@main
struct PostcheckServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postcheck-server",
        abstract: "Serve postcheck over HTTP: a JSON API, LanguageTool's API and a check page.",
        version: postcheckVersion)

    @Option(help: "Address to bind (localhost by default).") var host = "127.0.0.1"
    @Option(help: "Port (0 picks a free one; the chosen port is printed).") var port = 8080
    @Option(help: "Configuration file (.postcheck.yml or .vale.ini); default: found from the working folder.")
    var config: String?
    @Option(name: .customLong("max-body"), help: "Largest request body in bytes.") var maxBody = 1_000_000
    @Option(name: .customLong("max-concurrent"), help: "Checks run at once; more requests wait.") var maxConcurrent =
        ProcessInfo.processInfo.activeProcessorCount * 2
    @Option(
        name: .customLong("max-queue"),
        help: "Checks that may wait for a slot (default 1024); more get 503 with Retry-After.")
    var maxQueue: Int?
    @Option(
        name: .customLong("check-timeout"),
        help: "Seconds one check may take; past them its remaining rules are skipped and it does not pass.")
    var checkTimeout: Double = 5
    @Option(name: .customLong("header-timeout"), help: "Seconds a new connection has to send its first request head.")
    var headerTimeout: Double = 60
    @Option(name: .customLong("body-timeout"), help: "Seconds a request has to send its whole body, from its head.")
    var bodyTimeout: Double = 60
    @Option(
        name: .customLong("idle-timeout"),
        help: "Seconds a connection may wait between requests (or trickle its next head) before it is closed.")
    var idleTimeout: Double = 75

    @Option(
        name: .customLong("max-connections"),
        help: "Connections held at once (default: a little below the file-descriptor limit); more are closed at once.")
    var maxConnections: Int?
    @Option(
        name: .customLong("token-file"),
        help:
            "A file holding a token that every request (but GET / and /healthz) must send as 'Authorization: Bearer <token>'."
    )
    var tokenFile: String?
    @Option(
        name: .customLong("allow-origin"),
        help:
            "A web origin (https://cms.example.com) whose pages may call the service, with CORS; repeatable; '*' allows any."
    )
    var allowOrigin: [String] = []
    @Option(
        name: .customLong("report-root"),
        help: "A folder of drafts to report on at GET /v1/report (JSON) and /report (HTML).")
    var reportRoot: String?
    @Flag(name: .customLong("report-leaderboard"), help: "Name the writers in the report (an opt-in leaderboard).")
    var reportLeaderboard = false

    func validate() throws {
        guard checkTimeout > 0, idleTimeout > 0, headerTimeout > 0, bodyTimeout > 0 else {
            throw ValidationError("timeouts are positive numbers of seconds")
        }
        guard maxConcurrent > 0, (maxQueue ?? 0) >= 0 else {
            throw ValidationError("--max-concurrent must be 1 or more, --max-queue 0 or more")
        }
    }

    func run() async throws {
        let state: ServiceState
        do {
            let bundledRules = BundledRulesFolder.locate(embedded: embeddedRuleFiles)
            state = try ServiceState(
                options: .init(
                    configPath: config, bundledRules: bundledRules,
                    workingDirectory: FileManager.default.currentDirectoryPath))
        } catch {
            FileHandle.standardError.write(Data("postcheck-server: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var token: String? = nil
        if let tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8),
                case let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines), trimmed.count >= 16
            else {
                FileHandle.standardError.write(
                    Data(
                        "postcheck-server: --token-file \(tokenFile) must hold a token of 16 characters or more\n".utf8)
                )
                throw ExitCode(2)
            }
            token = trimmed
        }
        let access = AccessPolicy(token: token, allowedOrigins: allowOrigin, bindAddress: host)
        let service = PostcheckService(
            state: state, maxBodyBytes: maxBody, maxConcurrentChecks: maxConcurrent,
            maxQueuedChecks: maxQueue, checkTimeout: .milliseconds(Int64(checkTimeout * 1000)),
            access: access,
            reports: reportRoot.map {
                ReportSource(
                    root: URL(fileURLWithPath: $0).standardizedFileURL.path, leaderboard: reportLeaderboard,
                    configPath: config, bundledRules: BundledRulesFolder.locate(embedded: embeddedRuleFiles))
            })
        // SIGHUP reloads rules and configuration; a broken new configuration keeps the old one serving.
        signal(SIGHUP, SIG_IGN)
        let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        reload.setEventHandler {
            if let error = state.reload() {
                FileHandle.standardError.write(
                    Data("postcheck-server: reload failed, keeping the running configuration: \(error)\n".utf8))
            } else {
                FileHandle.standardError.write(Data("postcheck-server: configuration reloaded\n".utf8))
            }
        }
        reload.resume()
        // Connections over the limit are closed at once.
        let connections = ConnectionLimit(maximum: maxConnections ?? ConnectionLimit.belowDescriptorLimit())

        let app = Application(
            router: service.router(),
            // Idle connections, and clients that send their request head or body too slowly (slowloris, slow
            // POST), are closed; HTTP/1.0 clients get HTTP/1.0 answers and, without keep-alive, a closed connection.
            server: ServiceChannel.server(
                connections: connections,
                timeouts: .init(
                    head: .milliseconds(Int64(headerTimeout * 1000)),
                    body: .milliseconds(Int64(bodyTimeout * 1000)),
                    idle: .milliseconds(Int64(idleTimeout * 1000)))),
            configuration: .init(address: .hostname(host, port: port), serverName: "postcheck"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                print("postcheck-server listening on http://\(host):\(bound)")
                fflush(nil)
            })
        try await app.runService()
        print("postcheck-server stopped")
    }
}
