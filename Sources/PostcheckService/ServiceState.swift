import Foundation
import PostcheckCore
import PostcheckRunner

/// What the service checks with: the configuration and its compiled rules, swapped whole on reload so that a
/// request always sees one consistent set. A bad new configuration leaves the old one in place.
public final class ServiceState: @unchecked Sendable {
    public struct Options: Sendable {
        public var configPath: String?
        public var bundledRules: String?
        public var workingDirectory: String
        public init(configPath: String?, bundledRules: String?, workingDirectory: String) {
            self.configPath = configPath
            self.bundledRules = bundledRules
            self.workingDirectory = workingDirectory
        }
    }

    private let lock = NSLock()
    private var current: Linter
    public let options: Options

    public init(options: Options) throws {
        self.options = options
        self.current = try Self.load(options)
    }

    public var linter: Linter {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Loads the configuration again; on failure the running one stays and the error is returned.
    @discardableResult
    public func reload() -> String? {
        do {
            let fresh = try Self.load(options)
            lock.lock()
            current = fresh
            lock.unlock()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The configuration that applies in the working folder (or the one named), found and compiled by the runner
    /// as the CLI finds it.
    static func load(_ options: Options) throws -> Linter {
        let session = CheckSession(
            configPath: options.configPath, bundledRules: options.bundledRules, failOn: nil,
            minSeverity: nil, workingDirectory: options.workingDirectory)
        // A rule that does not compile fails the start or the reload: a reload keeps the rules that run, rather
        // than answer every check with an incomplete result.
        session.keepsUncompiledRules = false
        return try session.linterAndRelativePath(for: "draft.md").0
    }
}
