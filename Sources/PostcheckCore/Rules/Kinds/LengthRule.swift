/// `extends: length` (postcheck) — counts what platforms limit, in the draft's body (front matter excluded, nothing
/// masked, plus the signature the configuration says the platform appends): `characters` (code points, NFC),
/// `weighted` (X, twitter-text v3), `words`, `hashtags`, `mentions`, `links`, `emoji`, `lines`; against `max`/`min`,
/// given once or per platform. The platform is the front matter's `platform`, else the configuration's.
///
/// ```yaml
/// extends: length
/// message: "%[1]s %[3]s; %[4]s allows %[2]s (%[5]s too many)."
/// count: characters
/// max: {linkedin: 3000, instagram: 2200, facebook: 63206}
/// ```
struct LengthRule: RuleKind, CompiledRule {
    static let name = "length"
    static let keys: Set<String> = ["count", "max", "min"]

    enum Count: String, CaseIterable {
        case characters, weighted, words, hashtags, mentions, links, emoji, lines
    }

    let header: RuleHeader
    let count: Count
    /// Limits by platform (`*`: any platform).
    let maximum: [String: Int]
    let minimum: [String: Int]

    static let hashtag = try! RegexPattern("(?<![\\p{L}\\p{N}_#/&])#[\\p{L}\\p{N}_]*\\p{L}[\\p{L}\\p{N}_]*")
    static let mention = try! RegexPattern("(?<![\\p{L}\\p{N}_@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?")

    /// Where a URL can be: each run of characters other than white space, `<`, `>` and `"` that holds `://` or a
    /// dot followed by a letter. The same stretches as the pattern `[^\s<>"]*(?:://|\.\p{L})[^\s<>"]*` (UCP), which
    /// backtracks through every word. This finds the markers' `:` and `.` with `memchr` (vectorized; a post has few
    /// of them) and reads only the runs around markers byte by byte.
    static func urlCandidates(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        let end = range.upperBound
        var nextDot = firstIndex(of: UInt8(ascii: "."), in: text, range)
        var nextColon = firstIndex(of: UInt8(ascii: ":"), in: text, range)
        // Where the last run found ended: a later run starts after it.
        var floor = range.lowerBound
        while nextDot != nil || nextColon != nil {
            let marker = min(nextDot ?? end, nextColon ?? end)
            let isDot = marker == nextDot
            let qualifies = isDot ? isDotBeforeLetter(text, marker, end) : isSchemeSeparator(text, marker, end)
            if !qualifies {
                if isDot {
                    nextDot = firstIndex(of: UInt8(ascii: "."), in: text, (marker + 1)..<end)
                } else {
                    nextColon = firstIndex(of: UInt8(ascii: ":"), in: text, (marker + 1)..<end)
                }
                continue
            }
            // The run around the marker: back to the character after the last boundary, on to the next one.
            var runStart = marker
            while runStart > floor {
                var previous = runStart - 1
                while previous > floor && text[previous] & 0xC0 == 0x80 { previous -= 1 }
                if isURLRunBoundary(text, previous, end) { break }
                runStart = previous
            }
            var runEnd = marker
            while runEnd < end && !isURLRunBoundary(text, runEnd, end) {
                runEnd += text[runEnd] < 0x80 ? 1 : min(scalarLength(text[runEnd]), end - runEnd)
            }
            found.append(runStart..<runEnd)
            floor = runEnd
            if let dot = nextDot, dot < runEnd { nextDot = firstIndex(of: UInt8(ascii: "."), in: text, runEnd..<end) }
            if let colon = nextColon, colon < runEnd {
                nextColon = firstIndex(of: UInt8(ascii: ":"), in: text, runEnd..<end)
            }
        }
        return found
    }

    /// White space, `<`, `>` or `"`: what ends a stretch where a URL can be.
    @inline(__always)
    private static func isURLRunBoundary(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        let byte = text[index]
        return byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || ScalarClasses.isWhitespace(at: index, in: text, end: end)
    }

    /// `://` at `index`.
    private static func isSchemeSeparator(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        index + 2 < end && text[index + 1] == UInt8(ascii: "/") && text[index + 2] == UInt8(ascii: "/")
    }

    /// A dot at `index` followed by a letter (`\p{L}`).
    private static func isDotBeforeLetter(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        guard index + 1 < end else { return false }
        if text[index + 1] < 0x80 { return isASCIILetter(text[index + 1]) }
        guard let next = decodeScalar(text, index + 1, end) else { return false }
        switch next.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        let name = try fields.string("count") ?? "characters"
        guard let count = Count(rawValue: name) else {
            throw fields.error(
                key: "count", "'count' must be one of \(Count.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let maximum = try limits(fields, "max")
        let minimum = try limits(fields, "min")
        guard !maximum.isEmpty || !minimum.isEmpty else {
            throw fields.error(at: nil, "a length rule needs 'max' or 'min'")
        }
        return LengthRule(header: header, count: count, maximum: maximum, minimum: minimum)
    }

    private static func limits(_ fields: YAMLFields, _ key: String) throws(RuleFileError) -> [String: Int] {
        guard let node = fields.node(key) else { return [:] }
        var result: [String: Int] = [:]
        if let value = node.typed.int {
            result["*"] = value
        } else if case .mapping(let mapping) = node {
            for (platform, limit) in mapping {
                guard let name = platform.string, let value = limit.typed.int else {
                    throw fields.error(at: limit, "'\(key)' maps platforms to whole numbers")
                }
                result[name.lowercased()] = value
            }
        } else {
            throw fields.error(at: node, "'\(key)' is a whole number or a mapping of platforms to whole numbers")
        }
        for (platform, value) in result where value < 0 {
            throw fields.error(key: key, "'\(key)' for \(platform) must not be negative")
        }
        return result
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        let platform = input.platform?.lowercased()
        let maximum = platform.flatMap { self.maximum[$0] } ?? self.maximum["*"]
        let minimum = platform.flatMap { self.minimum[$0] } ?? self.minimum["*"]
        guard maximum != nil || minimum != nil else { return [] }
        let source = input.draft.source
        var start = input.draft.bodyStart
        var end = source.bytes.count
        while start < end && isWhitespaceByte(source.bytes[start]) { start += 1 }
        while end > start && isWhitespaceByte(source.bytes[end - 1]) { end -= 1 }
        let body = start..<end
        let signature = platform.flatMap { input.signatures[$0] } ?? input.signatures["*"] ?? ""
        // The body as one string, for the counts that need it (not for lists of items: a draft can be megabytes).
        var text: String { source.string(body) + signature }
        // Positions of the counted items (byte offsets in the body) let a finding point at the first one too many.
        var items: [Range<Int>] = []
        let total: Int
        var overflowAt: Int? = nil
        switch count {
        case .characters:
            total = text.unicodeScalars.count
            if let maximum, total > maximum {
                var index = body.lowerBound
                for _ in 0..<maximum where index < body.upperBound { index += scalarLength(source.bytes[index]) }
                overflowAt = index
            }
        case .weighted:
            var configuration = TwitterTextConfiguration.v3
            configuration.maxWeightedTweetLength = max(1, maximum ?? configuration.maxWeightedTweetLength)
            let result = TwitterText.parse(text, configuration: configuration)
            total = result.weightedLength
            if let maximum, total > maximum {
                // twitter-text's valid range is in UTF-16 units of the text; walk the body to that point.
                var units = 0
                var index = body.lowerBound
                while index < body.upperBound && units <= result.validRange.upperBound {
                    units += source.bytes[index] >= 0xF0 ? 2 : 1
                    index += scalarLength(source.bytes[index])
                }
                overflowAt = index
            }
        case .words:
            items = WordCounter.words(in: input.raw, range: body)
            total = items.count + WordCounter.count(in: signature)
        case .hashtags, .mentions:
            let pattern = count == .hashtags ? Self.hashtag : Self.mention
            items = try pattern.matches(in: input.raw, range: body, scratch: input.scratch).map(\.range)
            total =
                items.count + (signature.isEmpty ? 0 : try pattern.matches(in: signature, scratch: input.scratch).count)
        case .links:
            // Only stretches that look like a host or a URL go through the full extractor.
            for candidate in Self.urlCandidates(in: input.raw, range: body) {
                let text = source.string(candidate)
                items += URLExtractor.ranges(in: text).map {
                    ($0.utf8.lowerBound + candidate.lowerBound)..<($0.utf8.upperBound + candidate.lowerBound)
                }
            }
            total = items.count + URLExtractor.urls(in: signature).count
        case .emoji:
            let bodyText = source.string(body)
            items = TwitterText.emojiRangesBoth(in: bodyText).map {
                ($0.utf8.lowerBound + body.lowerBound)..<($0.utf8.upperBound + body.lowerBound)
            }
            total = items.count + TwitterText.emojiRanges(in: signature).count
        case .lines:
            total = text.isEmpty ? 0 : text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
        }
        let where_ = platform.map { Self.platformName($0) } ?? EngineWords.text(.thePlatform, input.messageLanguage)
        if let maximum, total > maximum {
            var range =
                body.isEmpty
                ? body.lowerBound..<body.lowerBound
                : body.lowerBound..<min(body.upperBound, body.lowerBound + scalarLength(source.bytes[body.lowerBound]))
            if let overflowAt, overflowAt < body.upperBound { range = overflowAt..<body.upperBound }
            if items.count > maximum { range = items[maximum] }
            return [
                header.finding(
                    input, range: range,
                    arguments: [
                        String(total), String(maximum), noun(total, input.messageLanguage), where_,
                        String(total - maximum),
                    ])
            ]
        }
        if let minimum, total < minimum {
            let range =
                body.isEmpty
                ? body
                : body.lowerBound..<min(body.upperBound, body.lowerBound + scalarLength(source.bytes[body.lowerBound]))
            return [
                header.finding(
                    input, range: range,
                    arguments: [
                        String(total), String(minimum), noun(total, input.messageLanguage), where_,
                        String(minimum - total),
                    ])
            ]
        }
        return []
    }

    private func noun(_ total: Int, _ language: String?) -> String {
        let key: EngineWords.Key
        switch count {
        case .characters: key = total == 1 ? .character : .characters
        case .weighted: key = .weightedCharacters
        case .words: key = total == 1 ? .word : .words
        case .hashtags: key = total == 1 ? .hashtag : .hashtags
        case .mentions: key = total == 1 ? .mention : .mentions
        case .links: key = total == 1 ? .link : .links
        case .emoji: key = .emoji
        case .lines: key = total == 1 ? .line : .lines
        }
        return EngineWords.text(key, language)
    }

    static func platformName(_ platform: String) -> String {
        [
            "linkedin": "LinkedIn", "x": "X", "twitter": "X", "instagram": "Instagram", "facebook": "Facebook",
            "threads": "Threads",
            "mastodon": "Mastodon", "bluesky": "Bluesky",
        ][platform] ?? platform
    }

}

@inline(__always) func isWhitespaceByte(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
}

extension LengthRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Counts the body as posted (nothing masked) plus the configured signature, per platform; `weighted` is X's count (twitter-text v3). The finding starts at the first item too many.",
        sharedWithVale: false,
        keys: [
            .init(
                "count", "`characters`, `weighted`, `words`, `hashtags`, `mentions`, `links`, `emoji` or `lines`",
                "what to count"),
            .init("max", "integer, or per platform (`{linkedin: 3000, x: 280}`, `*` for the rest)", "most allowed"),
            .init("min", "integer, or per platform", "fewest allowed"),
        ],
        example: "extends: length\nmessage: \"%s hashtags: use at most %s.\"\ncount: hashtags\nmax: 3\n",
        triggering: ["Proud! #launch #team #proud ↓#ghent"],
        nonTriggering: ["Proud! #launch #team #proud"])
}
