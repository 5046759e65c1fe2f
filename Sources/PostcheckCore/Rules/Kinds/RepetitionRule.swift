/// `extends: repetition` — flags a token repeated back to back ("the the"), within one sentence.
struct RepetitionRule: RuleKind, CompiledRule {
    static let name = "repetition"
    static let keys: Set<String> = ["tokens", "max", "ignorecase", "alpha", "vocab", "exceptions"]

    let header: RuleHeader
    let pattern: RegexPattern
    let max: Int
    let ignoreCase: Bool
    let alpha: Bool
    let exceptions: ExceptionFilter
    /// Set when the tokens are one a byte scanner finds (the same tokens, without a PCRE2 call per token).
    let tokenScanner: TokenScanner?

    /// Token patterns common enough to be read on bytes: postcheck's word pattern (`WordCounter`) and Vale's
    /// "anything but white space" (write-good's Illusions). Every token of a draft is a match, so PCRE2's cost per
    /// match was most of the rule's time.
    enum TokenScanner {
        case words, nonSpaceRuns

        init?(tokens: [String]) {
            switch tokens {
            case ["[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*"], ["[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*"]:
                self = .words
            case ["[^\\s]+"], ["\\S+"]: self = .nonSpaceRuns
            default: return nil
            }
        }

        /// The subject's tokens; words come from the draft's shared word index.
        func tokens(in input: CheckInput, subject: CheckInput.Subject) -> [Range<Int>] {
            switch self {
            case .words: input.words(in: subject)
            case .nonSpaceRuns: RepetitionRule.nonSpaceRuns(in: input.buffer(subject), range: subject.range)
            }
        }
    }

    /// Runs of characters that are not white space (`[^\s]+` with UCP: PCRE2's \s is Unicode's White_Space).
    static func nonSpaceRuns(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start: Int? = nil
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let byte = buffer[index]
            // ASCII (most bytes) is white space or not by its value alone.
            if byte < 0x80 {
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    if let first = start { runs.append(first..<index) }
                    start = nil
                } else if start == nil {
                    start = index
                }
                index += 1
                continue
            }
            let length = min(scalarLength(byte), end - index)
            if ScalarClasses.isWhitespace(at: index, in: buffer, end: end) {
                if let first = start { runs.append(first..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
            index += length
        }
        if let first = start { runs.append(first..<end) }
        return runs
    }

    static func compile(
        header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
    ) throws(RuleFileError)
        -> any CompiledRule
    {
        guard let tokens = try fields.stringList("tokens"), !tokens.isEmpty else {
            throw fields.error(at: nil, "a repetition rule needs 'tokens'")
        }
        let ignoreCase = try fields.bool("ignorecase") ?? false
        var options: RegexOptions = [.multiline]
        if ignoreCase { options.insert(.caseInsensitive) }
        let pattern = try fields.compile("(?:\(tokens.joined(separator: "|")))", options: options, from: ["tokens"])
        let exceptions = try ExceptionFilter(
            exceptions: try fields.stringList("exceptions") ?? [], accepted: context.acceptedTerms,
            useVocabulary: try fields.bool("vocab") ?? true, fields: fields)
        return RepetitionRule(
            header: header, pattern: pattern, max: try fields.int("max") ?? 0,
            ignoreCase: ignoreCase, alpha: try fields.bool("alpha") ?? false, exceptions: exceptions,
            tokenScanner: TokenScanner(tokens: tokens))
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        for subject in input.subjects {
            try input.checkDeadline()
            let buffer = input.buffer(subject)
            var previousRange: Range<Int>? = nil
            var count = 0
            let tokens: [Range<Int>]
            if let tokenScanner {
                tokens = tokenScanner.tokens(in: input, subject: subject)
            } else {
                tokens = try input.matches(pattern, in: subject).map(\.range)
            }
            for token in tokens {
                defer { previousRange = token }
                // Most neighbouring words differ already in their bytes: only then build strings.
                guard let earlier = previousRange, Self.mayBeSame(buffer, earlier, token, ignoreCase: ignoreCase) else {
                    count = 0
                    continue
                }
                let current = input.text(token).trimmingSpacesAndBreaks()
                let before = (text: input.text(earlier).trimmingSpacesAndBreaks(), range: earlier)
                guard !current.isEmpty else { continue }
                let same = ignoreCase ? current.lowercased() == before.text.lowercased() : current == before.text
                // `max` counts repeats back to back: a different token starts the count again.
                guard same, !alpha || current.allSatisfy(\.isLetter) else {
                    count = 0
                    continue
                }
                count += 1
                guard count > max else { continue }
                let span = before.range.lowerBound..<token.upperBound
                // Across a sentence boundary ("… about that. That is …") it is not a repetition.
                let bytes = Array(input.buffer(subject)[span])
                guard SentenceSplitter.sentences(in: bytes, range: 0..<bytes.count).count == 1 else { continue }
                if try exceptions.suppresses(span, in: subject, input: input) { continue }
                // The fix keeps one of the repeated tokens, whatever the rule's action says.
                findings.append(
                    header.finding(
                        input, range: span, arguments: [current],
                        suggestions: [input.text(before.range)]))
                count = 0
            }
        }
        return findings
    }

    /// False when two matches cannot be the same token, decided on bytes: after a common beginning (ASCII letters
    /// case folded when asked) they differ first in two ASCII bytes, or one is the other plus ASCII. Such strings
    /// differ when lower-cased and compared as Swift compares (canonical equivalence cannot join an ASCII
    /// character to what comes before it). Matches padded with white space, which the comparison trims, and
    /// differences in other characters are left to the string comparison.
    static func mayBeSame(
        _ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>, ignoreCase: Bool
    ) -> Bool {
        func isPadded(_ range: Range<Int>) -> Bool {
            !range.isEmpty && (buffer[range.lowerBound] <= 0x20 || buffer[range.upperBound - 1] <= 0x20)
        }
        if isPadded(a) || isPadded(b) { return true }
        var i = a.lowerBound
        var j = b.lowerBound
        while i < a.upperBound && j < b.upperBound {
            let x = buffer[i]
            let y = buffer[j]
            if x != y {
                if x >= 0x80 || y >= 0x80 { return true }
                if !(ignoreCase && (x | 0x20) == (y | 0x20) && isASCIILetter(x)) { return false }
            }
            i += 1
            j += 1
        }
        if i == a.upperBound && j == b.upperBound { return true }
        // The rest of the longer one: marks could change how its last characters compare, ASCII cannot.
        return buffer[i..<a.upperBound].contains { $0 >= 0x80 } || buffer[j..<b.upperBound].contains { $0 >= 0x80 }
    }
}

extension RepetitionRule {
    static let documentation = RuleKindDocumentation(
        summary:
            "Flags a token repeated back to back within one sentence (\"the the\"); its fix removes the repetition.",
        sharedWithVale: true,
        keys: [
            .init("tokens", "list of patterns", "what may not repeat"),
            .init("max", "integer", "repeats allowed in a row before a finding (default 0)"),
            .init("alpha", "boolean", "only tokens of letters count"),
            .init("ignorecase", "boolean", "\"The the\" repeats too"),
            .init("exceptions", "list of patterns", "tokens that may repeat"),
            .init("vocab", "boolean", "the configuration's accepted vocabulary counts as exceptions (default true)"),
        ],
        example:
            "extends: repetition\nmessage: \"'%s' is repeated.\"\nalpha: true\nignorecase: true\ntokens:\n  - '[^\\s]+'\n",
        triggering: ["We love ↓the the team."],
        nonTriggering: ["We love the team."])
}
