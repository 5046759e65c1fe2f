/// Why a draft cannot be checked in a way whose "pass" would mean anything: the gate fails closed on these (the CLI
/// exits 2, the service answers an error) instead of reporting a clean draft it never really checked.
public struct DraftProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Nothing but white space (or only front matter): there is nothing to pass.
        case empty
        /// The configuration turns on no rule for this draft (no packs, an empty pack, every rule off, or only
        /// rules for other languages).
        case noRules
        /// Front matter (or a request) names a language no rule or detector knows.
        case unknownLanguage
        /// Front matter, a request or `--platform` names a platform postcheck does not know.
        case unknownPlatform
    }

    public let kind: Kind
    public let message: String
    public var description: String { message }
}

/// The platforms postcheck knows, by canonical name, and their aliases.
public enum Platform {
    public static let known = ["linkedin", "x", "instagram", "facebook", "threads", "mastodon", "bluesky"]
    static let aliases = ["twitter": "x"]

    /// The canonical name of a platform or alias (any case), or nil for an unknown one.
    public static func normalize(_ name: String) -> String? {
        let lowered = name.lowercased()
        if known.contains(lowered) { return lowered }
        return aliases[lowered]
    }

    static var knownList: String {
        (known + aliases.keys.sorted().map { "\($0) (= \(aliases[$0]!))" }).joined(separator: ", ")
    }
}
