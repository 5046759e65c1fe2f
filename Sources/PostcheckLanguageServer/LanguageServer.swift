import Foundation
import PostcheckCore
import PostcheckRunner

/// `postcheck lsp`: the Language Server Protocol (3.17) for Markdown and plain-text drafts. Diagnostics are pushed
/// after each change once the client pauses (and pulled on request), each with its rule, link, cues and fix; code
/// actions apply a fix, every safe fix, or silence a rule on a line; hover explains the guideline behind a finding.
/// The configuration that applies to a document's path is found as the CLI finds it (`PostcheckRunner`), and
/// reloaded when a configuration or rule file is saved; a broken one is shown on its file while the last good one
/// keeps serving.
public final class LanguageServer {
    /// How long the client must pause before diagnostics are pushed: changes that arrive closer together than this
    /// (a burst of keystrokes, a paste in pieces, an editor replaying edits) are checked once. A post checks in a
    /// few milliseconds, so the pause can be short and typing still sees its diagnostics at once.
    static let debounceMilliseconds: Int32 = 1

    private let connection: JSONRPCConnection
    private let bundledRules: String?
    private let configPath: String?
    private var session: CheckSession
    private var encoding = PositionEncoding.utf16
    private var initialized = false
    private var shutdownRequested = false
    private var documents: [String: TextDocument] = [:]
    /// The last check of each open document, for code actions and hover.
    private var results: [String: CheckResult] = [:]
    /// Documents changed since their diagnostics were last pushed.
    private var pending: Set<String> = []
    /// Files whose diagnostics show a broken configuration (cleared once it loads again).
    private var configurationDiagnostics: Set<String> = []

    public init(input: Int32, output: Int32, configPath: String?, bundledRules: String?) {
        connection = JSONRPCConnection(input: input, output: output)
        self.configPath = configPath
        self.bundledRules = bundledRules
        session = CheckSession(configPath: configPath, bundledRules: bundledRules, failOn: nil, minSeverity: nil)
    }

    /// Serves until `exit` (or the end of the input); returns the process's exit status (0 after `shutdown`).
    public func run() -> Int32 {
        while true {
            if !pending.isEmpty && !connection.waitForInput(milliseconds: Self.debounceMilliseconds) {
                publishPending()
                continue
            }
            switch connection.read() {
            case .closed:
                return shutdownRequested ? 0 : 1
            case .malformed(let reason):
                connection.send(["id": NSNull(), "error": ["code": -32700, "message": reason]])
            case .message(let message):
                if message["method"] as? String == "exit" { return shutdownRequested ? 0 : 1 }
                handle(message)
            }
        }
    }

    // MARK: Dispatch

    private func handle(_ message: [String: Any]) {
        let id = message["id"]
        guard let method = message["method"] as? String else {
            if id != nil { return }  // a response to a request of ours: none is awaited
            return connection.send(["id": NSNull(), "error": ["code": -32600, "message": "a message needs a method"]])
        }
        let params = message["params"] as? [String: Any] ?? [:]
        guard let id else { return notification(method, params) }
        guard initialized || method == "initialize" else {
            return respond(id, error: -32002, "the server is not initialized yet")
        }
        guard !shutdownRequested else { return respond(id, error: -32600, "the server is shutting down") }
        switch method {
        case "initialize": respond(id, initialize(params))
        case "shutdown":
            shutdownRequested = true
            respond(id, NSNull())
        case "textDocument/diagnostic": respond(id, pullDiagnostics(params))
        case "workspace/diagnostic": respond(id, workspaceDiagnostics())
        case "textDocument/codeAction": respond(id, codeActions(params))
        case "textDocument/hover": respond(id, hover(params))
        default: respond(id, error: -32601, "unknown method \(method)")
        }
    }

    private func notification(_ method: String, _ params: [String: Any]) {
        guard initialized || method == "initialized" else { return }
        let textDocument = params["textDocument"] as? [String: Any] ?? [:]
        let uri = textDocument["uri"] as? String ?? ""
        switch method {
        case "textDocument/didOpen":
            guard let text = textDocument["text"] as? String else { return }
            documents[uri] = TextDocument(uri: uri, text: text, version: textDocument["version"] as? Int ?? 0)
            if isConfigurationFile(uri) { return reloadConfiguration() }
            pending.insert(uri)
        case "textDocument/didChange":
            guard var document = documents[uri], let changes = params["contentChanges"] as? [[String: Any]] else {
                return
            }
            document.apply(changes, version: textDocument["version"] as? Int ?? document.version, encoding: encoding)
            documents[uri] = document
            pending.insert(uri)
        case "textDocument/didSave":
            if isConfigurationFile(uri) { reloadConfiguration() } else if documents[uri] != nil { pending.insert(uri) }
        case "textDocument/didClose":
            documents[uri] = nil
            results[uri] = nil
            pending.remove(uri)
            publish(uri, [], version: nil)
        case "workspace/didChangeWatchedFiles":
            let changes = params["changes"] as? [[String: Any]] ?? []
            if changes.contains(where: { isConfigurationFile($0["uri"] as? String ?? "") }) { reloadConfiguration() }
        default:
            break  // $/cancelRequest, $/setTrace, workspace/didChangeConfiguration…: nothing to do
        }
    }

    private func respond(_ id: Any, _ result: Any) { connection.send(["id": id, "result": result]) }

    private func respond(_ id: Any, error code: Int, _ message: String) {
        connection.send(["id": id, "error": ["code": code, "message": message]])
    }

    // MARK: Lifecycle

    private func initialize(_ params: [String: Any]) -> [String: Any] {
        initialized = true
        let general = (params["capabilities"] as? [String: Any])?["general"] as? [String: Any]
        encoding = PositionEncoding.negotiate(general?["positionEncodings"] as? [String])
        if configPath == nil, let root = Self.path(of: params["rootUri"] as? String ?? "") {
            session = CheckSession(
                configPath: nil, bundledRules: bundledRules, failOn: nil, minSeverity: nil, workingDirectory: root)
        }
        return [
            "capabilities": [
                "positionEncoding": encoding.rawValue,
                "textDocumentSync": ["openClose": true, "change": 2, "save": ["includeText": false]],
                "codeActionProvider": ["codeActionKinds": ["quickfix", "source.fixAll.postcheck"]],
                "hoverProvider": true,
                "diagnosticProvider": [
                    "identifier": "postcheck", "interFileDependencies": false, "workspaceDiagnostics": true,
                ],
            ] as [String: Any],
            "serverInfo": ["name": "postcheck", "version": "0.1.0"],
        ]
    }

    // MARK: Checking

    /// Checks a document's unsaved text with the configuration of its path.
    private func check(_ document: TextDocument) -> Result<CheckResult?, PostcheckError> {
        let path = Self.path(of: document.uri) ?? (session.workingDirectory + "/untitled.md")
        do {
            let (linter, relative) = try session.linterAndRelativePath(for: path)
            let draft = try PostcheckError.converting {
                try Draft(path: path, bytes: document.bytes, format: DraftFormat.forPath(path))
            }
            if let problem = linter.problem(with: draft, relativePath: relative) {
                // An empty document is no draft yet: nothing to say about it.
                return problem.kind == .empty ? .success(nil) : .failure(PostcheckError(problem))
            }
            return .success(linter.check(draft, relativePath: relative, scratch: .forCurrentThread))
        } catch {
            return .failure(error)
        }
    }

    private func diagnostics(for uri: String) -> [[String: Any]] {
        guard let document = documents[uri] else { return [] }
        switch check(document) {
        case .success(let result):
            results[uri] = result
            // A rule stopped by a PCRE2 limit has not checked the draft: the editor says so, as the CLI's exit status
            // and the service's `incomplete` do, rather than showing a draft that merely looks clean.
            let start = ["line": 0, "character": 0]
            let incomplete: [[String: Any]] = (result?.ruleErrors ?? []).map { error in
                [
                    "range": ["start": start, "end": start], "severity": 1, "source": "postcheck", "code": error.ruleID,
                    "message": "not checked completely: \(error.message)",
                ]
            }
            return incomplete + (result?.findings ?? []).map { diagnostic($0, in: document) }
        case .failure(let error):
            results[uri] = nil
            if error.kind == .configuration { showConfigurationError(error) }
            let start = ["line": 0, "character": 0]
            return [
                [
                    "range": ["start": start, "end": start], "severity": 1, "source": "postcheck", "code": "postcheck",
                    "message": "not checked: \(error.description)",
                ]
            ]
        }
    }

    private func diagnostic(_ finding: Finding, in document: TextDocument) -> [String: Any] {
        var diagnostic: [String: Any] = [
            "range": document.range(finding.range, encoding: encoding),
            "severity": finding.severity == .error ? 1 : finding.severity == .warning ? 2 : 3,
            "code": finding.ruleID, "source": "postcheck", "message": finding.message,
        ]
        if let link = finding.link { diagnostic["codeDescription"] = ["href": link] }
        if !finding.cues.isEmpty {
            diagnostic["relatedInformation"] = finding.cues.map { cue in
                [
                    "location": ["uri": document.uri, "range": document.range(cue.range, encoding: encoding)],
                    "message": "cue '\(cue.text)' (weight \((cue.weight * 100).rounded() / 100))",
                ] as [String: Any]
            }
        }
        return diagnostic
    }

    private func publishPending() {
        for uri in pending.sorted() { publish(uri, diagnostics(for: uri), version: documents[uri]?.version) }
        pending.removeAll()
    }

    private func publish(_ uri: String, _ diagnostics: [[String: Any]], version: Int?) {
        var params: [String: Any] = ["uri": uri, "diagnostics": diagnostics]
        if let version { params["version"] = version }
        connection.send(["method": "textDocument/publishDiagnostics", "params": params])
    }

    private func pullDiagnostics(_ params: [String: Any]) -> [String: Any] {
        let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String ?? ""
        pending.remove(uri)
        return ["kind": "full", "items": diagnostics(for: uri)]
    }

    private func workspaceDiagnostics() -> [String: Any] {
        let items: [[String: Any]] = documents.keys.sorted().map { uri in
            ["uri": uri, "kind": "full", "version": documents[uri]!.version as Any, "items": diagnostics(for: uri)]
        }
        return ["items": items]
    }

    // MARK: Code actions and hover

    private func codeActions(_ params: [String: Any]) -> [[String: Any]] {
        let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String ?? ""
        guard let document = documents[uri], let result = results[uri] ?? (try? check(document).get()) ?? nil,
            let range = params["range"] as? [String: Any],
            let start = (range["start"] as? [String: Any]).flatMap({ document.offset(of: $0, encoding: encoding) }),
            let end = (range["end"] as? [String: Any]).flatMap({ document.offset(of: $0, encoding: encoding) })
        else { return [] }
        let only = (params["context"] as? [String: Any])?["only"] as? [String]
        var actions: [[String: Any]] = []
        let wants = { (kind: String) in only?.contains { kind == $0 || kind.hasPrefix($0 + ".") } ?? true }
        let touched = result.findings.filter { $0.range.lowerBound <= end && start <= $0.range.upperBound }
        if wants("quickfix") {
            for finding in touched {
                if let fix = finding.fix {
                    let title =
                        fix.replacement.isEmpty
                        ? "Remove '\(finding.match)'" : "Replace '\(finding.match)' with '\(fix.replacement)'"
                    actions.append([
                        "title": title, "kind": "quickfix", "isPreferred": finding.suggestions.count <= 1,
                        "diagnostics": [diagnostic(finding, in: document)],
                        "edit": ["changes": [uri: [edit(fix.range, fix.replacement, in: document)]]],
                    ])
                }
                if result.draft.format == .markdown {
                    actions.append(disableOnLine(finding, in: document))
                }
                if let accept = acceptInVocabulary(finding, in: document) { actions.append(accept) }
            }
        }
        let fixes = result.findings.compactMap(\.fix)
        if wants("source.fixAll.postcheck") && !fixes.isEmpty {
            let fixed = Fixer.apply(fixes, to: document.bytes)
            if !fixed.applied.isEmpty {
                let whole = 0..<document.bytes.count
                actions.append([
                    "title": "Apply every safe postcheck fix (\(fixed.applied.count))",
                    "kind": "source.fixAll.postcheck",
                    "edit": [
                        "changes": [uri: [edit(whole, String(decoding: fixed.bytes, as: UTF8.self), in: document)]]
                    ],
                ])
            }
        }
        return actions
    }

    /// A `postcheck-disable-next-line` comment on its own line above the finding's line.
    private func disableOnLine(_ finding: Finding, in document: TextDocument) -> [String: Any] {
        let line = document.position(of: finding.range.lowerBound, encoding: encoding)["line"] ?? 0
        let lineStart = document.offset(of: ["line": line, "character": 0], encoding: encoding) ?? 0
        let comment = "<!-- postcheck-disable-next-line \(finding.ruleID) -->\n"
        return [
            "title": "Disable \(finding.ruleID) for this line", "kind": "quickfix",
            "diagnostics": [diagnostic(finding, in: document)],
            "edit": ["changes": [document.uri: [edit(lineStart..<lineStart, comment, in: document)]]],
        ]
    }

    /// "Add the term to the accepted vocabulary": for word-list and substitution rules (which take the vocabulary's
    /// accepted terms as exceptions), when the document's configuration is a `.postcheck.yml` that can be written.
    private func acceptInVocabulary(_ finding: Finding, in document: TextDocument) -> [String: Any]? {
        let path = Self.path(of: document.uri) ?? (session.workingDirectory + "/untitled.md")
        guard let linter = try? session.linterAndRelativePath(for: path).0,
            case .postcheck(let configuration) = linter.configuration.source,
            FileManager.default.isWritableFile(atPath: configuration),
            let kind = linter.rules.first(where: { $0.header.id == finding.ruleID })?.header.kind,
            ["existence", "substitution"].contains(kind), !finding.match.isEmpty
        else { return nil }
        let uri = URL(fileURLWithPath: configuration).absoluteString
        let text =
            documents[uri].map { String(decoding: $0.bytes, as: UTF8.self) }
            ?? (try? String(contentsOfFile: configuration, encoding: .utf8))
        guard let text, let change = VocabularyEdit.accepting(finding.match, in: text) else { return nil }
        let file = TextDocument(uri: uri, text: text, version: 0)
        return [
            "title": "Add '\(finding.match)' to the accepted vocabulary", "kind": "quickfix",
            "diagnostics": [diagnostic(finding, in: document)],
            "edit": ["changes": [uri: [edit(change.range, change.newText, in: file)]]],
        ]
    }

    private func edit(_ range: Range<Int>, _ text: String, in document: TextDocument) -> [String: Any] {
        ["range": document.range(range, encoding: encoding), "newText": text]
    }

    private func hover(_ params: [String: Any]) -> Any {
        let uri = (params["textDocument"] as? [String: Any])?["uri"] as? String ?? ""
        guard let document = documents[uri], let result = results[uri] ?? (try? check(document).get()) ?? nil,
            let position = params["position"] as? [String: Any],
            let offset = document.offset(of: position, encoding: encoding)
        else { return NSNull() }
        let here = result.findings.filter { $0.range.contains(offset) || $0.range.lowerBound == offset }
        guard !here.isEmpty, let linter = try? session.linterAndRelativePath(for: Self.path(of: uri) ?? "draft.md").0
        else { return NSNull() }
        let sections = here.map { finding -> String in
            let header = linter.rules.first { $0.header.id == finding.ruleID }?.header
            var text = "**\(finding.ruleID)** (\(finding.severity.rawValue))\n\n\(finding.message)"
            if let guideline = header?.guideline { text += "\n\nGuideline: \(guideline.rawValue)" }
            if !finding.description.isEmpty { text += "\n\n\(finding.description)" }
            if let link = finding.link { text += "\n\n[\(link)](\(link))" }
            return text
        }
        return [
            "contents": ["kind": "markdown", "value": sections.joined(separator: "\n\n---\n\n")],
            "range": document.range(here[0].range, encoding: encoding),
        ]
    }

    // MARK: Configuration

    /// A configuration (`.postcheck.yml`, `.vale.ini`) or rule file (`.yml`): drafts are Markdown or plain text.
    private func isConfigurationFile(_ uri: String) -> Bool {
        guard let path = Self.path(of: uri) else { return false }
        return ["yml", "yaml", "ini"].contains((path as NSString).pathExtension.lowercased())
    }

    /// A fresh session for the changed files; kept only if every open document's configuration loads with it.
    private func reloadConfiguration() {
        let fresh = CheckSession(
            configPath: configPath, bundledRules: bundledRules, failOn: nil, minSeverity: nil,
            workingDirectory: session.workingDirectory)
        for uri in documents.keys where !isConfigurationFile(uri) {
            let path = Self.path(of: uri) ?? (session.workingDirectory + "/untitled.md")
            do {
                _ = try fresh.linterAndRelativePath(for: path)
            } catch {
                showConfigurationError(error)
                return
            }
        }
        for uri in configurationDiagnostics { publish(uri, [], version: nil) }
        configurationDiagnostics.removeAll()
        session = fresh
        pending.formUnion(documents.keys.filter { !isConfigurationFile($0) })
    }

    /// A broken configuration or rule file, shown on that file at its line.
    private func showConfigurationError(_ error: PostcheckError) {
        guard let path = error.path else { return }
        let uri = URL(fileURLWithPath: path).absoluteString
        let position = ["line": max(0, (error.line ?? 1) - 1), "character": max(0, (error.column ?? 1) - 1)]
        configurationDiagnostics.insert(uri)
        publish(
            uri,
            [
                [
                    "range": ["start": position, "end": position], "severity": 1, "source": "postcheck",
                    "message": "\(error.message) (the last configuration that loaded keeps serving)",
                ]
            ], version: nil)
    }

    /// The file path of a `file:` URI.
    static func path(of uri: String) -> String? {
        guard let url = URL(string: uri), url.isFileURL else { return nil }
        return url.standardizedFileURL.path
    }
}
