/// The text a rule runs on: the draft, the subjects its scope selected, and per-thread match state.
public struct CheckInput {
    public struct Subject: Sendable, Hashable {
        public let range: Range<Int>
        /// Whether the range is read in the unmasked file (`raw` scope) rather than the masked prose.
        public let raw: Bool
    }

    public let draft: Draft
    public internal(set) var subjects: [Subject]
    public let masked: UnsafeBufferPointer<UInt8>
    public let raw: UnsafeBufferPointer<UInt8>
    public let scratch: MatchScratch
    /// The draft's language (nl, en, fr, de…), when known.
    public var language: String? = nil
    /// The language findings speak (`--message-language`, else the draft's): rules' messages, descriptions and the
    /// words kinds put into them.
    public var messageLanguage: String? = nil
    /// The platform the draft is for (front matter `platform`, else the configuration's), lower case.
    public var platform: String? = nil
    /// Text each platform appends to a post (`*`: every platform), counted by length rules.
    public var signatures: [String: String] = [:]
    /// Where word-list patterns may match in the masked text (one scan for all of them; see `LiteralPrefilter`).
    var candidates: LiteralPrefilter.Candidates? = nil
    /// The masked text's words, found once per draft and shared by the rules.
    var wordIndex: WordIndex? = nil

    public func buffer(_ subject: Subject) -> UnsafeBufferPointer<UInt8> { subject.raw ? raw : masked }

    /// The words (`WordCounter`) of `range` (the whole subject when nil) of `subject`.
    func words(in subject: Subject, range: Range<Int>? = nil) -> [Range<Int>] {
        let range = range ?? subject.range
        if !subject.raw, let wordIndex { return wordIndex.words(in: range) }
        return WordCounter.words(in: buffer(subject), range: range)
    }

    func wordCount(in subject: Subject, range: Range<Int>) -> Int {
        if !subject.raw, let wordIndex { return wordIndex.count(in: range) }
        return WordCounter.count(in: buffer(subject), range: range)
    }

    /// Each word of `range` of the masked text, in order.
    func forEachMaskedWord(in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        if let wordIndex { return wordIndex.forEachWord(in: range, body) }
        WordCounter.forEachWord(in: masked, range: range, body)
    }

    public func text(_ range: Range<Int>) -> String { draft.source.string(range) }

    /// Throws `MatchError.timeLimit` once the check's deadline has passed: for each rule's loops.
    @inline(__always)
    public func checkDeadline() throws(MatchError) { try scratch.checkDeadline() }

    /// Every non-empty match of `pattern` in `subject`, or in `range` of it (a piece of a long text).
    public func matches(
        _ pattern: RegexPattern, in subject: Subject, range: Range<Int>? = nil, groups: Bool = false
    )
        throws(MatchError) -> [RegexMatch]
    {
        let range = range ?? subject.range
        if !subject.raw, let positions = candidates?.positions(for: pattern) {
            // The first candidate inside the range (positions are sorted).
            var low = 0
            var high = positions.count
            while low < high {
                let mid = (low + high) / 2
                if positions[mid] < range.lowerBound { low = mid + 1 } else { high = mid }
            }
            var found: [RegexMatch] = []
            try pattern.forEachMatch(
                in: masked, range: range, candidates: positions[low...], scratch: scratch,
                captureGroups: groups
            ) { found.append($0) }
            return found
        }
        return try pattern.matches(in: buffer(subject), range: range, scratch: scratch, captureGroups: groups)
    }
}

extension RuleHeader {
    /// A finding of this rule at `range` with its message formatted from `arguments`.
    /// `match` is the text at `range` when the caller has it already.
    func finding(
        _ input: CheckInput, range: Range<Int>, arguments: [String], suggestions: [String] = [],
        message: String? = nil, match: String? = nil
    ) -> Finding {
        let match = match ?? input.text(range)
        var suggestions = suggestions
        if suggestions.isEmpty, let action {
            switch action.name {
            case "remove": suggestions = [""]
            case "edit": suggestions = EditAction.apply(action.params, to: match).map { [$0] } ?? []
            case "replace": suggestions = action.params
            default: break
            }
        }
        return Finding(
            ruleID: id, severity: severity,
            message: formatMessage(message ?? self.message(for: input.messageLanguage), arguments),
            range: range, match: match, suggestions: suggestions, action: action, link: link,
            description: self.description(for: input.messageLanguage))
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
