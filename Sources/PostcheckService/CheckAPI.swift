import Foundation
import PostcheckCore

/// One check through the service: the same engine and finding shape as the CLI's JSON, plus UTF-16 offsets for
/// browser and LanguageTool clients.
struct ServiceCheck {
    let result: CheckResult

    /// The CMS gate, as the CLI's exit status: the verdict is not "fail" (no finding at the configuration's fail-on
    /// level, no score below score.fail, no rule left unrun).
    var passed: Bool { result.verdict != .fail }

    static func run(
        text: String, filename: String?, language: String?, platform: String?, linter: Linter,
        alsoEnabled: Set<String> = [], deadline: UInt64? = nil, messageLanguage: String? = nil
    ) throws(PostcheckError) -> ServiceCheck {
        try PostcheckError.converting {
            try checked(
                text: text, filename: filename, language: language, platform: platform, linter: linter,
                alsoEnabled: alsoEnabled, deadline: deadline, messageLanguage: messageLanguage)
        }
    }

    private static func checked(
        text: String, filename: String?, language: String?, platform: String?, linter: Linter,
        alsoEnabled: Set<String>, deadline: UInt64?, messageLanguage: String?
    ) throws -> ServiceCheck {
        let name = filename.flatMap { $0.isEmpty ? nil : $0 } ?? "draft.md"
        // A JSON string may hold U+0000, which no draft should: read it as a space (same length, same offsets).
        let bytes = Array(text.utf8).map { $0 == 0 ? 0x20 : $0 }
        let draft = try Draft(path: name, bytes: bytes, format: DraftFormat.forPath(name))
        let relative = name.hasPrefix("/") ? String(name.dropFirst()) : name
        let requestedLanguage = language.flatMap { $0 == "auto" ? nil : $0 }
        if let problem = linter.problem(
            with: draft, relativePath: relative, language: requestedLanguage, platform: platform)
        {
            throw problem
        }
        // The thread's own PCRE2 scratch: a new one maps (and then unmaps) a megabyte of JIT stack per request. The
        // check runs start to end on this thread (nothing in it suspends), so no other request shares it meanwhile.
        let result = linter.check(
            draft, relativePath: relative, scratch: .forCurrentThread, alsoEnabled: alsoEnabled,
            language: requestedLanguage, platform: platform, deadline: deadline, messageLanguage: messageLanguage)
        return ServiceCheck(result: result)
    }

    /// `/v1/check`'s response, its findings written by the same `FindingJSON` as the CLI's JSON report.
    func jsonBytes() -> [UInt8] {
        var json = JSONTextWriter()
        json.beginObject()
        json.key("score")
        json.int(result.score)
        json.key("verdict")
        json.string(result.verdict.rawValue)
        json.key("passed")
        json.bool(passed)
        FindingJSON.writeLanguages(of: result, to: &json)
        // Rules stopped by a PCRE2 limit or the deadline: the check is incomplete, so it has not passed.
        json.key("incomplete")
        json.value(
            .array(result.ruleErrors.map { .object([("rule", .string($0.ruleID)), ("message", .string($0.message))]) }))
        FindingJSON.writeFindings(of: result, to: &json)
        json.endObject()
        json.newLineAtEnd()
        return json.bytes
    }
}

/// LanguageTool's HTTP API (`/v2/check`, `/v2/languages`), so that its clients (browser add-ons, LTeX,
/// language_tool_python) show postcheck's findings. Offsets and lengths are UTF-16 code units, as LanguageTool's.
enum LanguageToolAPI {
    static let languages: [(name: String, code: String, longCode: String)] = [
        ("Dutch", "nl", "nl-NL"), ("Dutch (Belgium)", "nl", "nl-BE"), ("English", "en", "en"),
        ("English (US)", "en", "en-US"),
        ("English (GB)", "en", "en-GB"), ("French", "fr", "fr"), ("French (Belgium)", "fr", "fr-BE"),
        ("German", "de", "de-DE"),
    ]

    static func languagesJSON() -> JSONValue {
        .array(
            languages.map {
                .object([("name", .string($0.name)), ("code", .string($0.code)), ("longCode", .string($0.longCode))])
            })
    }

    /// The text of a `data` annotation: text parts as they are, markup parts as spaces of the same UTF-16 length,
    /// so that offsets still refer to the client's document.
    static func text(fromAnnotation data: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any],
            let parts = object["annotation"] as? [[String: Any]]
        else { return nil }
        var text = ""
        for part in parts {
            if let value = part["text"] as? String {
                text += value
            } else if let markup = part["markup"] as? String {
                let interpreted = part["interpretAs"] as? String ?? ""
                text +=
                    interpreted + String(repeating: " ", count: max(0, markup.utf16.count - interpreted.utf16.count))
            }
        }
        return text
    }

    /// LanguageTool's rule and category choices: `enabledRules`, `disabledRules`, `enabledCategories`,
    /// `disabledCategories` (comma-separated ids; a category is a pack, its id the pack's name in capitals, as in the
    /// matches' `rule.category.id`) and `enabledOnly`. As in LanguageTool, `enabledRules` and `enabledCategories` also
    /// turn on loaded rules that the configuration leaves off; the others choose among the findings.
    struct RuleSelection: Sendable {
        var enabledRules: Set<String> = []
        var disabledRules: Set<String> = []
        var enabledCategories: Set<String> = []
        var disabledCategories: Set<String> = []
        var enabledOnly = false

        init(form: [String: String]) {
            func list(_ key: String) -> Set<String> {
                Set(
                    (form[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty
                    })
            }
            enabledRules = list("enabledRules")
            disabledRules = list("disabledRules")
            enabledCategories = Set(list("enabledCategories").map { $0.uppercased() })
            disabledCategories = Set(list("disabledCategories").map { $0.uppercased() })
            enabledOnly = form["enabledOnly"] == "true"
        }

        /// The loaded rules these choices turn on, whether or not the configuration does.
        func enabled(among ruleIDs: [String]) -> Set<String> {
            Set(
                ruleIDs.filter {
                    enabledRules.contains($0) || enabledCategories.contains(LanguageToolAPI.category(of: $0))
                })
        }

        func includes(_ ruleID: String) -> Bool {
            let category = LanguageToolAPI.category(of: ruleID)
            if enabledOnly { return enabledRules.contains(ruleID) || enabledCategories.contains(category) }
            return !disabledRules.contains(ruleID) && !disabledCategories.contains(category)
        }
    }

    static func category(of ruleID: String) -> String { String(ruleID.prefix { $0 != "." }).uppercased() }

    static func response(
        _ check: ServiceCheck, requested: String, selection: RuleSelection? = nil,
        preferredVariants: [String] = []
    ) -> JSONValue {
        let result = check.result
        let source = result.draft.original
        let text = source.string(0..<source.bytes.count)
        let code = result.language ?? "en"
        // The regional variant the client asked for (nl-BE) or prefers (preferredVariants=nl-BE,en-GB) is kept.
        let variant =
            requested != "auto"
            ? requested
            : preferredVariants.first { LanguageDetector.normalize($0) == code } ?? code
        let name =
            languages.first { $0.longCode.lowercased() == variant.lowercased() }?.name
            ?? languages.first { $0.code == code }?.name ?? code
        let findings = result.findings.filter { selection?.includes($0.ruleID) ?? true }
        let incomplete = result.ruleErrors.contains { selection?.includes($0.ruleID) ?? true }
        let sentenceRanges: [JSONValue] = SentenceSplitter.sentences(in: source.bytes, range: result.draft.bodyRange)
            .map { range in
                let start = source.utf16Offset(of: range.lowerBound)
                return .array([.int(start), .int(source.utf16Offset(of: range.upperBound) - start)])
            }
        let matches: [JSONValue] = findings.map { finding in
            let offset = source.utf16Offset(of: finding.range.lowerBound)
            let length = source.utf16Offset(of: finding.range.upperBound) - offset
            let (context, contextOffset) = Self.context(text, utf16Offset: offset, length: length)
            let sentence = Self.sentence(source, around: finding.range)
            let issueType: String
            switch finding.severity {
            case .error: issueType = "misspelling"
            case .warning: issueType = "style"
            case .suggestion: issueType = "hint"
            }
            let pack = String(finding.ruleID.prefix { $0 != "." })
            return .object([
                ("message", .string(finding.message)),
                ("shortMessage", .string(finding.ruleID.split(separator: ".").last.map(String.init) ?? finding.ruleID)),
                ("replacements", .array(finding.suggestions.map { .object([("value", .string($0))]) })),
                ("offset", .int(offset)), ("length", .int(length)),
                (
                    "context",
                    .object([("text", .string(context)), ("offset", .int(contextOffset)), ("length", .int(length))])
                ),
                ("sentence", .string(sentence)),
                ("type", .object([("typeName", .string("Other"))])),
                (
                    "rule",
                    .object([
                        ("id", .string(finding.ruleID)),
                        ("description", .string(finding.description.isEmpty ? finding.message : finding.description)),
                        ("issueType", .string(issueType)),
                        ("category", .object([("id", .string(pack.uppercased())), ("name", .string(pack))])),
                        ("urls", .array(finding.link.map { [.object([("value", .string($0))])] } ?? [])),
                    ])
                ),
                ("ignoreForIncompleteSentence", .bool(false)), ("contextForSureMatch", .int(0)),
            ])
        }
        return .object([
            (
                "software",
                .object([
                    ("name", .string("postcheck")), ("version", .string(postcheckVersion)),
                    ("buildDate", .string("")), ("apiVersion", .int(1)), ("premium", .bool(false)),
                    ("status", .string("")),
                ])
            ),
            ("warnings", .object([("incompleteResults", .bool(incomplete))])),
            (
                "language",
                .object([
                    ("name", .string(name)), ("code", .string(variant)),
                    (
                        "detectedLanguage",
                        .object([
                            ("name", .string(name)), ("code", .string(variant)),
                            ("confidence", .double(result.languageSource == .detected ? 0.9 : 1)),
                        ])
                    ),
                ])
            ),
            ("matches", .array(matches)),
            ("sentenceRanges", .array(sentenceRanges)),
        ])
    }

    /// Up to 40 UTF-16 units either side, and where the match starts in it.
    static func context(_ text: String, utf16Offset: Int, length: Int) -> (String, Int) {
        let units = Array(text.utf16)
        var start = max(0, utf16Offset - 40)
        var end = min(units.count, utf16Offset + length + 40)
        if start > 0 && UTF16.isTrailSurrogate(units[start]) { start -= 1 }
        if end < units.count && UTF16.isTrailSurrogate(units[end]) { end += 1 }
        return (String(decoding: units[start..<end], as: UTF16.self), utf16Offset - start)
    }

    static func sentence(_ source: SourceText, around range: Range<Int>) -> String {
        let sentences = SentenceSplitter.sentences(in: source.bytes, range: 0..<source.bytes.count)
        let found = sentences.first { $0.contains(range.lowerBound) } ?? range
        return source.string(found)
    }
}
