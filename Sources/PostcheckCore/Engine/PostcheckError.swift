/// The one error a front end gets from the library: what kind of problem it is, what went wrong, and where (a file,
/// line and column when there is one). Inside, each part keeps its own precise error (`RuleFileError`,
/// `DraftError`, `DraftProblem`, …); at the boundary they become this, so that a front end chooses its answer (exit 2,
/// HTTP 400, 422 or 500) from `kind` without knowing every error type of the engine.
public struct PostcheckError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A configuration or rule file is wrong, or a pack is missing: nothing can be checked with it.
        case configuration
        /// The draft cannot be read: not UTF-8, a binary file, broken front matter, too large.
        case unreadableDraft
        /// The draft holds nothing to check (only white space), or names a platform postcheck does not know.
        case nothingToCheck
        /// The draft or request names a language no rule or detector knows.
        case unknownLanguage
        /// No rule applies to the draft: a pass would mean nothing.
        case noRules
        /// A path, option or file that is not what the run needs (missing, a device, unwritable).
        case input
    }

    public let kind: Kind
    public let message: String
    public let path: String?
    /// 1-based line and column (code points) in `path`, when the problem has a place.
    public let line: Int?
    public let column: Int?

    public init(kind: Kind, message: String, path: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.line = line
        self.column = column
    }

    /// The library's errors, each as the kind it is; any other error as an input problem with its description.
    public init(_ error: any Error) {
        switch error {
        case let error as PostcheckError:
            self = error
        case let error as RuleFileError:
            self.init(
                kind: .configuration, message: error.message, path: error.path, line: error.line,
                column: error.column)
        case let error as DraftError:
            self.init(kind: .unreadableDraft, message: error.description)
        case let error as DraftProblem:
            let kind: Kind
            switch error.kind {
            case .empty, .unknownPlatform: kind = .nothingToCheck
            case .unknownLanguage: kind = .unknownLanguage
            case .noRules: kind = .noRules
            }
            self.init(kind: kind, message: error.message)
        default:
            self.init(kind: .input, message: "\(error)")
        }
    }

    /// Runs `body` and turns whatever it throws into a `PostcheckError`: for the library's boundary.
    public static func converting<Value>(_ body: () throws -> Value) throws(PostcheckError) -> Value {
        do {
            return try body()
        } catch {
            throw PostcheckError(error)
        }
    }

    public var description: String {
        guard let path else { return message }
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
