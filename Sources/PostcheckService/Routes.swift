import Dispatch
import Foundation
import Hummingbird
import NIOCore
import PostcheckCore

/// The service's HTTP interface: `/v1/check` (JSON), LanguageTool's `/v2/check` and `/v2/languages`, `/v1/rules`,
/// `/healthz`, `/metrics`, the check page at `/`, and with `--report-root` the programme report at `/v1/report` and
/// `/report`. Described in `openapi.yaml`.
public struct PostcheckService: Sendable {
    public let state: ServiceState
    public let metrics = ServiceMetrics()
    public let maxBodyBytes: Int
    /// How long one check may take before its remaining rules are skipped and the result fails closed.
    public let checkTimeout: Duration
    /// Who may call (see `AccessPolicy`).
    public let access: AccessPolicy
    /// The folder `/v1/report` and `/report` report on, if any (`ReportRoutes.swift`).
    public let reports: ReportSource?
    let slots: CheckSlots
    /// The threads checks run on: Dispatch's, not Swift's cooperative pool, so that long checks never hold up the
    /// threads that accept connections and answer `/healthz` and `/metrics`.
    private let checkQueue = DispatchQueue(label: "postcheck.checks", qos: .userInitiated, attributes: .concurrent)

    /// Checks that may wait for a slot by default: a burst of a thousand posts (about half a second of work on two
    /// cores) is answered; a flood beyond it is turned away with 503 rather than queued without end.
    public static let defaultQueuedChecks = 1024

    public init(
        state: ServiceState, maxBodyBytes: Int = 1_000_000,
        maxConcurrentChecks: Int = ProcessInfo.processInfo.activeProcessorCount * 2,
        maxQueuedChecks: Int? = nil, checkTimeout: Duration = .seconds(5), access: AccessPolicy = AccessPolicy(),
        reports: ReportSource? = nil
    ) {
        self.state = state
        self.reports = reports
        self.access = access
        self.maxBodyBytes = maxBodyBytes
        self.checkTimeout = checkTimeout
        self.slots = CheckSlots(maxConcurrentChecks, maxWaiting: maxQueuedChecks ?? Self.defaultQueuedChecks)
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: AccessGuard(policy: access))
        router.add(middleware: MethodGuard(service: self))
        router.post("/v1/check") { request, _ in
            await self.instrumented("/v1/check", request) { try await self.checkV1(request) }
        }
        router.post("/v1/count") { request, _ in
            await self.instrumented("/v1/count", request) { try await self.count(request) }
        }
        router.post("/v2/check") { request, _ in
            await self.instrumented("/v2/check", request) { try await self.checkV2(request) }
        }
        router.get("/v2/languages") { request, _ in
            await self.instrumented("/v2/languages", request) { json(LanguageToolAPI.languagesJSON()) }
        }
        router.get("/v1/rules") { request, _ in await self.instrumented("/v1/rules", request) { self.rules() } }
        router.get("/healthz") { request, _ in
            await self.instrumented("/healthz", request) {
                json(.object([("status", .string("ok")), ("version", .string(postcheckVersion))]))
            }
        }
        router.get("/metrics") { request, _ in
            await self.instrumented("/metrics", request) {
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: self.metrics.render())))
            }
        }
        router.get("/v1/report") { request, _ in
            await self.instrumented("/v1/report", request) { await self.reportJSON(request) }
        }
        router.get("/report") { request, _ in
            await self.instrumented("/report", request) { await self.reportPage(request) }
        }
        router.get("/") { request, _ in
            await self.instrumented("/", request) {
                Response(
                    status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: CheckPage.html)))
            }
        }
        return router
    }

    // MARK: Handlers

    private func checkV1(_ request: Request) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false else {
            return problem(415, "Unsupported Media Type", "send the draft as application/json: {\"text\": \"…\"}")
        }
        guard let body = try await collect(request) else {
            return problem(413, "Content Too Large", "the body is over the limit of \(maxBodyBytes) bytes")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            return problem(400, "Bad Request", "the body is not valid JSON")
        }
        guard let fields = object as? [String: Any] else {
            return problem(400, "Bad Request", "the body must be a JSON object")
        }
        guard let text = fields["text"] as? String else {
            return problem(
                422, "Unprocessable Content", fields["text"] == nil ? "'text' is required" : "'text' must be a string")
        }
        for key in ["filename", "platform", "lang", "messageLanguage"]
        where fields[key] != nil && !(fields[key] is String) {
            return problem(422, "Unprocessable Content", "'\(key)' must be a string")
        }
        if let metadata = fields["metadata"], !(metadata is [String: Any]) {
            return problem(422, "Unprocessable Content", "'metadata' must be an object")
        }
        let nonEmpty = { (key: String) -> String? in (fields[key] as? String).flatMap { $0.isEmpty ? nil : $0 } }
        let (filename, language, platform) = (nonEmpty("filename"), nonEmpty("lang"), nonEmpty("platform"))
        let messageLanguage = nonEmpty("messageLanguage").map(LanguageDetector.normalize)
        if let messageLanguage, !MessageLanguage.supported.contains(messageLanguage) {
            return problem(
                422, "Unprocessable Content",
                "'messageLanguage' must be one of \(MessageLanguage.supported.joined(separator: ", "))")
        }
        return try await withSlot { deadline in
            let check = try ServiceCheck.run(
                text: text, filename: filename, language: language,
                platform: platform, linter: state.linter, deadline: deadline, messageLanguage: messageLanguage)
            metrics.record(findings: check.result.findings.map(\.ruleID))
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: check.jsonBytes())))
        }
    }

    /// Each platform's count of a draft against its limit, with the configured signature: the check page's live
    /// counter. No rule runs, so it answers fast enough for every keystroke.
    private func count(_ request: Request) async throws -> Response {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") ?? false else {
            return problem(415, "Unsupported Media Type", "send the draft as application/json: {\"text\": \"…\"}")
        }
        guard let body = try await collect(request) else {
            return problem(413, "Content Too Large", "the body is over the limit of \(maxBodyBytes) bytes")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            return problem(400, "Bad Request", "the body must be a JSON object")
        }
        guard let text = object["text"] as? String else {
            return problem(422, "Unprocessable Content", "'text' is required and must be a string")
        }
        let bytes = Array(text.utf8).map { $0 == 0 ? 0x20 : $0 }
        guard let draft = try? Draft(path: "draft.md", bytes: bytes, format: .markdown) else {
            return problem(422, "Unprocessable Content", "the draft's front matter cannot be read")
        }
        let counts = PlatformCount.all(for: draft, signatures: state.linter.configuration.signatures)
        return json(
            .object([
                (
                    "platforms",
                    .array(
                        counts.map {
                            .object([
                                ("platform", .string($0.platform)), ("name", .string($0.name)),
                                ("count", .int($0.count)), ("limit", .int($0.limit)), ("unit", .string($0.unit)),
                                ("over", .bool($0.isOver)),
                            ])
                        })
                )
            ]))
    }

    private func checkV2(_ request: Request) async throws -> Response {
        guard let body = try await collect(request) else {
            return problem(413, "Content Too Large", "the body is over the limit of \(maxBodyBytes) bytes")
        }
        var form = FormFields(String(decoding: body, as: UTF8.self))
        if let invalid = form.invalid.first(where: { ["text", "data", "language"].contains($0) }) {
            return problem(
                400, "Bad Request",
                "'\(invalid)' is not valid form encoding (a '%' must start %XX, as in %25 for '%', and encode UTF-8)")
        }
        // LanguageTool also takes its parameters in the query string, which Hummingbird has already decoded once:
        // decoding again would turn a literal %20 (sent as %2520) into a space.
        for (key, value) in request.uri.queryParameters where form[String(key)] == nil {
            form.values[String(key)] = String(value)
        }
        let text: String
        if let plain = form["text"] {
            text = plain
        } else if let data = form["data"] {
            guard let annotated = LanguageToolAPI.text(fromAnnotation: data) else {
                return problem(400, "Bad Request", "'data' must be {\"annotation\": [{\"text\": …}, {\"markup\": …}]}")
            }
            text = annotated
        } else {
            return problem(400, "Bad Request", "'text' or 'data' is required")
        }
        let requested = form["language"].flatMap { $0.isEmpty ? nil : $0 } ?? "auto"
        if let enabledOnly = form["enabledOnly"], enabledOnly != "true" && enabledOnly != "false" {
            return problem(400, "Bad Request", "'enabledOnly' is true or false")
        }
        let selection = LanguageToolAPI.RuleSelection(form: form.values)
        let variants = (form["preferredVariants"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        // LanguageTool speaks the writer's language: `motherTongue` when postcheck has messages in it, else the
        // text's language.
        let motherTongue = form["motherTongue"].map(LanguageDetector.normalize).flatMap {
            MessageLanguage.supported.contains($0) ? $0 : nil
        }
        return try await withSlot { deadline in
            let linter = state.linter
            let check = try ServiceCheck.run(
                text: text, filename: "draft.txt", language: requested == "auto" ? nil : requested,
                platform: nil, linter: linter,
                alsoEnabled: selection.enabled(among: linter.rules.map(\.header.id)), deadline: deadline,
                messageLanguage: motherTongue)
            metrics.record(findings: check.result.findings.map(\.ruleID))
            return json(
                LanguageToolAPI.response(check, requested: requested, selection: selection, preferredVariants: variants)
            )
        }
    }

    private func rules() -> Response {
        let linter = state.linter
        return json(
            .object([
                (
                    "rules",
                    .array(
                        linter.activeRules(for: "draft.md").map { rule, severity in
                            .object([
                                ("id", .string(rule.header.id)), ("kind", .string(rule.header.kind)),
                                ("severity", .string(severity.rawValue)),
                                ("summary", .string(rule.header.summary)),
                                ("description", .string(rule.header.description)),
                                ("link", rule.header.link.map(JSONValue.string) ?? .null),
                            ])
                        })
                )
            ]))
    }

    // MARK: Plumbing

    /// The body, or nil when it is larger than the limit.
    private func collect(_ request: Request) async throws -> [UInt8]? {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodyBytes { return nil }
        do {
            let buffer = try await request.body.collect(upTo: maxBodyBytes)
            return Array(buffer.readableBytesView)
        } catch {
            return nil
        }
    }

    /// Runs a check on the check threads once a slot is free, with the check's deadline; 503 when too many wait.
    private func withSlot(_ body: @escaping @Sendable (_ deadline: UInt64) throws -> Response) async throws -> Response
    {
        guard await slots.acquire() else {
            var response = problem(503, "Service Unavailable", "too many checks are waiting; try again in a second")
            response.headers[.retryAfter] = "1"
            return response
        }
        let seconds = checkTimeout.components.seconds
        let nanoseconds =
            UInt64(max(0, seconds)) * 1_000_000_000
            + UInt64(max(0, checkTimeout.components.attoseconds / 1_000_000_000))
        let deadline = DispatchTime.now().uptimeNanoseconds + nanoseconds
        let queue = checkQueue
        do {
            let response = try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<Response, any Error>) in
                queue.async {
                    do { continuation.resume(returning: try body(deadline)) } catch {
                        continuation.resume(throwing: error)
                    }
                }
            }
            await slots.release()
            return response
        } catch let error as PostcheckError {
            // Fail closed: nothing checked is no "passed".
            await slots.release()
            switch error.kind {
            case .unreadableDraft, .unknownLanguage, .input: return problem(400, "Bad Request", error.description)
            case .nothingToCheck: return problem(422, "Unprocessable Content", error.description)
            case .noRules, .configuration: return problem(500, "Internal Server Error", error.description)
            }
        } catch {
            await slots.release()
            throw error
        }
    }

    /// Times the request, counts it, and writes one JSON access-log line to standard error.
    private func instrumented(
        _ route: String, _ request: Request, _ handler: () async throws -> Response
    ) async -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let response: Response
        do {
            response = try await handler()
        } catch {
            response = problem(500, "Internal Server Error", "\(error)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        metrics.record(route: route, status: Int(response.status.code), seconds: seconds)
        let line = JSONValue.object([
            ("time", .string(ISO8601DateFormatter().string(from: Date()))),
            ("method", .string(request.method.rawValue)),
            ("path", .string(request.uri.path)), ("status", .int(Int(response.status.code))),
            ("ms", .double((seconds * 100_000).rounded() / 100)),
        ]).serialized(compact: true)
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return response
    }
}

/// Any other method on a known path is answered 405 with the allowed method (routers otherwise say 404).
struct MethodGuard: RouterMiddleware {
    typealias Context = BasicRequestContext
    static let allowed: [String: String] = [
        "/v1/check": "POST", "/v1/count": "POST", "/v2/check": "POST", "/v2/languages": "GET", "/v1/rules": "GET",
        "/healthz": "GET",
        "/metrics": "GET", "/": "GET", "/v1/report": "GET", "/report": "GET",
    ]
    let service: PostcheckService

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let allowed = Self.allowed[request.uri.path], request.method.rawValue != allowed,
            !(allowed == "GET" && request.method == .head)
        else { return try await next(request, context) }
        var response = problem(405, "Method Not Allowed", "\(request.uri.path) accepts \(allowed) only")
        response.headers[.allow] = allowed
        return response
    }
}

func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: value.serialized() + "\n")))
}

/// An RFC 9457 problem document.
func problem(_ status: Int, _ title: String, _ detail: String) -> Response {
    let value = JSONValue.object([
        ("type", .string("about:blank")), ("title", .string(title)), ("status", .int(status)),
        ("detail", .string(detail)),
    ])
    return Response(
        status: .init(code: status), headers: [.contentType: "application/problem+json"],
        body: .init(byteBuffer: ByteBuffer(string: value.serialized() + "\n")))
}

/// `application/x-www-form-urlencoded` fields.
struct FormFields {
    var values: [String: String] = [:]
    /// Fields whose name or value is not valid percent-encoding ("100% slechter", "%FF"): the request is refused
    /// rather than checked as an empty text.
    var invalid: [String] = []

    init(_ body: String) {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            // A field whose name cannot be decoded is none LanguageTool knows: skipped.
            guard let key = parts.first.flatMap(Self.decode) else { continue }
            guard let value = parts.count > 1 ? Self.decode(parts[1]) : "" else {
                invalid.append(key)
                continue
            }
            values[key] = value
        }
    }

    subscript(key: String) -> String? { values[key] }

    static func decode(_ text: String) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
