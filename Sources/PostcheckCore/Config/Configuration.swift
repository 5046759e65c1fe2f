/// How a draft's score is computed and judged: 100 minus a penalty per finding, never below 0.
public struct ScorePolicy: Sendable, Hashable {
    public var errorPenalty = 25
    public var warningPenalty = 10
    public var suggestionPenalty = 3
    /// A score at or above this passes.
    public var passAt = 80
    /// A score below this fails; in between is "review".
    public var failBelow = 60

    public init() {}

    public func penalty(_ severity: Severity) -> Int {
        switch severity {
        case .error: errorPenalty
        case .warning: warningPenalty
        case .suggestion: suggestionPenalty
        }
    }
}

/// Terms a team accepts (exceptions to every rule, plus a rule that fixes their case) or rejects (always flagged).
public struct Vocabulary: Sendable, Hashable {
    public var accept: [String] = []
    public var reject: [String] = []
    public init(accept: [String] = [], reject: [String] = []) {
        self.accept = accept
        self.reject = reject
    }
    public var isEmpty: Bool { accept.isEmpty && reject.isEmpty }
}

/// Changes that apply to the files a glob matches.
public struct ConfigurationOverride: Sendable {
    let files: Glob
    /// When set, replaces the packs whose rules are on by default (Vale's `BasedOnStyles`).
    public let packs: [String]?
    public let rules: [String: RuleSetting]
}

/// Where a configuration came from.
public enum ConfigurationSource: Sendable, Hashable {
    case postcheck(path: String)
    case vale(path: String)
    /// No file found: the bundled default pack.
    case builtin
}

/// A resolved configuration: which packs exist, which are on for which files, rule settings and policies.
/// Paths are absolute.
public struct Configuration: Sendable {
    public var source: ConfigurationSource
    /// Folder that relative paths and globs are resolved against.
    public var baseDirectory: String
    /// Every pack that rules may come from, by name → folder.
    public var packDirectories: [(name: String, directory: String)] = []
    /// Packs whose rules are on for every file unless an override says otherwise.
    public var enabledPacks: [String] = []
    public var minSeverity: Severity = .suggestion
    public var failOn: Severity = .error
    public var rules: [String: RuleSetting] = [:]
    /// Vale's `Vale.*` built-in rules are on when `Vale` is among the enabled packs.
    public var vocabulary = Vocabulary()
    public var overrides: [ConfigurationOverride] = []
    public var score = ScorePolicy()
    /// Extensions (without dot) checked when walking folders.
    public var extensions: [String] = ["md", "markdown", "txt"]
    /// Vale's `WordTemplate`.
    public var wordTemplate: String? = nil
    /// Values for rules' `{{name}}` placeholders, from `names:` and `policy:`.
    public var variables: [String: [String]] = [:]
    /// Settings the `policy:` answers imply for the bundled rules (weaker than `rules:`; ignored for rules that
    /// are not loaded).
    public var policySettings: [String: RuleSetting] = [:]
    /// Periods during which some rules apply (`periods`).
    public var periods: [QuietPeriod] = []
    /// The platform assumed when a draft's front matter names none (`platform`).
    public var platform: String? = nil
    /// Text a platform appends to every post (`signature: {x: " #ad"}` or one string for all), counted in lengths.
    public var signatures: [String: String] = [:]
    /// The language assumed when a draft declares none and is too short to tell (`default-language`).
    public var defaultLanguage: String? = nil

    public init(source: ConfigurationSource, baseDirectory: String) {
        self.source = source
        self.baseDirectory = baseDirectory
    }

    public var path: String? {
        switch source {
        case .postcheck(let path), .vale(let path): path
        case .builtin: nil
        }
    }

    public var isVale: Bool {
        if case .vale = source { return true }
        return false
    }

    /// The packs on, and the rule settings, for a path relative to `baseDirectory`.
    public func resolved(
        for relativePath: String, on day: CalendarDay = .today
    ) -> (packs: Set<String>, rules: [String: RuleSetting]) {
        resolved(overrides: overrides(matching: relativePath), on: day)
    }

    /// The indices of the override sections whose files match `relativePath`: all that `resolved` depends on.
    public func overrides(matching relativePath: String) -> [Int] {
        overrides.indices.filter { overrides[$0].files.matches(relativePath) }
    }

    /// The packs on, and the rule settings, when the override sections at `matching` apply.
    public func resolved(
        overrides matching: [Int], on day: CalendarDay = .today
    ) -> (packs: Set<String>, rules: [String: RuleSetting]) {
        var packs = Set(enabledPacks)
        var settings = policySettings.merging(rules) { $1 }
        // Rules that belong to periods are off outside them, and as the period says inside one.
        for period in periods {
            for (rule, setting) in period.rules {
                if period.contains(day) {
                    settings[rule] = setting
                } else if !periods.contains(where: { $0.contains(day) && $0.rules[rule] != nil }) {
                    settings[rule] = .off
                }
            }
        }
        for override in matching.map({ overrides[$0] }) {
            if let replacement = override.packs { packs = Set(replacement) }
            settings.merge(override.rules) { $1 }
        }
        return (packs, settings)
    }

    /// Whether any configuration section could apply to a file (used by folder walking for `.vale.ini` globs).
    public func mentions(_ relativePath: String) -> Bool {
        overrides.contains { $0.files.matches(relativePath) && $0.files.pattern != "*" }
    }
}
