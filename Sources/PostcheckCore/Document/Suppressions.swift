/// An in-text exception: `<!-- postcheck-disable RULE… -->` … `<!-- postcheck-enable -->`,
/// `<!-- postcheck-disable-next-line RULE -->`, front matter `postcheck: {disable: [RULE]}`, and Vale's
/// `<!-- vale off -->` / `<!-- vale on -->` / `<!-- vale Style.Rule = NO -->`.
struct Suppression: Sendable, Hashable {
    /// Rule ids or pack names; `*` means every rule.
    let selectors: [String]
    /// Where findings are silenced (original byte offsets).
    let region: Range<Int>
    /// The comment (or front matter) that asked for it (original byte offsets).
    let directive: Range<Int>

    func covers(_ ruleID: String, at offset: Int) -> Bool {
        region.contains(offset) && selectors.contains { Self.selector($0, matches: ruleID) }
    }

    static func selector(_ selector: String, matches ruleID: String) -> Bool {
        selector == "*" || selector == ruleID || ruleID.hasPrefix(selector + ".")
    }
}

enum SuppressionParser {
    /// Reads every suppression in a draft. Comments are read in `source` (NFC) coordinates and mapped to the original.
    static func parse(_ draft: Draft) -> [Suppression] {
        var suppressions: [Suppression] = []
        let end = draft.source.bytes.count
        if case .list(let rules)? = draft.frontMatter?["postcheck"].flatMap({ value -> MetadataValue? in
            if case .map(let map) = value { return map["disable"] }
            return nil
        }) {
            let selectors = rules.compactMap(\.stringValue)
            if !selectors.isEmpty, let range = draft.frontMatter?.range {
                suppressions.append(
                    Suppression(
                        selectors: selectors, region: draft.originalRange(range.upperBound..<end),
                        directive: draft.originalRange(range)))
            }
        }
        guard draft.format == .markdown else { return suppressions }

        var open: [(selector: String, start: Int, directive: Range<Int>)] = []
        func close(_ selectors: [String]?, at offset: Int) {
            var remaining: [(String, Int, Range<Int>)] = []
            for entry in open {
                if selectors == nil || selectors!.contains(entry.selector) || selectors!.contains("*") {
                    suppressions.append(
                        Suppression(
                            selectors: [entry.selector], region: draft.originalRange(entry.start..<offset),
                            directive: draft.originalRange(entry.directive)))
                } else {
                    remaining.append(entry)
                }
            }
            open = remaining
        }
        for comment in comments(in: draft.source.bytes, from: draft.bodyStart)
        where !draft.codeRanges.contains(where: { $0.overlaps(comment.range) }) {
            let words = comment.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(
                String.init)
            guard let keyword = words.first else { continue }
            let rules = Array(words.dropFirst()).flatMap { $0.split(separator: ",").map(String.init) }
            switch keyword {
            case "postcheck-disable":
                for selector in rules.isEmpty ? ["*"] : rules {
                    open.append((selector, comment.range.upperBound, comment.range))
                }
            case "postcheck-enable":
                close(rules.isEmpty ? nil : rules, at: comment.range.lowerBound)
            case "postcheck-disable-next-line":
                if let line = nextNonBlankLine(after: comment.range.upperBound, in: draft.source) {
                    suppressions.append(
                        Suppression(
                            selectors: rules.isEmpty ? ["*"] : rules, region: draft.originalRange(line),
                            directive: draft.originalRange(comment.range)))
                }
            case "vale":
                let rest = words.dropFirst().joined(separator: " ")
                if rest == "off" {
                    open.append(("*", comment.range.upperBound, comment.range))
                } else if rest == "on" {
                    close(nil, at: comment.range.lowerBound)
                } else if let equals = rest.firstIndex(of: "=") {
                    let names = rest[..<equals].split(separator: ",").map { $0.trimmingCharacters(in: [" "]) }
                    let value = rest[rest.index(after: equals)...].trimmingCharacters(in: [" "]).uppercased()
                    if value == "NO" || value == "OFF" {
                        for name in names where !name.contains("[") {
                            open.append((name, comment.range.upperBound, comment.range))
                        }
                    } else if value == "YES" || value == "ON" {
                        close(names, at: comment.range.lowerBound)
                    }
                }
            default:
                continue
            }
        }
        close(nil, at: end)
        return suppressions
    }

    /// HTML comments: their byte range and trimmed inner text.
    static func comments(in bytes: [UInt8], from start: Int) -> [(range: Range<Int>, text: String)] {
        BodyScanner.htmlComments(in: bytes, from: start, unclosedRunToEnd: false).map { comment in
            let text = String(decoding: bytes[(comment.lowerBound + 4)..<(comment.upperBound - 3)], as: UTF8.self)
                .trimmingCharacters(in: [" ", "\n", "\r", "\t"])
            return (comment, text)
        }
    }

    private static func nextNonBlankLine(after offset: Int, in source: SourceText) -> Range<Int>? {
        var line = source.lineIndex(containing: offset) + 1
        while line < source.lineCount {
            let range = source.lineContentRange(line)
            if source.bytes[range].contains(where: { $0 != 0x20 && $0 != 0x09 }) { return range }
            line += 1
        }
        return nil
    }
}

/// Rules postcheck itself reports under (suppression bookkeeping), with headers for reports.
enum BuiltinRules {
    static let unusedSuppression = "Suppression.Unused"
    static let unknownRule = "Suppression.UnknownRule"

    static func header(_ id: String) -> RuleHeader? {
        switch id {
        case unusedSuppression:
            RuleHeader(
                id: id, kind: "suppression", message: "This suppression silenced nothing; remove it.",
                severity: .suggestion,
                description:
                    "A postcheck-disable (or vale off) comment, or a front matter disable list, that no finding needed: stale exceptions hide future problems.",
                path: "")
        case unknownRule:
            RuleHeader(
                id: id, kind: "suppression", message: "No rule or pack '%s' is loaded; this suppression does nothing.",
                severity: .warning,
                description: "A suppression names a rule or pack that the configuration does not load, usually a typo.",
                path: "")
        default: nil
        }
    }
}
