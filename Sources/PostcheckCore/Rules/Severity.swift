/// How serious a finding is. Ordered: suggestion < warning < error.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case suggestion, warning, error

    private var rank: Int {
        switch self {
        case .suggestion: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A rule's setting in a configuration: off, on at its own level, or on at a given level.
public enum RuleSetting: Sendable, Hashable {
    case off
    case on
    case level(Severity)

    /// Parses `off|no|false`, `on|yes|true`, or a severity (case-insensitive, as `.vale.ini` writes them).
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "off", "no", "false": self = .off
        case "on", "yes", "true": self = .on
        default:
            guard let severity = Severity(rawValue: text.lowercased()) else { return nil }
            self = .level(severity)
        }
    }
}
