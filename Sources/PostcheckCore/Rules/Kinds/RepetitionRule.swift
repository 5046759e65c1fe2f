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

    static func compile(header: RuleHeader, fields: YAMLFields, context: RuleCompileContext) throws(RuleFileError)
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
        return RepetitionRule(header: header, pattern: pattern, max: try fields.int("max") ?? 0,
                              ignoreCase: ignoreCase, alpha: try fields.bool("alpha") ?? false, exceptions: exceptions)
    }

    func check(_ input: CheckInput) throws(MatchError) -> [Finding] {
        var findings: [Finding] = []
        for subject in input.subjects {
            let buffer = input.buffer(subject)
            var previousRange: Range<Int>? = nil
            var count = 0
            for match in try input.matches(pattern, in: subject) {
                defer { previousRange = match.range }
                // Most neighbouring words differ already in their bytes: only then build strings.
                guard let earlier = previousRange, Self.mayBeSame(buffer, earlier, match.range, ignoreCase: ignoreCase) else {
                    count = 0
                    continue
                }
                let current = input.text(match.range).trimmingSpacesAndBreaks()
                let before = (text: input.text(earlier).trimmingSpacesAndBreaks(), range: earlier)
                guard !current.isEmpty else { continue }
                let same = ignoreCase ? current.lowercased() == before.text.lowercased() : current == before.text
                guard same, !alpha || current.allSatisfy(\.isLetter) else { continue }
                count += 1
                guard count > max else { continue }
                let span = before.range.lowerBound..<match.range.upperBound
                // Across a sentence boundary ("… about that. That is …") it is not a repetition.
                let bytes = Array(input.buffer(subject)[span])
                guard SentenceSplitter.sentences(in: bytes, range: 0..<bytes.count).count == 1 else { continue }
                if try exceptions.suppresses(span, in: subject, input: input) { continue }
                // The fix keeps one of the repeated tokens, whatever the rule's action says.
                findings.append(header.finding(input, range: span, arguments: [current],
                                               suggestions: [input.text(before.range)]))
                count = 0
            }
        }
        return findings
    }

    /// False when two matches cannot be the same token: different lengths of ASCII text, or different ASCII letters
    /// (case folded when asked). Non-ASCII or whitespace-padded matches are left to the string comparison.
    static func mayBeSame(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ b: Range<Int>, ignoreCase: Bool) -> Bool {
        if a.count != b.count {
            return buffer[a].contains { $0 >= 0x80 || $0 <= 0x20 } || buffer[b].contains { $0 >= 0x80 || $0 <= 0x20 }
        }
        for (x, y) in zip(buffer[a], buffer[b]) where x != y {
            if x >= 0x80 || y >= 0x80 { return true }
            if !(ignoreCase && (x | 0x20) == (y | 0x20) && isASCIILetter(x)) { return false }
        }
        return true
    }
}
