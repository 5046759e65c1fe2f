/// What each platform counts against its limit, for a live counter (the check page): the draft's body (front matter
/// left out, surrounding white space trimmed) plus the signature the configuration says the platform appends, counted
/// the platform's own way. The limits are those of the bundled `PlatformLength` and `XLength` rules; Mastodon and
/// Bluesky, which no bundled rule checks, with their published limits.
public struct PlatformCount: Sendable, Equatable {
    public let platform: String
    /// The platform's name as people write it (LinkedIn, X).
    public let name: String
    public let count: Int
    public let limit: Int
    /// What is counted: `characters` (code points), `weighted` (twitter-text v3), `graphemes`.
    public let unit: String

    public var isOver: Bool { count > limit }

    /// A platform's name as people write it: `linkedin` → LinkedIn.
    public static func name(of platform: String) -> String { LengthRule.platformName(platform) }

    /// Every known platform's count for `draft`, in `Platform.known` order.
    public static func all(for draft: Draft, signatures: [String: String]) -> [PlatformCount] {
        let bytes = draft.source.bytes
        var start = draft.bodyStart
        var end = bytes.count
        while start < end && isWhitespaceByte(bytes[start]) { start += 1 }
        while end > start && isWhitespaceByte(bytes[end - 1]) { end -= 1 }
        let body = draft.source.string(start..<end)
        return Platform.known.map { platform in
            let text = body + (signatures[platform] ?? signatures["*"] ?? "")
            let name = LengthRule.platformName(platform)
            switch platform {
            case "x":
                let weighted = TwitterText.parse(text).weightedLength
                return PlatformCount(platform: platform, name: name, count: weighted, limit: 280, unit: "weighted")
            case "bluesky":
                return PlatformCount(platform: platform, name: name, count: text.count, limit: 300, unit: "graphemes")
            default:
                let limits = ["linkedin": 3000, "instagram": 2200, "facebook": 63206, "threads": 500, "mastodon": 500]
                return PlatformCount(
                    platform: platform, name: name, count: text.unicodeScalars.count, limit: limits[platform] ?? 0,
                    unit: "characters")
            }
        }
    }
}
