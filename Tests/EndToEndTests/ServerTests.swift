import Foundation
import XCTest

/// The real `postcheck-server` on a free loopback port, driven by real clients: curl, language_tool_python,
/// schemathesis, headless Chromium, raw sockets.
final class ServerTests: XCTestCase {
    final class Server {
        let process = Process()
        let scratch: URL
        let output: URL
        let errors: URL
        var port = 0
        var base: String { "http://127.0.0.1:\(port)" }

        init(in folder: URL, arguments: [String] = []) throws {
            scratch = try makeTemporaryFolder()
            output = scratch.appendingPathComponent("out")
            errors = scratch.appendingPathComponent("err")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.executableURL = postcheckBinary.deletingLastPathComponent().appendingPathComponent(
                "postcheck-server")
            process.arguments = ["--port", "0"] + arguments
            process.currentDirectoryURL = folder
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
                if let line = text.split(separator: "\n").first(where: { $0.contains("listening on") }),
                    let port = Int(line.split(separator: ":").last ?? "")
                {
                    self.port = port
                    return
                }
                usleep(50_000)
            }
            throw NSError(
                domain: "server did not start: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")", code: 1)
        }

        var log: String { (try? String(contentsOf: errors, encoding: .utf8)) ?? "" }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }

        deinit {
            stop()
            try? FileManager.default.removeItem(at: scratch)
        }
    }

    private let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// Python for the raw-socket tests: `post_check(port, body, timeout)` sends one `POST /v1/check` on its own
    /// connection and returns the whole response once the server closes it.
    private static let pythonPost = """
        import socket
        def post_check(port, body, timeout):
            s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
            s.sendall(b"POST /v1/check HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\nContent-Type: application/json\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body) + body)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
            return data
        """

    private func curl(_ arguments: [String]) throws -> (status: Int, body: String) {
        let result = try tool("curl", ["-s", "-o", "-", "-w", "\n%{http_code}"] + arguments)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    private func object(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    func testJSONCheckAndProblems() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let server = try Server(in: fixtures, arguments: ["--max-body", "100000"])
        let check = try curl([
            "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json",
            "-d", #"{"text": "Wij 👩🏽‍💻 verslaan Globex, TODO", "lang": "nl", "platform": "linkedin"}"#,
        ])
        XCTAssertEqual(check.status, 200, check.body)
        let result = try object(check.body)
        XCTAssertEqual(result["passed"] as? Bool, false)
        XCTAssertEqual(result["language"] as? String, "nl")
        let findings = result["findings"] as! [[String: Any]]
        let globex = try XCTUnwrap(findings.first { $0["rule"] as? String == "postcheck.CompetitorComparison" })
        XCTAssertEqual(globex["utf16Offset"] as? Int, 21, "after 👩🏽‍💻 (7 UTF-16 units)")
        XCTAssertEqual(globex["column"] as? Int, 19)
        // Findings speak the draft's language, or the one asked for.
        XCTAssertEqual(result["messageLanguage"] as? String, "nl")
        XCTAssertEqual(
            globex["message"] as? String,
            "'Globex' staat naast een vergelijking of een sneer: noem concurrenten alleen neutraal.")
        let french = try object(
            try curl([
                "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json",
                "-d",
                #"{"text": "Contrairement à Globex, nous répondons en moins d'une heure.", "messageLanguage": "nl"}"#,
            ]).body)
        XCTAssertEqual(french["language"] as? String, "fr")
        XCTAssertEqual(french["messageLanguage"] as? String, "nl")
        XCTAssertEqual(
            (french["findings"] as? [[String: Any]])?.first?["message"] as? String,
            "'Globex' staat naast een vergelijking of een sneer: noem concurrenten alleen neutraal.")
        let problems: [([String], Int)] = [
            (
                [
                    "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "-d",
                    #"{"text": "x y z", "messageLanguage": "de"}"#,
                ], 422
            ),
            (["-X", "GET", "\(server.base)/v1/check"], 405),
            (["-X", "QUERY", "\(server.base)/v1/check"], 405),
            (["-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: text/plain", "-d", "x"], 415),
            (["-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "-d", "{bad"], 400),
            (["-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "-d", ""], 400),
            (
                [
                    "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "-d",
                    #"{"text": 5}"#,
                ], 422
            ),
            (
                [
                    "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "-d",
                    #"{"lang": "nl"}"#,
                ], 422
            ),
            (
                [
                    "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "--data-binary",
                    "@-",
                ], 400
            ),
        ]
        for (arguments, status) in problems {
            let response = try curl(arguments)
            XCTAssertEqual(response.status, status, arguments.joined(separator: " "))
            XCTAssertEqual(try object(response.body)["status"] as? Int, status)
        }
        // Over the body limit (here 100 KB): 413, and the server goes on serving.
        let big = try temporaryFolder().appendingPathComponent("big.json")
        try Data(("{\"text\": \"" + String(repeating: "x", count: 200_000) + "\"}").utf8).write(to: big)
        XCTAssertEqual(
            try curl([
                "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "--data-binary",
                "@\(big.path)",
            ]).status, 413)
        let notUTF8 = try temporaryFolder().appendingPathComponent("latin1.json")
        try Data([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]).write(to: notUTF8)
        XCTAssertEqual(
            try curl([
                "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "--data-binary",
                "@\(notUTF8.path)",
            ]).status, 400)
        XCTAssertEqual(try curl(["\(server.base)/healthz"]).status, 200)
        XCTAssertTrue(server.log.contains(#""path":"/v1/check","status":415"#), "structured access log")
    }

    /// The service never answers "passed" for a draft it did not check: empty text, unknown language or platform,
    /// a rule stopped by PCRE2's limits (the LanguageTool API says incompleteResults), a form it cannot decode.
    func testFailsClosed() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let server = try Server(in: fixtures)
        func post(_ body: String) throws -> (status: Int, body: String) {
            try curl([
                "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "--data-binary", body,
            ])
        }
        XCTAssertEqual(try post(#"{"text": ""}"#).status, 422)
        XCTAssertEqual(try post(#"{"text": "  \n "}"#).status, 422)
        XCTAssertEqual(try post(#"{"text": "Hello team", "platform": "myspace"}"#).status, 422)
        let klingon = try post(#"{"text": "Unlike Globex we rock", "lang": "klingon"}"#)
        XCTAssertEqual(klingon.status, 400)
        XCTAssertTrue(klingon.body.contains("unknown language"), klingon.body)
        let padded = try post(#"{"text": "\#(String(repeating: "\\n", count: 4000))Ours is faster than Globex."}"#)
        XCTAssertEqual(padded.status, 200, padded.body)
        let result = try object(padded.body)
        XCTAssertEqual(result["passed"] as? Bool, false)
        XCTAssertEqual(result["language"] as? String, "en")
        // LanguageTool form: a bare % or a byte that is not UTF-8 is refused, not checked as an empty text; the
        // query string is decoded once.
        for form in ["text=100% slechter dan Globex&language=nl", "text=%FF&language=nl"] {
            XCTAssertEqual(
                try curl(["-X", "POST", "\(server.base)/v2/check", "--data-binary", form]).status, 400, form)
        }
        let once = try curl(["-X", "POST", "\(server.base)/v2/check?language=en&text=TODO%20a%2520b"])
        XCTAssertEqual(once.status, 200, once.body)
        XCTAssertTrue(once.body.contains("a%20b"), once.body)

        // A rule stopped by a limit: not passed, and the rule is named.
        let root = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), root.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data("extends: existence\nmessage: x\nnonword: true\nscope: raw\nraw: ['(a+)+$']\n".utf8),
            root.appendingPathComponent("p/Runaway.yml"))
        let runaway = try Server(in: root)
        let text = String(repeating: "a", count: 40) + "!"
        let stopped = try curl([
            "-X", "POST", "\(runaway.base)/v1/check", "-H", "Content-Type: application/json",
            "--data-binary", #"{"text": "\#(text)"}"#,
        ])
        XCTAssertEqual(stopped.status, 200, stopped.body)
        let stoppedResult = try object(stopped.body)
        XCTAssertEqual(stoppedResult["passed"] as? Bool, false)
        XCTAssertEqual(((stoppedResult["incomplete"] as? [[String: Any]])?.first)?["rule"] as? String, "p.Runaway")
        let languageTool = try curl([
            "-X", "POST", "\(runaway.base)/v2/check", "--data-binary", "language=en&text=\(text)",
        ])
        XCTAssertTrue(
            languageTool.body.contains(#""incompleteResults":true"#)
                || languageTool.body.contains(#""incompleteResults": true"#),
            languageTool.body)
    }

    /// Bounded work: a check past its time limit fails closed; beyond the queue limit requests get 503 with
    /// Retry-After while /healthz still answers; a connection that sends its request head too slowly is closed.
    func testBoundedWork() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let hurried = try Server(in: fixtures, arguments: ["--check-timeout", "0.000001"])
        let late = try curl([
            "-X", "POST", "\(hurried.base)/v1/check", "-H", "Content-Type: application/json",
            "-d", #"{"text": "Een fijne dag met het team in Gent."}"#,
        ])
        XCTAssertEqual(late.status, 200, late.body)
        XCTAssertEqual(try object(late.body)["passed"] as? Bool, false)
        XCTAssertTrue(late.body.contains("time limit"), late.body)

        let narrow = try Server(
            in: fixtures, arguments: ["--max-concurrent", "1", "--max-queue", "0", "--idle-timeout", "1"])
        let script = """
            import socket, sys, threading, time, json
            port = int(sys.argv[1])
            text = ("Onze klanten in Gent en Antwerpen zijn tevreden over de nieuwe app. " * 12000)
            body = json.dumps({"text": text}).encode()
            statuses = []
            \(Self.pythonPost)
            def one():
                data = post_check(port, body, 120)
                statuses.append((data[9:12].decode(), b"retry-after: 1" in data.lower()))
            threads = [threading.Thread(target=one) for i in range(4)]
            for t in threads: t.start()
            time.sleep(0.3)
            s = socket.create_connection(("127.0.0.1", port), timeout=10)
            s.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n")
            health = s.recv(100)[9:12].decode()
            for t in threads: t.join()
            slow = socket.create_connection(("127.0.0.1", port), timeout=10)
            slow.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1")
            time.sleep(2.5)
            closed = slow.recv(100) == b""
            print(json.dumps({"statuses": statuses, "health": health, "slowClosed": closed}))
            """
        let result = try tool("python3", ["-c", script, String(narrow.port)])
        let report = try object(result.stdout)
        let statuses = (report["statuses"] as? [[Any]] ?? []).map { ($0[0] as? String ?? "", $0[1] as? Bool ?? false) }
        XCTAssertEqual(statuses.count, 4, result.stderr)
        XCTAssertTrue(statuses.contains { $0.0 == "200" }, "\(statuses)")
        XCTAssertTrue(
            statuses.contains { $0 == ("503", true) },
            "a request beyond the queue gets 503 with Retry-After: \(statuses)")
        XCTAssertEqual(report["health"] as? String, "200", "/healthz answers while checks are busy")
        XCTAssertEqual(report["slowClosed"] as? Bool, true, "a request head sent too slowly is cut off")
    }

    /// The programme report over --report-root: JSON as `postcheck report`, the HTML page in the language asked for,
    /// writers anonymous unless the service was started with --report-leaderboard, bad queries refused.
    func testReportEndpoints() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let plain = try Server(in: fixtures, arguments: ["--report-root", "report"])
        let json = try curl(["\(plain.base)/v1/report?since=2026-10-01"])
        XCTAssertEqual(json.status, 200, json.body)
        let object = try object(json.body)
        XCTAssertEqual((object["drafts"] as? [String: Any])?["checked"] as? Int, 6, "the drafts from October on")
        XCTAssertFalse(json.body.contains("Bart Claes"), "anonymous writers")
        let page = try curl(["\(plain.base)/report?lang=fr"])
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("<h1>Rapport sur les lignes directrices</h1>"), String(page.body.prefix(600)))
        XCTAssertEqual(try curl(["\(plain.base)/v1/report?since=yesterday"]).status, 400)
        XCTAssertEqual(try curl(["\(plain.base)/report?lang=de"]).status, 400)
        XCTAssertEqual(try curl(["-X", "POST", "\(plain.base)/v1/report"]).status, 405)
        let board = try Server(in: fixtures, arguments: ["--report-root", "report", "--report-leaderboard"])
        XCTAssertTrue(try curl(["\(board.base)/v1/report"]).body.contains(#""name": "Bart Claes""#))
        let none = try Server(in: fixtures)
        XCTAssertEqual(try curl(["\(none.base)/v1/report"]).status, 404)
    }

    /// HTTP/1.0 semantics and request deadlines: an HTTP/1.0 request without keep-alive gets an HTTP/1.0 answer
    /// with `Connection: close` and a closed connection; with keep-alive the connection serves a second request;
    /// `Connection: close` on HTTP/1.1 is echoed and honoured; a connection that never sends its head, and a body
    /// trickled a byte at a time, are cut off at their deadlines.
    func testHTTP10AndRequestDeadlines() throws {
        let server = try Server(
            in: fixtures, arguments: ["--header-timeout", "1", "--body-timeout", "1", "--idle-timeout", "30"])
        let script = """
            import socket, sys, time, json
            port = int(sys.argv[1])
            def exchange(request, timeout=5):
                s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
                s.sendall(request)
                data = b""
                try:
                    while True:
                        chunk = s.recv(65536)
                        if not chunk: return data, "closed"
                        data += chunk
                except socket.timeout:
                    return data, "open"
            def head(data): return data.split(b"\\r\\n\\r\\n")[0].decode().lower()
            report = {}
            data, state = exchange(b"GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n")
            report["http10"] = [head(data).split("\\r\\n")[0], "connection: close" in head(data), state]
            data, state = exchange(b"GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\nConnection: keep-alive\\r\\n\\r\\n"
                                   b"GET /healthz HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n", timeout=3)
            report["http10KeepAlive"] = [data.count(b"HTTP/1.0 200"), b"connection: keep-alive" in data.lower(), state]
            data, state = exchange(b"GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n")
            report["http11Close"] = [head(data).split("\\r\\n")[0], "connection: close" in head(data), state]
            silent = socket.create_connection(("127.0.0.1", port), timeout=10)
            started = time.time()
            report["silentClosedAfter"] = [silent.recv(100) == b"", round(time.time() - started)]
            slow = socket.create_connection(("127.0.0.1", port), timeout=10)
            slow.sendall(b"POST /v1/check HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: 400\\r\\n\\r\\n{")
            started = time.time()
            try:
                for i in range(40):
                    time.sleep(0.1)
                    slow.sendall(b" ")
                cut = False
            except OSError:
                cut = True
            report["slowBodyCut"] = [cut, round(time.time() - started)]
            print(json.dumps({key: " ".join(map(str, value)) for key, value in report.items()}))
            """
        let result = try tool("python3", ["-c", script, String(server.port)])
        let report = try object(result.stdout)
        XCTAssertEqual(report["http10"] as? String, "http/1.0 200 ok True closed", result.stdout + result.stderr)
        XCTAssertEqual(
            report["http10KeepAlive"] as? String, "2 True closed", "two answers, then closed by the second request")
        XCTAssertEqual(report["http11Close"] as? String, "http/1.1 200 ok True closed", result.stdout)
        XCTAssertEqual(report["silentClosedAfter"] as? String, "True 1", "closed after the 1 s header timeout")
        XCTAssertEqual(report["slowBodyCut"] as? String, "True 1", "cut after the 1 s body timeout")
    }

    /// Access: a page from another origin cannot post a draft to the local service unless allowed (then with CORS and
    /// preflight); a rebound Host is refused; with a token file every API call needs the token.
    func testAccessControl() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let tokenFile = try temporaryFolder().appendingPathComponent("token")
        try Data("s3cret-token-of-enough-length\n".utf8).write(to: tokenFile)
        let server = try Server(
            in: fixtures, arguments: ["--token-file", tokenFile.path, "--allow-origin", "https://cms.example.com"])
        let body = #"{"text": "Een fijne dag met het team."}"#
        let json = ["-H", "Content-Type: application/json", "-d", body]
        XCTAssertEqual(try curl(["-X", "POST", "\(server.base)/v1/check"] + json).status, 401)
        let authorized = ["-H", "Authorization: Bearer s3cret-token-of-enough-length"]
        XCTAssertEqual(try curl(["-X", "POST", "\(server.base)/v1/check"] + json + authorized).status, 200)
        XCTAssertEqual(try curl(["\(server.base)/healthz"]).status, 200, "health needs no token")
        XCTAssertEqual(
            try curl(
                ["-X", "POST", "\(server.base)/v1/check", "-H", "Origin: https://evil.example"] + json + authorized
            ).status, 403)
        XCTAssertEqual(
            try curl(["-X", "POST", "\(server.base)/v1/check", "-H", "Host: rebound.example"] + json + authorized)
                .status, 403)
        let preflight = try tool(
            "curl",
            [
                "-s", "-i", "-X", "OPTIONS", "\(server.base)/v1/check", "-H", "Origin: https://cms.example.com",
                "-H", "Access-Control-Request-Method: POST",
            ])
        XCTAssertTrue(preflight.stdout.hasPrefix("HTTP/1.1 204"), preflight.stdout)
        XCTAssertTrue(
            preflight.stdout.lowercased().contains("access-control-allow-origin: https://cms.example.com"),
            preflight.stdout)
        let cors = try tool(
            "curl",
            ["-s", "-i", "-X", "POST", "\(server.base)/v1/check", "-H", "Origin: https://cms.example.com"] + json
                + authorized)
        XCTAssertTrue(cors.stdout.hasPrefix("HTTP/1.1 200"), cors.stdout)
        XCTAssertTrue(
            cors.stdout.lowercased().contains("access-control-allow-origin: https://cms.example.com"), cors.stdout)
        // The check page's own origin is the service's: allowed.
        XCTAssertEqual(
            try curl(["-X", "POST", "\(server.base)/v1/check", "-H", "Origin: \(server.base)"] + json + authorized)
                .status, 200)
    }

    /// LanguageTool's rule and category choices (`enabledRules` turning on a rule the configuration leaves off),
    /// regional variants and sentence ranges.
    func testLanguageToolOptions() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let server = try Server(in: fixtures)
        func check(_ form: String) throws -> [String: Any] {
            let response = try curl(["-X", "POST", "\(server.base)/v2/check", "--data-binary", form])
            XCTAssertEqual(response.status, 200, response.body)
            return try object(response.body)
        }
        func rules(_ result: [String: Any]) -> [String] {
            (result["matches"] as? [[String: Any]] ?? []).compactMap {
                ($0["rule"] as? [String: Any])?["id"] as? String
            }
        }
        let text = "text=TODO%3A%20onze%20cijfers%20zijn%20VERTROUWELIJK.%20Tot%20morgen%21"
        XCTAssertEqual(
            Set(rules(try check(text + "&language=nl"))), ["postcheck.Placeholder", "postcheck.Confidential"])
        XCTAssertEqual(
            rules(try check(text + "&language=nl&disabledRules=postcheck.Placeholder")), ["postcheck.Confidential"])
        XCTAssertEqual(
            rules(try check(text + "&language=nl&enabledOnly=true&enabledRules=postcheck.Placeholder")),
            ["postcheck.Placeholder"])
        XCTAssertEqual(rules(try check(text + "&language=nl&disabledCategories=POSTCHECK")), [])
        // The sample configuration allows humour (postcheck.Humour off); as in LanguageTool, enabledRules turns it on.
        let joke =
            "text=Haha%20just%20kidding%2C%20LOL%20%F0%9F%98%82%F0%9F%98%82.%20Our%20team%20had%20a%20great%20day.&language=en"
        XCTAssertEqual(rules(try check(joke)), [])
        XCTAssertEqual(rules(try check(joke + "&enabledRules=postcheck.Humour")), ["postcheck.Humour"])
        let variant = try check(text + "&language=auto&preferredVariants=nl-BE,en-GB")
        let language = variant["language"] as? [String: Any]
        XCTAssertEqual((language?["detectedLanguage"] as? [String: Any])?["code"] as? String, "nl-BE")
        XCTAssertEqual(variant["sentenceRanges"] as? [[Int]], [[0, 38], [39, 11]])
        // Messages in the writer's language: the text's, or LanguageTool's motherTongue when postcheck speaks it.
        func messages(_ result: [String: Any]) -> [String] {
            (result["matches"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        }
        XCTAssertTrue(
            messages(try check(text + "&language=nl")).contains("Er staat nog een invulplek in de tekst: 'TODO'."))
        XCTAssertTrue(
            messages(try check(text + "&language=nl&motherTongue=fr")).contains(
                "Il reste un espace réservé dans le brouillon : 'TODO'."))
        XCTAssertTrue(
            messages(try check(text + "&language=nl&motherTongue=pl")).contains(
                "Er staat nog een invulplek in de tekst: 'TODO'."), "a mother tongue postcheck does not speak")
    }

    /// A connection limit below the file-descriptor limit: connections over it are closed at once, and once one
    /// goes, the service answers again.
    func testConnectionLimit() throws {
        let server = try Server(in: fixtures, arguments: ["--max-connections", "3"])
        let script = """
            import socket, sys
            port = int(sys.argv[1])
            held = [socket.create_connection(("127.0.0.1", port), timeout=5) for i in range(3)]
            import time; time.sleep(0.3)  # set up on the server's event loops before the next one comes
            extra = socket.create_connection(("127.0.0.1", port), timeout=5)
            extra.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n")
            try:
                closed = extra.recv(100) == b""
            except ConnectionResetError:
                closed = True
            held[0].close()
            import time; time.sleep(0.2)
            again = socket.create_connection(("127.0.0.1", port), timeout=5)
            again.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nConnection: close\\r\\n\\r\\n")
            print("closed" if closed else "served", again.recv(100)[9:12].decode())
            """
        let result = try tool("python3", ["-c", script, String(server.port)])
        XCTAssertEqual(result.stdout, "closed 200\n", result.stderr)
    }

    func testRulesHealthAndMetrics() throws {
        guard requireTool("curl", install: "apt-get install curl") else { return }
        let server = try Server(in: fixtures)
        let rules = try object(try curl(["\(server.base)/v1/rules"]).body)["rules"] as! [[String: Any]]
        XCTAssertTrue(rules.contains { $0["id"] as? String == "postcheck.Disclosure" })
        XCTAssertEqual(try object(try curl(["\(server.base)/healthz"]).body)["status"] as? String, "ok")
        _ = try curl([
            "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json", "-d", #"{"text": "TODO"}"#,
        ])
        let metrics = try curl(["\(server.base)/metrics"]).body
        XCTAssertTrue(metrics.contains(#"postcheck_requests_total{route="/v1/check",status="200"} 1"#), metrics)
        XCTAssertTrue(metrics.contains(#"postcheck_findings_total{rule="postcheck.Placeholder"} 1"#), metrics)
        XCTAssertTrue(metrics.contains("postcheck_request_duration_seconds_bucket{le=\"+Inf\"}"), metrics)
    }

    func testLanguageToolPythonAppliesAReplacementAfterAnEmoji() throws {
        let server = try Server(in: fixtures)
        let script = """
            import sys, language_tool_python
            tool = language_tool_python.LanguageTool('en-US', remote_server=sys.argv[1])
            text = "Great 👩🏽‍💻 news: we did it!!"
            matches = tool.check(text)
            print(sorted(m.rule_id for m in matches))
            print(language_tool_python.utils.correct(text, matches))
            """
        let result = try tool("python3", ["-c", script, server.base])
        XCTAssertEqual(result.status, 0, "pip install language_tool_python: " + result.stderr)
        XCTAssertEqual(result.stdout, "['postcheck.Exclamation']\nGreat 👩🏽‍💻 news: we did it!\n")
        // LanguageTool's `data` form: markup keeps its place in the offsets.
        let data = #"{"annotation":[{"text":"Launch "},{"markup":"<b>"},{"text":"TODO"},{"markup":"</b>"}]}"#
        let response = try tool(
            "curl", ["-s", "\(server.base)/v2/check", "--data-urlencode", "data=\(data)", "-d", "language=en-US"])
        let matches = try object(response.stdout)["matches"] as! [[String: Any]]
        XCTAssertEqual(matches.first?["offset"] as? Int, 10)
        let languages =
            try JSONSerialization.jsonObject(
                with: Data(try tool("curl", ["-s", "\(server.base)/v2/languages"]).stdout.utf8)) as! [[String: Any]]
        XCTAssertTrue(languages.contains { $0["longCode"] as? String == "nl-BE" })
    }

    func testReloadOnSIGHUPKeepsServingWithABadConfiguration() throws {
        let project = try temporaryFolder()
        try writeFile(Data("packs: [./p]\n".utf8), project.appendingPathComponent(".postcheck.yml"))
        try writeFile(
            Data("extends: existence\nmessage: x\ntokens: [alpha]\n".utf8), project.appendingPathComponent("p/A.yml"))
        let server = try Server(in: project)
        func rules(_ text: String) throws -> [String] {
            let body = try tool(
                "curl",
                [
                    "-s", "-X", "POST", "\(server.base)/v1/check", "-H", "Content-Type: application/json",
                    "-d", "{\"text\": \"\(text)\"}",
                ]
            ).stdout
            return (try object(body)["findings"] as! [[String: Any]]).map { $0["rule"] as! String }
        }
        XCTAssertEqual(try rules("alpha beta"), ["p.A"])
        try writeFile(
            Data("extends: existence\nmessage: x\ntokens: [beta]\n".utf8), project.appendingPathComponent("p/B.yml"))
        kill(server.process.processIdentifier, SIGHUP)
        try waitFor { server.log.contains("configuration reloaded") }
        XCTAssertEqual(try rules("alpha beta"), ["p.A", "p.B"])
        try writeFile(
            Data("extends: existence\nmessage: x\ntokens: ['(']\n".utf8), project.appendingPathComponent("p/C.yml"))
        kill(server.process.processIdentifier, SIGHUP)
        try waitFor { server.log.contains("reload failed") }
        XCTAssertTrue(server.log.contains("C.yml:3"), server.log)
        XCTAssertEqual(try rules("alpha beta"), ["p.A", "p.B"], "the old rules keep serving")
    }

    func testSIGTERMLetsAnInFlightRequestFinish() throws {
        let server = try Server(in: fixtures)
        // Send the headers and half the body, ask the server to stop, then send the rest.
        let script = """
            import socket, sys, os, signal, time
            port, pid = int(sys.argv[1]), int(sys.argv[2])
            body = b'{"text": "TODO and more text to check."}'
            s = socket.create_connection(("127.0.0.1", port))
            s.sendall(b"POST /v1/check HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(body))
            s.sendall(body[:10])
            time.sleep(0.3)
            os.kill(pid, signal.SIGTERM)
            time.sleep(0.3)
            # A new connection while the server drains is refused at once, not left hanging.
            try:
                late = socket.create_connection(("127.0.0.1", port), timeout=5)
                late.sendall(b"GET /healthz HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n")
                refused = late.recv(100) == b""
            except (ConnectionRefusedError, ConnectionResetError):
                refused = True
            except socket.timeout:
                refused = False
            s.sendall(body[10:])
            data = b""
            while b"postcheck.Placeholder" not in data:
                chunk = s.recv(65536)
                if not chunk: break
                data += chunk
            print(data.split(b"\\r\\n")[0].decode(), "refused" if refused else "hung")
            """
        let result = try tool("python3", ["-c", script, String(server.port), String(server.process.processIdentifier)])
        XCTAssertEqual(result.stdout, "HTTP/1.1 200 OK refused\n", result.stderr)
        server.process.waitUntilExit()
        XCTAssertEqual(server.process.terminationStatus, 0)
        XCTAssertTrue((try String(contentsOf: server.output, encoding: .utf8)).contains("postcheck-server stopped"))
    }

    func testManyConnectionsAtOnce() throws {
        let server = try Server(in: fixtures)
        let script = """
            import socket, sys, threading
            port = int(sys.argv[1])
            ok = []
            \(Self.pythonPost)
            def one(i):
                try:
                    data = post_check(port, b'{"text": "Post %d with TODO"}' % i, 60)
                    ok.append(data.startswith(b"HTTP/1.1 200"))
                except Exception as e:
                    ok.append(False)
            threads = [threading.Thread(target=one, args=(i,)) for i in range(1000)]
            for t in threads: t.start()
            for t in threads: t.join()
            print(sum(ok), len(ok))
            """
        let result = try tool("python3", ["-c", script, String(server.port)])
        let counts = result.stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        XCTAssertEqual(counts.last, 1000, result.stderr)
        XCTAssertGreaterThanOrEqual(counts.first ?? 0, 990, "nearly all of 1,000 simultaneous requests answered")
        XCTAssertEqual(try curl(["\(server.base)/healthz"]).status, 200, "still serving")
        // Clients that hang up half-way through their request.
        let quitters = """
            import socket, sys
            for i in range(100):
                s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                s.sendall(b"POST /v1/check HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\nContent-Type: application/json\\r\\nContent-Length: 1000\\r\\n\\r\\n{\\"text\\": \\"half")
                s.close()
            print("done")
            """
        XCTAssertEqual(try tool("python3", ["-c", quitters, String(server.port)]).stdout, "done\n")
        XCTAssertEqual(try curl(["\(server.base)/healthz"]).status, 200, "still serving after clients hung up")
        let status = try String(contentsOfFile: "/proc/\(server.process.processIdentifier)/status", encoding: .utf8)
        let rss =
            status.split(separator: "\n").first { $0.hasPrefix("VmRSS") }.flatMap {
                Int($0.split(separator: " ").dropFirst().first ?? "")
            } ?? 0
        XCTAssertLessThan(rss, 400_000, "resident memory stays bounded (KiB)")
    }

    func testOpenAPIDescriptionIsValidAndSchemathesisFindsNoFailure() throws {
        let spec = packageRoot.appendingPathComponent("openapi.yaml").path
        let validation = try tool("openapi-spec-validator", [spec])
        XCTAssertEqual(
            validation.status, 0, "pip install openapi-spec-validator: " + validation.stdout + validation.stderr)
        let server = try Server(in: fixtures, arguments: ["--report-root", "report"])
        let run = try tool("schemathesis", ["run", spec, "--url", server.base, "--max-examples", "30", "--seed", "1"])
        XCTAssertEqual(run.status, 0, "pip install schemathesis: " + run.stdout.suffix(3000) + run.stderr)
        XCTAssertTrue(run.stdout.contains("No issues found"), String(run.stdout.suffix(2000)))
    }

    func testCheckPageInHeadlessChromium() throws {
        guard requireTool("chromium", install: "apt-get install chromium") else { return }
        let server = try Server(in: fixtures)
        let draft = "Lancering op TODO 👩🏽‍💻 met Globex"
        let url =
            "\(server.base)/?lang=nl&text=" + (draft.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        let artifacts = packageRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=15000",
            "--user-data-dir=\(try temporaryFolder().path)",
        ]
        let dom = try tool("chromium", common + ["--dump-dom", url])
        XCTAssertTrue(
            dom.stdout.contains("data-checked=\"true\""),
            "the page checked the draft: " + String(dom.stdout.suffix(1500)) + dom.stderr.suffix(1500))
        XCTAssertTrue(dom.stdout.contains(#"data-rule="postcheck.Placeholder""#), String(dom.stdout.suffix(2000)))
        XCTAssertTrue(
            dom.stdout.contains(
                #"<mark class="error" title="Placeholder 'TODO' left in the draft.">TODO</mark>"#),
            String(dom.stdout.suffix(2000)))
        let shot = artifacts.appendingPathComponent("check-page.png")
        _ = try tool("chromium", common + ["--window-size=1000,900", "--screenshot=\(shot.path)", url])
        XCTAssertTrue(FileManager.default.fileExists(atPath: shot.path), "screenshot kept in test-artifacts/")
    }

    /// The check page used as a person would, in headless Chromium over the DevTools protocol
    /// (`Tests/CheckPage/drive_check_page.py`): drafts in three languages checked with Ctrl+Enter, the page's
    /// language switched, a fix applied from the keyboard, an empty draft, the live counter, overlapping findings,
    /// screenshots at desktop width and at 390 px; no request leaves the service and the console stays clean.
    func testCheckPageDrivenLikeAPerson() throws {
        guard requireTool("chromium", install: "apt-get install chromium") else { return }
        let server = try Server(in: fixtures)
        let artifacts = packageRoot.appendingPathComponent("test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let run = try tool(
            "python3",
            [
                packageRoot.appendingPathComponent("Tests/CheckPage/drive_check_page.py").path, server.base,
                artifacts.path,
            ])
        XCTAssertEqual(run.status, 0, run.stderr)
        let seen = try object(run.stdout)
        func page(_ key: String) -> [String: Any] { seen[key] as? [String: Any] ?? [:] }
        func findings(_ key: String) -> [[String: Any]] { page(key)["findings"] as? [[String: Any]] ?? [] }
        // Grouped by seriousness, the plain message first, rule and position in a details line.
        XCTAssertEqual(page("english")["headings"] as? [String], ["Must change (2)", "Could be better (1)"])
        XCTAssertEqual(page("english")["score"] as? String, "Score 47/100: change it before you publish")
        XCTAssertEqual(
            findings("english").map { $0["rule"] as? String },
            ["postcheck.CompetitorComparison", "postcheck.Placeholder", "postcheck.Exclamation"])
        XCTAssertEqual(
            findings("english").first?["details"] as? String, "Rule postcheck.CompetitorComparison, line 1, column 8")
        // The page in Dutch and in French: its words and the findings.
        XCTAssertEqual(page("dutch")["lang"] as? String, "nl")
        XCTAssertEqual(page("dutch")["score"] as? String, "Score 37/100: pas het aan voor je publiceert")
        XCTAssertEqual(
            page("dutch")["headings"] as? [String], ["Moet anders (2)", "Beter aanpassen (1)", "Kan beter (1)"])
        XCTAssertTrue(
            findings("dutch").contains { $0["message"] as? String == "Er staat nog een invulplek in de tekst: 'TODO'." }
        )
        XCTAssertEqual(page("french")["score"] as? String, "Score 47/100 : à modifier avant publication")
        XCTAssertTrue(
            findings("french").contains {
                $0["message"] as? String == "Il reste un espace réservé dans le brouillon : 'TODO'."
            })
        // Overlapping findings are both highlighted: the shared span is outlined and names both.
        let marks = page("overlap")["marks"] as? [[String: Any]] ?? []
        let shared = try XCTUnwrap(marks.first { ($0["cls"] as? String)?.contains("overlap") ?? false })
        XCTAssertEqual(shared["text"] as? String, "BUY NOW")
        XCTAssertTrue((shared["title"] as? String)?.contains("reads as shouting") ?? false)
        XCTAssertTrue((shared["title"] as? String)?.contains("reads like an ad") ?? false)
        // Keyboard only: Tab reaches the fix, Enter applies it, the draft is checked again and is clean.
        XCTAssertEqual(seen["focusedFix"] as? String, "postcheck.Exclamation")
        XCTAssertEqual(seen["afterFix"] as? String, "Trots op ons team! Vanaf vandaag is Acme Cloud beschikbaar.")
        XCTAssertEqual(seen["afterFixRules"] as? [String], [])
        XCTAssertEqual(page("switched")["check"] as? String, "Vérifier")
        // An empty draft is nothing to check, never a pass.
        XCTAssertEqual(page("empty")["score"] as? String, "Rien à vérifier : le brouillon est vide.")
        XCTAssertEqual(page("counter")["text"] as? String, "X : 349 sur 280 (pondérés), 69 de trop")
        XCTAssertEqual(page("counter")["over"] as? Bool, true)
        XCTAssertEqual(
            seen["platforms"] as? [String],
            ["linkedin", "x", "instagram", "facebook", "threads", "mastodon", "bluesky"])
        XCTAssertEqual((seen["foreignRequests"] as? [Any])?.count, 0, "no request leaves the service")
        XCTAssertEqual((seen["consoleErrors"] as? [Any])?.count, 0, "\(seen["consoleErrors"] ?? "")")
        for key in ["desktop", "phone"] {
            XCTAssertEqual(page(key)["horizontalOverflow"] as? Bool, false, "\(key): no sideways scrolling")
            XCTAssertTrue(FileManager.default.fileExists(atPath: page(key)["path"] as? String ?? ""), key)
        }
    }

    private func waitFor(_ condition: () -> Bool, timeout: TimeInterval = 10) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { throw NSError(domain: "timed out waiting", code: 1) }
            usleep(50_000)
        }
    }
}
