/// Factors a long list of literal tokens into one trie-shaped pattern (`ab(?:c|d)` for `abc`, `abd`), so that PCRE2
/// follows one path per position instead of trying every token: word lists of hundreds or thousands of terms
/// (alex, proselint, profanity lists) then cost about as much as a few words. Tokens that use regex syntax stay
/// alternatives of their own. Where several tokens match at one place the longest wins, which is also what the
/// word boundary after the group would make the original alternation settle on.
enum TokenTrie {
    /// The texts a token's matches begin with (`leadingTexts(of:)`).
    struct LeadingTexts {
        let texts: [String]
        /// Whether the texts are the token's whole matches, not only their beginnings.
        let whole: Bool
        /// Whether the token has `\b` right after them (`\b(am|is|are)\b\s*`).
        let boundaryAfter: Bool
    }

    /// A token without regex syntax (`\ ^ $ . | ? * + ( ) [ ] { }`), which can go into the trie.
    static func isLiteral(_ token: String) -> Bool {
        !token.isEmpty && !token.utf8.contains(where: isMetaByte)
    }

    /// The text a token matches when it is plain text, escaped punctuation (`a\-b`, `a\.m\.`) included; nil for
    /// a token with any other regex syntax.
    static func literalText(_ token: String) -> String? {
        guard !token.isEmpty else { return nil }
        if isLiteral(token) { return token }
        var text = ""
        var escaped = false
        for scalar in token.unicodeScalars {
            if escaped {
                guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar), scalar != " "
                else {
                    return nil  // \b, \d, \1, \Q… are syntax
                }
                text.unicodeScalars.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar.isASCII && isMetaByte(UInt8(scalar.value)) {
                return nil
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return escaped || text.isEmpty ? nil : text
    }

    /// Texts that every match of a token (a regex) starts with — its literal beginning, with small alternatives and
    /// character classes expanded: `gurus?` → `guru`, `(?:bunch|flock) of crows` → `bunch of crows`, `flock of
    /// crows`, `cutting[ -]edge` → `cutting edge`, `cutting-edge`, `\bocd\b|o\.c\.d\.` → `ocd`, `o.c.d.`. Nil when a
    /// match could start with fewer than two known characters (`[a-z]+ed`, `\d{1,2}am`): such a token has to be
    /// scanned for.
    static func startTexts(of token: String) -> [String]? { scanStartTexts(of: token)?.texts }

    /// `startTexts(of:)`, and whether every alternative has `\b` right after its texts.
    private static func scanStartTexts(of token: String) -> (texts: [String], boundaryAfter: Bool)? {
        // Most tokens are plain words: their text is their beginning.
        if isLiteral(token) { return token.unicodeScalars.count >= 2 ? ([token], false) : nil }
        var results: [String] = []
        var boundaryAfter = true
        for alternative in splitTopLevel(Array(token.unicodeScalars)) {
            guard let found = leadingTexts(alternative, expandOptional: false), !found.texts.isEmpty else { return nil }
            results += found.texts
            boundaryAfter = boundaryAfter && found.boundaryAfter
        }
        return results.isEmpty ? nil : (results, boundaryAfter)
    }

    /// Every text a token can match, when it is a small finite set of texts (plain words, small classes, groups of
    /// plain alternatives, optional pieces: `boys?` → `boy`, `boys`; `m[ae]n` → `man`, `men`); nil for a token with
    /// any other syntax or more than 64 texts.
    static func wholeTexts(of token: String) -> [String]? {
        if isLiteral(token) { return token.unicodeScalars.count >= 2 ? [token] : nil }
        var results: [String] = []
        for alternative in splitTopLevel(Array(token.unicodeScalars)) {
            guard let found = leadingTexts(alternative, expandOptional: true), found.complete else { return nil }
            results += found.texts
        }
        return results.isEmpty || results.count > 64 ? nil : results
    }

    /// The texts a token's (or raw pattern's) matches begin with, for the shared scan: its whole texts when it has a
    /// small finite set of them (`whole`: a match that starts with one ends with it), else its start texts.
    static func leadingTexts(of token: String) -> LeadingTexts? {
        if let texts = wholeTexts(of: token) { return LeadingTexts(texts: texts, whole: true, boundaryAfter: false) }
        return scanStartTexts(of: token).map {
            LeadingTexts(texts: $0.texts, whole: false, boundaryAfter: $0.boundaryAfter)
        }
    }

    /// Splits at `|` outside groups and classes.
    private static func splitTopLevel(_ scalars: [Unicode.Scalar]) -> [[Unicode.Scalar]] {
        var parts: [[Unicode.Scalar]] = [[]]
        var depth = 0
        var inClass = false
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" && index + 1 < scalars.count {
                parts[parts.count - 1] += [scalar, scalars[index + 1]]
                index += 2
                continue
            }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                depth -= 1
            } else if scalar == "|" && depth == 0 {
                parts.append([]); index += 1; continue
            }
            parts[parts.count - 1].append(scalar)
            index += 1
        }
        return parts
    }

    /// The literal beginnings of one alternative (no top-level `|`), or nil; `complete` when they are the whole
    /// alternative. With `expandOptional`, an optional piece (`s?`, `(?:a|b)?`) doubles the texts (without it and
    /// with it) instead of ending the beginning.
    private static func leadingTexts(
        _ scalars: [Unicode.Scalar], expandOptional: Bool
    )
        -> (texts: [String], complete: Bool, boundaryAfter: Bool)?
    {
        var prefixes = [""]
        var index = 0
        // `(?i)` (caseless from here on) leaves the beginning as it is: the shared scan compares without case.
        if scalars.count > 4 && String(String.UnicodeScalarView(scalars[0..<4])) == "(?i)" { index = 4 }
        // Zero-width assertions at the start consume nothing.
        while index + 1 < scalars.count && scalars[index] == "\\"
            && (scalars[index + 1] == "b" || scalars[index + 1] == "B")
        {
            index += 2
        }
        func quantifier(at position: Int) -> Unicode.Scalar? {
            position < scalars.count && ["?", "*", "+", "{"].contains(scalars[position]) ? scalars[position] : nil
        }
        /// Appends each of `options` (a piece ending before `next`) to the texts; the place after the piece and its
        /// quantifier, or nil where the known beginning ends.
        func extend(_ options: [String], next: Int) -> Int? {
            // An optional piece ends the known beginning (or, expanded, doubles the texts); `+` keeps one copy and
            // ends it too.
            switch quantifier(at: next) {
            case "?":
                // `??` (lazy) and `?+` (possessive) match the same texts as `?`.
                guard expandOptional else { return nil }
                prefixes += prefixes.flatMap { prefix in options.map { prefix + $0 } }
                let lazyOrPossessive =
                    next + 1 < scalars.count && (scalars[next + 1] == "?" || scalars[next + 1] == "+")
                let after = lazyOrPossessive ? next + 2 : next + 1
                return prefixes.count <= 64 ? after : nil
            case "*", "{": return nil
            case "+":
                prefixes = prefixes.flatMap { prefix in options.map { prefix + $0 } }
                return nil
            default:
                prefixes = prefixes.flatMap { prefix in options.map { prefix + $0 } }
                return prefixes.count <= 64 ? next : nil
            }
        }
        // Set when the scan stops at a `\b` (after the leading ones, which were skipped above).
        var boundaryAfter = false
        scan: while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { break scan }
                let escaped = scalars[index + 1]
                if escaped == "b" {
                    boundaryAfter = true
                    break scan
                }
                guard escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped), escaped != " "
                else { break scan }
                guard let after = extend([String(Character(escaped))], next: index + 2) else { break scan }
                index = after
            case "[":
                // A small class of plain characters: `[cC]`, `[ -]`.
                guard let close = scalars[(index + 1)...].firstIndex(of: "]"), close > index + 1 else { break scan }
                let members = Array(scalars[(index + 1)..<close])
                let isPlain =
                    members.count <= 4 && members.first != "^" && !members.contains("\\")
                    && !members.enumerated().contains {
                        $0.element == "-" && $0.offset != 0 && $0.offset != members.count - 1
                    }
                guard isPlain else { break scan }
                guard let after = extend(members.map { String(Character($0)) }, next: close + 1) else { break scan }
                index = after
            case "(":
                // A non-capturing or capturing group of plain alternatives.
                var start = index + 1
                if start + 1 < scalars.count && scalars[start] == "?" && scalars[start + 1] == ":" {
                    start += 2
                } else if start < scalars.count && scalars[start] == "?" {
                    break scan
                }
                guard let close = scalars[start...].firstIndex(of: ")") else { break scan }
                let alternatives = String(String.UnicodeScalarView(scalars[start..<close])).split(
                    separator: "|", omittingEmptySubsequences: false)
                let texts = alternatives.map { literalText(String($0)) }
                guard !texts.isEmpty, texts.allSatisfy({ $0 != nil }) else { break scan }
                if quantifier(at: close + 1) == "?" && prefixes == [""] {
                    // An optional group at the start (`(?:strikt )?vertrouwelijk`): its texts or none, then what
                    // follows. Later on, an optional group just ends the known beginning.
                    prefixes = prefixes.flatMap { prefix in (texts.map { $0! } + [""]).map { prefix + $0 } }
                    guard prefixes.count <= 64 else { break scan }
                    index = close + 2
                    // `??` (lazy) and `?+` (possessive) are optional too.
                    if index < scalars.count && (scalars[index] == "?" || scalars[index] == "+") { index += 1 }
                    continue
                }
                guard let after = extend(texts.map { $0! }, next: close + 1) else { break scan }
                index = after
            case "^", "$", ".", "|", "?", "*", "+", ")", "]", "{", "}":
                break scan
            default:
                if quantifier(at: index + 1) != nil {
                    guard let after = extend([String(Character(scalar))], next: index + 1) else { break scan }
                    index = after
                    continue
                }
                prefixes = prefixes.map { $0 + String(Character(scalar)) }
                index += 1
            }
        }
        guard prefixes.allSatisfy({ $0.unicodeScalars.count >= 2 }), prefixes.count <= 64 else { return nil }
        // Only a scan that read the alternative to its end knows its whole texts.
        return (prefixes, index >= scalars.count, boundaryAfter)
    }

    /// A lookahead that names the characters a match of any of `tokens` can start with, for tokens that start with
    /// `\d`, `\w` or a Unicode property: PCRE2 (with UCP) cannot work out where such a pattern may start, so it
    /// tries every position; with `(?=[0-9\x{660}-\x{10FFFF}])` in front (the digits of every script are 0–9 or
    /// from U+0660 on) it skips ahead to the next possible one. The lookahead only restates what the pattern
    /// requires, so matches do not change. Nil when no token needs it or the start of one cannot be worked out.
    ///
    /// The ranges that stand for `\d`, `\w` and properties are matched case-sensitively (`(?-i:…)`): case does not
    /// change what they cover, and a caseless range of a million code points makes PCRE2 compile for milliseconds
    /// (it looks up the other case of each). Literal first characters stay under the rule's own case setting.
    static func firstCharacterHint(for tokens: [String]) -> String? {
        // Most lists are words: without `\d`, `\w` or `\p` anywhere no token can need the hint.
        guard tokens.contains(where: mentionsClassEscape) else { return nil }
        var first = FirstCharacters()
        for token in tokens {
            for alternative in splitTopLevel(Array(token.unicodeScalars)) {
                guard let characters = firstCharacters(alternative) else { return nil }
                first.add(characters)
            }
        }
        guard !first.ranges.isEmpty else { return nil }
        var parts = ["(?-i:[\(first.ranges)])"]
        if !first.literals.isEmpty { parts.append("[\(first.literals)]") }
        return "(?=\(parts.joined(separator: "|")))"
    }

    /// Class members (for inside `[…]`) covering the characters a match can start with: ranges standing for
    /// `\d`, `\w` or a property, and literal characters or plain classes.
    private struct FirstCharacters {
        var ranges = ""
        var literals = ""

        mutating func add(_ other: FirstCharacters) {
            ranges += other.ranges
            literals += other.literals
        }
    }

    private static func mentionsClassEscape(_ token: String) -> Bool {
        var previous: UInt8 = 0
        for byte in token.utf8 {
            if previous == UInt8(ascii: "\\")
                && (byte == UInt8(ascii: "d") || byte == UInt8(ascii: "w") || byte == UInt8(ascii: "p"))
            {
                return true
            }
            previous = previous == UInt8(ascii: "\\") ? 0 : byte
        }
        return false
    }

    /// The characters a match of one alternative can start with, or nil when they cannot be worked out.
    private static func firstCharacters(_ scalars: [Unicode.Scalar]) -> FirstCharacters? {
        var index = 0
        while index + 1 < scalars.count && scalars[index] == "\\"
            && (scalars[index + 1] == "b" || scalars[index + 1] == "B")
        {
            index += 2
        }
        guard index < scalars.count else { return nil }
        var next = index + 1
        var result = FirstCharacters()
        switch scalars[index] {
        case "\\":
            guard index + 1 < scalars.count else { return nil }
            let escaped = scalars[index + 1]
            next = index + 2
            switch escaped {
            // Supersets, in ranges PCRE2 can turn into first bytes: digits of all scripts start at U+0660, letters
            // and marks beyond ASCII at U+00AA (ª), other numbers at U+00B2 (²). Case letters of any case, since
            // caseless matching may let \p{Lu} match a lower-case letter.
            case "d": result.ranges = "0-9\\x{660}-\\x{10FFFF}"
            case "w": result.ranges = "0-9A-Za-z_\\x{AA}-\\x{10FFFF}"
            case "p":
                guard index + 2 < scalars.count, scalars[index + 2] == "{",
                    let close = scalars[(index + 3)...].firstIndex(of: "}")
                else { return nil }
                switch String(String.UnicodeScalarView(scalars[(index + 3)..<close])) {
                case "L", "Lu", "Ll", "Lt", "L&": result.ranges = "A-Za-z\\x{AA}-\\x{10FFFF}"
                case "N", "Nd": result.ranges = "0-9\\x{B2}-\\x{10FFFF}"
                default: return nil
                }
                next = close + 1
            default:
                // An escaped punctuation character is itself.
                guard escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped), escaped != " "
                else {
                    return nil
                }
                result.literals = "\\" + String(Character(escaped))
            }
        case "(":
            var start = index + 1
            if start + 1 < scalars.count && scalars[start] == "?" && scalars[start + 1] == ":" {
                start += 2
            } else if start < scalars.count && scalars[start] == "?" {
                return nil
            }
            guard let close = closingParenthesis(scalars, from: start) else { return nil }
            for alternative in splitTopLevel(Array(scalars[start..<close])) {
                guard let first = firstCharacters(alternative) else { return nil }
                result.add(first)
            }
            next = close + 1
        case "[":
            // A plain class (no negation, no escapes) is its own members.
            guard let close = scalars[(index + 1)...].firstIndex(of: "]"), close > index + 1 else { return nil }
            let members = Array(scalars[(index + 1)..<close])
            guard members.first != "^", !members.contains("\\"), !members.contains("[") else { return nil }
            next = close + 1
            // Joined with other members, a `-` at either end could form a range and a `^` could come first.
            for (offset, member) in members.enumerated() {
                let atEnd = offset == 0 || offset == members.count - 1
                if member == "^" || (member == "-" && atEnd) { result.literals += "\\" }
                result.literals.unicodeScalars.append(member)
            }
        case "^", "$", ".", "|", "?", "*", "+", ")", "]", "{", "}":
            return nil
        default:
            let scalar = scalars[index]
            if scalar.isASCII && "-^]".unicodeScalars.contains(scalar) { result.literals += "\\" }
            result.literals.unicodeScalars.append(scalar)
        }
        return quantifierAllowsNone(scalars, after: next) ? nil : result
    }

    /// Whether the piece ending before `position` may match nothing (`?`, `*`, `{0,…}`): then the next piece could
    /// start the match, and the first characters are unknown here.
    private static func quantifierAllowsNone(_ scalars: [Unicode.Scalar], after position: Int) -> Bool {
        guard position < scalars.count else { return false }
        switch scalars[position] {
        case "?", "*": return true
        case "{": return position + 1 < scalars.count && (scalars[position + 1] == "0" || scalars[position + 1] == ",")
        default: return false
        }
    }

    /// The `)` closing the group whose content starts at `start`, skipping nested groups, classes and escapes.
    private static func closingParenthesis(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var inClass = false
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" { index += 2; continue }
            if inClass {
                if scalar == "]" { inClass = false }
            } else if scalar == "[" {
                inClass = true
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                if depth == 0 { return index }
                depth -= 1
            }
            index += 1
        }
        return nil
    }

    /// The alternation for `tokens` (no surrounding group), or nil when factoring would not help (few literals).
    static func alternation(_ tokens: [String], caseInsensitive: Bool) -> String? {
        var literals: [[Unicode.Scalar]] = []
        var patterns: [String] = []
        for token in tokens {
            if let literal = literalText(token) {
                literals.append(Array((caseInsensitive ? literal.lowercased() : literal).unicodeScalars))
            } else {
                patterns.append(token)
            }
        }
        guard literals.count >= 8 else { return nil }
        // Sorted, the tokens below any prefix lie side by side (the prefix itself first): the trie is read off the
        // sorted list without building it.
        literals.sort { $0.lexicographicallyPrecedes($1) { $0.value < $1.value } }
        var trie = ""
        render(literals, 0..<literals.count, depth: 0, into: &trie)
        return ([trie] + patterns).joined(separator: "|")
    }

    /// Bytes of regex syntax (all ASCII).
    private static func isMetaByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "|"),
            UInt8(ascii: "?"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
            UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    /// Characters escaped in the rendered pattern (RegexPattern.escape's set).
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return "\\^$.|?*+()[]{}/-#".unicodeScalars.contains(scalar)
    }

    /// The trie of `literals[range]`, which share their first `depth` code points: longer continuations first, then
    /// the end of a token, so that the longest token at a place wins.
    private static func render(_ literals: [[Unicode.Scalar]], _ range: Range<Int>, depth: Int, into out: inout String)
    {
        var index = range.lowerBound
        var terminal = false
        while index < range.upperBound && literals[index].count == depth {
            terminal = true
            index += 1
        }
        guard index < range.upperBound else { return }
        var groups: [(scalar: Unicode.Scalar, range: Range<Int>)] = []
        while index < range.upperBound {
            let scalar = literals[index][depth]
            var end = index + 1
            while end < range.upperBound && literals[end][depth] == scalar { end += 1 }
            groups.append((scalar, index..<end))
            index = end
        }
        let grouped = groups.count > 1 || terminal
        if grouped { out += "(?:" }
        for (position, group) in groups.enumerated() {
            if position > 0 { out += "|" }
            if needsEscape(group.scalar) { out += "\\" }
            out.unicodeScalars.append(group.scalar)
            render(literals, group.range, depth: depth + 1, into: &out)
        }
        if grouped { out += terminal ? "|)" : ")" }
    }
}
