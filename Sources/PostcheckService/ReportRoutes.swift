import Dispatch
import Foundation
import Hummingbird
import NIOCore
import PostcheckCore
import PostcheckRunner

/// The programme report over the folder the service was started with (`--report-root DIR`), read-only:
/// `GET /v1/report` (JSON, as `postcheck report --format json`) and `GET /report` (the HTML page, `?lang=nl|en|fr`).
/// Query: `since`, `until` (YYYY-MM-DD), `by` (author or folder). Writers are named only when the service was started
/// with `--report-leaderboard`: a client cannot ask for names, nor for one author's row, since anyone who may call the
/// service could ask for anyone's.
public struct ReportSource: Sendable {
    public let root: String
    public let leaderboard: Bool
    let configPath: String?
    let bundledRules: String?

    public init(root: String, leaderboard: Bool, configPath: String?, bundledRules: String?) {
        self.root = root
        self.leaderboard = leaderboard
        self.configPath = configPath
        self.bundledRules = bundledRules
    }

    /// The report as the query asks, or a problem to answer.
    func report(_ query: [String: String]) async -> Result<ProgrammeReport, PostcheckError> {
        var request = ProgrammeReport.Request()
        request.leaderboard = leaderboard
        request.since = query["since"]
        request.until = query["until"]
        do { try request.validate() } catch { return .failure(error) }
        if let by = query["by"] {
            guard by == "author" || by == "folder" else {
                return .failure(PostcheckError(kind: .input, message: "'by' is author or folder"))
            }
            request.by = by
        }
        let source = self
        let asked = request
        // A report checks every draft under the root: on a thread of its own, not the threads that answer requests.
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                let session = CheckSession(
                    configPath: source.configPath, bundledRules: source.bundledRules, failOn: nil, minSeverity: nil,
                    workingDirectory: source.root)
                continuation.resume(
                    returning: Result { () throws(PostcheckError) -> ProgrammeReport in
                        try ProgrammeReport.build(roots: ["."], session: session, request: asked)
                    })
            }
        }
    }
}

extension PostcheckService {
    func reportJSON(_ request: Request) async -> Response {
        guard let reports else { return problem(404, "Not Found", "the service was started without --report-root") }
        switch await reports.report(Self.query(request)) {
        case .success(let report):
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: report.jsonBytes())))
        case .failure(let error):
            return problem(
                error.kind == .input ? 400 : 500, error.kind == .input ? "Bad Request" : "Internal Server Error",
                error.description)
        }
    }

    func reportPage(_ request: Request) async -> Response {
        guard let reports else { return problem(404, "Not Found", "the service was started without --report-root") }
        let query = Self.query(request)
        guard let language = ProgrammeReport.PageLanguage(rawValue: query["lang"] ?? "en") else {
            return problem(400, "Bad Request", "'lang' is en, nl or fr")
        }
        switch await reports.report(query) {
        case .success(let report):
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: report.html(language: language))))
        case .failure(let error):
            return problem(
                error.kind == .input ? 400 : 500, error.kind == .input ? "Bad Request" : "Internal Server Error",
                error.description)
        }
    }

    private static func query(_ request: Request) -> [String: String] {
        var query: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key)] = String(value) }
        return query
    }
}
