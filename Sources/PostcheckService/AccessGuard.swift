import Foundation
import Hummingbird

/// Who may call the service. By default it listens on localhost only; a web page the user happens to visit must still
/// not be able to post the user's drafts to it, nor reach it by DNS rebinding:
/// - `Host` must name the loopback address when the service listens on one (a rebound domain name is refused);
/// - a request with an `Origin` other than the service's own is refused unless `--allow-origin` lists it, and a
///   listed origin gets CORS headers and its preflight (`OPTIONS`) answered;
/// - with `--token-file`, every request but `GET /` and `GET /healthz` needs `Authorization: Bearer <token>`.
public struct AccessPolicy: Sendable {
    public var token: String?
    public var allowedOrigins: Set<String>
    /// Only these `Host` names (any port) are accepted; nil accepts any (a service bound to a public address).
    public var allowedHosts: Set<String>?

    public init(token: String? = nil, allowedOrigins: [String] = [], bindAddress: String = "127.0.0.1") {
        self.token = token
        self.allowedOrigins = Set(allowedOrigins.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
        let loopback = ["127.0.0.1", "localhost", "::1", "[::1]"]
        allowedHosts = loopback.contains(bindAddress) ? Set(loopback) : nil
    }

    public static let open = AccessPolicy(bindAddress: "0.0.0.0")
}

struct AccessGuard: RouterMiddleware {
    typealias Context = BasicRequestContext
    let policy: AccessPolicy

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let host = request.head.authority ?? ""
        if let allowedHosts = policy.allowedHosts, !allowedHosts.contains(Self.hostName(host)) {
            return problem(
                403, "Forbidden", "this service answers requests for localhost only (Host: \(host.prefix(100)))")
        }
        let origin = request.headers[.origin]
        var allowedOrigin: String? = nil
        if let origin, origin != "http://\(host)", origin != "https://\(host)" {
            guard policy.allowedOrigins.contains(origin) || policy.allowedOrigins.contains("*") else {
                return problem(
                    403, "Forbidden",
                    "requests from \(origin.prefix(100)) are not allowed (postcheck-server --allow-origin)")
            }
            allowedOrigin = origin
        }
        if request.method == .options, let allowedOrigin {
            var response = Response(status: .noContent)
            Self.addCORS(&response, origin: allowedOrigin)
            response.headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            response.headers[.accessControlAllowHeaders] = "Content-Type, Authorization"
            response.headers[.accessControlMaxAge] = "600"
            return response
        }
        let path = request.uri.path
        if let token = policy.token, !(request.method == .get && (path == "/" || path == "/healthz")) {
            guard request.headers[.authorization] == "Bearer \(token)" else {
                var response = problem(401, "Unauthorized", "send the service's token: Authorization: Bearer …")
                response.headers[.wwwAuthenticate] = "Bearer"
                if let allowedOrigin { Self.addCORS(&response, origin: allowedOrigin) }
                return response
            }
        }
        var response = try await next(request, context)
        if let allowedOrigin { Self.addCORS(&response, origin: allowedOrigin) }
        return response
    }

    static func addCORS(_ response: inout Response, origin: String) {
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.vary] = "Origin"
    }

    /// The name in a Host header, without its port (`127.0.0.1:8080`, `[::1]:8080`).
    static func hostName(_ host: String) -> String {
        if host.hasPrefix("["), let end = host.firstIndex(of: "]") { return String(host[...end]) }
        return String(host.prefix { $0 != ":" }).lowercased()
    }
}
