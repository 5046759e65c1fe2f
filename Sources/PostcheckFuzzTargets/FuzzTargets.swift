import Foundation
import PostcheckCore

/// The inputs postcheck reads from users, each as a fuzz target: libFuzzer drives them in `postcheck-fuzz`
/// (`scripts/fuzz.sh`), and the test suite replays the kept seeds and every crash found (`Fuzz/`).
///
/// A target returns whether the input was accepted or refused with a message; anything else — a crash, a hang, an
/// error without a usable location, an engine invariant broken — stops the process, which is what libFuzzer reports.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// A draft: UTF-8 validation, front matter, the Markdown block scanner and inline masking, the NFC copy.
    case draft
    /// Byte offset ⇄ line and column (code points, UTF-16) on arbitrary text.
    case positions
    /// One rule file's YAML; a rule that compiles is run on a sample draft.
    case rule
    /// A `.postcheck.yml`.
    case config
    /// A `.vale.ini`.
    case valeini
    /// A draft checked with the bundled pack and the sample company's configuration.
    case check
}

public enum FuzzOutcome: Equatable, Sendable {
    case accepted
    case refused(String)
}

public enum FuzzTargets {
    public static func run(_ target: FuzzTarget, _ bytes: [UInt8]) -> FuzzOutcome {
        switch target {
        case .draft: return draft(bytes)
        case .positions: return positions(bytes)
        case .rule: return rule(bytes)
        case .config: return configuration(bytes, name: ".postcheck.yml")
        case .valeini: return configuration(bytes, name: ".vale.ini")
        case .check: return check(bytes)
        }
    }

    /// Stops the process with a message (libFuzzer then keeps the input as a crash).
    static func violated(_ message: @autoclosure () -> String, _ bytes: [UInt8]) -> Never {
        fatalError("fuzz invariant broken: \(message()) (input: \(bytes.count) bytes)")
    }

    // MARK: Targets

    static func draft(_ bytes: [UInt8]) -> FuzzOutcome {
        var outcome = FuzzOutcome.accepted
        for format in [DraftFormat.markdown, .plainText] {
            let draft: Draft
            do {
                draft = try Draft(path: "fuzz.md", bytes: bytes, format: format)
            } catch {
                outcome = .refused(error.description)
                continue
            }
            // Masking keeps every offset: the masked copy is as long as the text matched on.
            if draft.masked.count != draft.source.bytes.count { violated("masked copy changed length", bytes) }
            if draft.original.bytes != bytes { violated("original bytes changed", bytes) }
            if draft.bodyStart > draft.source.bytes.count { violated("body starts past the end", bytes) }
            var previousEnd = 0
            for block in draft.blocks {
                if block.range.lowerBound < previousEnd || block.range.upperBound > draft.source.bytes.count {
                    violated("block \(block.range) out of order or out of bounds", bytes)
                }
                previousEnd = block.range.upperBound
            }
            // Every offset of the normalized copy maps back into the original text.
            for offset in stride(from: 0, through: draft.source.bytes.count, by: max(1, draft.source.bytes.count / 64))
            {
                let range = draft.originalRange(offset..<offset)
                if range.lowerBound < 0 || range.upperBound > bytes.count {
                    violated("offset \(offset) maps outside", bytes)
                }
            }
        }
        return outcome
    }

    static func positions(_ bytes: [UInt8]) -> FuzzOutcome {
        let source: SourceText
        do {
            source = try SourceText(validating: bytes)
        } catch {
            return .refused(error.description)
        }
        var previousUTF16 = -1
        var previous = TextLocation(line: 0, column: 0, utf16Column: 0)
        for offset in 0...bytes.count where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
            let location = source.location(of: offset)
            // Locations only move forward, and UTF-16 offsets grow with every code point.
            if (location.line, location.column) <= (previous.line, previous.column) {
                violated("location of \(offset) is \(location), not after \(previous)", bytes)
            }
            if location.utf16Column < location.column { violated("UTF-16 column below code-point column", bytes) }
            let utf16 = source.utf16Offset(of: offset)
            if utf16 <= previousUTF16 { violated("UTF-16 offset of \(offset) did not grow", bytes) }
            previousUTF16 = utf16
            previous = location
            // Line and column lead back to the offset, except inside a CRLF pair (one line break, two bytes).
            let insideCRLF = offset > 0 && offset < bytes.count && bytes[offset - 1] == 0x0D && bytes[offset] == 0x0A
            if !insideCRLF, source.offset(line: location.line, column: location.column) != offset {
                violated(
                    "offset \(offset) → \(location) → \(String(describing: source.offset(line: location.line, column: location.column)))",
                    bytes)
            }
        }
        return .accepted
    }

    static let sampleDraft = try! Draft(
        path: "sample.md",
        text: """
            ---
            lang: en
            platform: linkedin
            ---
            # Launch day 🚀

            Proud of the team! Our new app is live in Gent, Antwerpen and Lille. Café-style demo at 10:00, TODO add link.
            We hate waiting, but this was worth it!! Guaranteed returns? No. #launch #team @acme https://example.com/a?b=c

            > Quote with *emphasis* and `code`.

            - Déjà vu
            - Naïve 👩🏽‍💻 résumé
            """)

    static func rule(_ bytes: [UInt8]) -> FuzzOutcome {
        guard let text = String(validating: bytes, as: UTF8.self) else { return .refused("not UTF-8") }
        let compiled: any CompiledRule
        do {
            compiled = try RuleLoader().compileRule(
                id: "fuzz.Rule", path: "Rule.yml", text: text, context: RuleCompileContext())
        } catch {
            checkLocation(error, text: text, bytes)
            return .refused(error.description)
        }
        let configuration = Configuration(source: .builtin, baseDirectory: NSTemporaryDirectory())
        do {
            let linter = try Linter(configuration: configuration, rules: [compiled])
            let result = linter.check(
                sampleDraft, relativePath: "sample.md", scratch: MatchScratch(), only: ["fuzz.Rule"])
            for finding in result.findings where finding.range.upperBound > sampleDraft.original.bytes.count {
                violated("finding \(finding.range) past the end of the draft", bytes)
            }
        } catch {
            return .refused(error.description)
        }
        return .accepted
    }

    static func configuration(_ bytes: [UInt8], name: String) -> FuzzOutcome {
        guard let text = String(validating: bytes, as: UTF8.self) else { return .refused("not UTF-8") }
        let folder = NSTemporaryDirectory() + "postcheck-fuzz-config"
        do {
            _ = try ConfigurationLoader(bundledRulesDirectory: bundledRules).read(
                text, path: folder + "/" + name, displayPath: name)
        } catch {
            checkLocation(error, text: text, bytes)
            return .refused(error.description)
        }
        return .accepted
    }

    /// This checkout (for its bundled packs and sample company).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let bundledRules = packageRoot.appendingPathComponent("Rules").path

    /// The bundled pack and the sample company, compiled once.
    static let sampleLinter: Linter = {
        let loader = ConfigurationLoader(bundledRulesDirectory: bundledRules)
        let configuration = try! loader.load(path: packageRoot.appendingPathComponent("Fixtures/.postcheck.yml").path)
        return try! Linter(configuration: configuration, day: CalendarDay("2026-06-01")!)
    }()

    static func check(_ bytes: [UInt8]) -> FuzzOutcome {
        let draft: Draft
        do {
            draft = try Draft(path: "fuzz.md", bytes: bytes, format: .markdown)
        } catch {
            return .refused(error.description)
        }
        let result = sampleLinter.check(draft, relativePath: "fuzz.md", scratch: MatchScratch())
        for finding in result.findings {
            if finding.range.lowerBound < 0 || finding.range.upperBound > bytes.count {
                violated("finding \(finding.ruleID) at \(finding.range) outside the draft", bytes)
            }
            if let fix = finding.fix, fix.range.upperBound > bytes.count { violated("fix outside the draft", bytes) }
        }
        if !(0...100).contains(result.score) { violated("score \(result.score)", bytes) }
        return .accepted
    }

    /// A refused file names a line that exists, or the one just past the end (YAML's "unexpected end"), or none
    /// (the file as a whole). Lines end at LF, CRLF or a lone CR, as in YAML.
    static func checkLocation(_ error: RuleFileError, text: String, _ bytes: [UInt8]) {
        guard let line = error.line else { return }
        let lines = SourceText(text).lineCount
        if line < 1 || line > lines + 1 { violated("error on line \(line) of a \(lines)-line file: \(error)", bytes) }
    }
}
