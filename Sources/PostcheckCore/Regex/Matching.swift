import CPCRE2

/// One match: absolute byte ranges into the subject buffer for the whole match and each group.
public struct RegexMatch: Sendable, Hashable {
    /// Byte range of the whole match.
    public let range: Range<Int>
    /// Byte ranges of the capture groups (index 0 is group 1); nil where a group did not take part.
    public let groups: [Range<Int>?]

    public func group(_ number: Int) -> Range<Int>? {
        number == 0 ? range : (number - 1 < groups.count ? groups[number - 1] : nil)
    }
}

extension RegexPattern {
    /// Finds every non-overlapping, non-empty match within `range` of `text` (valid UTF-8, validated by the caller:
    /// matching uses `PCRE2_NO_UTF_CHECK`). The subject is the slice itself, so `^` and lookbehind see the slice's
    /// start as the start of text, as Vale does for a block.
    ///
    /// - Parameter captureGroups: whether to collect group ranges (costs an allocation per match).
    public func matches(
        in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch, captureGroups: Bool = false
    ) throws(MatchError) -> [RegexMatch] {
        var found: [RegexMatch] = []
        try forEachMatch(in: text, range: range, scratch: scratch, captureGroups: captureGroups) { found.append($0) }
        return found
    }

    public func forEachMatch(
        in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch, captureGroups: Bool = false,
        _ body: (RegexMatch) -> Void
    ) throws(MatchError) {
        guard let base = text.baseAddress, !range.isEmpty || range.lowerBound <= text.count else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "match range outside the text")
        if let runAnchor {
            return try runAnchor.forEachMatch(
                of: self, in: text, range: range, scratch: scratch, captureGroups: captureGroups, body)
        }
        scratch.ensureCapacity(groups: captureCount)
        noteScan(of: range.count)
        let code = matchCode
        let subject = base + range.lowerBound
        let length = range.count
        let shift = range.lowerBound
        var start = 0
        var options = UInt32(PCRE2_NO_UTF_CHECK)
        while start <= length {
            try scratch.checkDeadline()
            let rc = pcre2_match_8(code, subject, length, start, options, scratch.matchData, scratch.context(for: self))
            if rc == PCRE2_ERROR_NOMATCH {
                if options & UInt32(PCRE2_NOTEMPTY_ATSTART) != 0 {
                    // An empty match at `start` and no non-empty one there: move on by one character.
                    options = UInt32(PCRE2_NO_UTF_CHECK)
                    start = nextCharacter(subject, length, start)
                    continue
                }
                return
            }
            if rc < 0 {
                throw failure(rc)
            }
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            let matchStart = ovector[0]
            let matchEnd = ovector[1]
            if matchEnd == matchStart {
                // Never report empty matches; look for a non-empty one at the same place.
                options = UInt32(PCRE2_NO_UTF_CHECK | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED)
                start = matchEnd
                continue
            }
            let groups = captureGroups ? groupRanges(ovector, returnCode: rc, shift: shift) : []
            body(RegexMatch(range: (matchStart + shift)..<(matchEnd + shift), groups: groups))
            options = UInt32(PCRE2_NO_UTF_CHECK)
            start = matchEnd
        }
    }

    /// The matches `forEachMatch` would find, when they can only start at `candidates` (sorted offsets into `text`):
    /// an anchored match at each candidate from the end of the previous match on. Same results, without scanning
    /// the text between candidates.
    public func forEachMatch(
        in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, candidates: ArraySlice<Int>, scratch: MatchScratch,
        captureGroups: Bool = false, _ body: (RegexMatch) -> Void
    ) throws(MatchError) {
        guard let base = text.baseAddress, !range.isEmpty else { return }
        precondition(range.lowerBound >= 0 && range.upperBound <= text.count, "match range outside the text")
        scratch.ensureCapacity(groups: captureCount)
        let code = matchCode
        let subject = base + range.lowerBound
        let length = range.count
        let shift = range.lowerBound
        var next = range.lowerBound
        for candidate in candidates {
            if candidate >= range.upperBound { break }
            if candidate < next { continue }
            try scratch.checkDeadline()
            let rc = pcre2_match_8(
                code, subject, length, candidate - shift, UInt32(PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED),
                scratch.matchData, scratch.context(for: self))
            if rc == PCRE2_ERROR_NOMATCH { continue }
            if rc < 0 { throw failure(rc) }
            let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
            guard ovector[1] > ovector[0] else { continue }
            let groups = captureGroups ? groupRanges(ovector, returnCode: rc, shift: shift) : []
            body(RegexMatch(range: (ovector[0] + shift)..<(ovector[1] + shift), groups: groups))
            next = ovector[1] + shift
        }
    }

    /// The match anchored at `start` (an offset into `text`, inside `range`), if there is one and it is not empty.
    func anchoredMatch(
        in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, at start: Int, scratch: MatchScratch,
        captureGroups: Bool
    ) throws(MatchError) -> RegexMatch? {
        guard let base = text.baseAddress else { return nil }
        scratch.ensureCapacity(groups: captureCount)
        let shift = range.lowerBound
        let rc = pcre2_match_8(
            matchCode, base + shift, range.count, start - shift, UInt32(PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED),
            scratch.matchData, scratch.context(for: self))
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw failure(rc) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        guard ovector[1] > ovector[0] else { return nil }
        let groups = captureGroups ? groupRanges(ovector, returnCode: rc, shift: shift) : []
        return RegexMatch(range: (ovector[0] + shift)..<(ovector[1] + shift), groups: groups)
    }

    /// The error for a failed `pcre2_match`: a replaced lookbehind's callout stops the match with
    /// `PCRE2_ERROR_CALLOUT` once the check's deadline has passed.
    private func failure(_ rc: Int32) -> MatchError {
        if rc == PCRE2_ERROR_CALLOUT && variableLookbehind != nil { return .timeLimit }
        return MatchError(pattern: source, code: rc, message: pcre2ErrorMessage(rc))
    }

    /// Each capture group's range in the text (nil where the group did not take part), from PCRE2's ovector.
    private func groupRanges(_ ovector: UnsafeMutablePointer<Int>, returnCode: Int32, shift: Int) -> [Range<Int>?] {
        guard captureCount > 0 else { return [] }
        let unset = postcheck_pcre2_unset()
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount)
        for group in 1...captureCount {
            let low = ovector[2 * group]
            let high = ovector[2 * group + 1]
            groups.append(low == unset || group >= Int(returnCode) ? nil : (low + shift)..<(high + shift))
        }
        return groups
    }

    /// The first match in `range`, if any.
    public func firstMatch(
        in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch
    ) throws(MatchError) -> Range<Int>? {
        guard let base = text.baseAddress else { return nil }
        scratch.ensureCapacity(groups: captureCount)
        noteScan(of: range.count)
        let rc = pcre2_match_8(
            matchCode, base + range.lowerBound, range.count, 0, UInt32(PCRE2_NO_UTF_CHECK), scratch.matchData,
            scratch.context(for: self))
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 { throw failure(rc) }
        let ovector = pcre2_get_ovector_pointer_8(scratch.matchData)!
        return (ovector[0] + range.lowerBound)..<(ovector[1] + range.lowerBound)
    }
}

/// Convenience for code that holds a `String` (rule loading, tests): matches over its UTF-8.
extension RegexPattern {
    public func matches(in string: String, scratch: MatchScratch = .forCurrentThread) throws(MatchError) -> [String] {
        let bytes = Array(string.utf8)
        let found: [RegexMatch]
        do {
            found = try bytes.withUnsafeBufferPointer { buffer throws(MatchError) in
                try matches(in: buffer, range: 0..<buffer.count, scratch: scratch)
            }
        }
        return found.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    public func isMatch(_ string: String, scratch: MatchScratch = .forCurrentThread) throws(MatchError) -> Bool {
        let bytes = Array(string.utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(MatchError) in
            try firstMatch(in: buffer, range: 0..<buffer.count, scratch: scratch) != nil
        }
    }
}

@inline(__always)
private func nextCharacter(_ subject: UnsafePointer<UInt8>, _ length: Int, _ offset: Int) -> Int {
    var next = offset + 1
    while next < length && subject[next] & 0xC0 == 0x80 { next += 1 }
    return next
}
