import XCTest
import Yams

@testable import PostcheckCore

final class RuleLoadingErrorTests: XCTestCase {
    private func loadError(_ yaml: String) -> RuleFileError? {
        do {
            _ = try compileRule(yaml)
            return nil
        } catch {
            return error as? RuleFileError
        }
    }

    func testInvalidYAMLNamesLineAndColumn() throws {
        let error = try XCTUnwrap(loadError("extends: existence\nmessage: \"unclosed\ntokens: [a]\n"))
        XCTAssertEqual(error.path, "Test/Rule.yml")
        XCTAssertNotNil(error.line)
        XCTAssertTrue(error.message.hasPrefix("invalid YAML"), error.message)
    }

    func testUnknownKey() throws {
        let error = try XCTUnwrap(loadError("extends: existence\nmessage: x\ntokens: [a]\ntokenz: [b]\n"))
        XCTAssertEqual(error.line, 4)
        XCTAssertEqual(error.column, 1)
        XCTAssertTrue(error.message.contains("unknown key 'tokenz'"), error.message)
    }

    func testWrongType() throws {
        let error = try XCTUnwrap(loadError("extends: existence\nmessage: x\nignorecase: maybe\ntokens: [a]\n"))
        XCTAssertEqual(error.line, 3)
        XCTAssertEqual(error.column, 13)
        XCTAssertTrue(error.message.contains("true or false"), error.message)
        let list = try XCTUnwrap(loadError("extends: existence\nmessage: x\ntokens: [[a]]\n"))
        XCTAssertTrue(list.message.contains("list of strings"), list.message)
        let perLanguage = try XCTUnwrap(loadError("extends: existence\nmessage: x\ntokens: {dutch: [a]}\n"))
        XCTAssertTrue(perLanguage.message.contains("language codes"), perLanguage.message)
    }

    /// Rule files are parsed without YAML's type resolution; fields that want a flag or a number resolve their
    /// value when they read it, as YAML would have: plain `yes`, `3` and `~` are typed, quoted ones stay text.
    func testFlagsNumbersAndNullAreTypedOnlyWhenPlain() throws {
        XCTAssertNil(loadError("extends: existence\nmessage: x\nignorecase: yes\nnonword: FALSE\ntokens: [a]\n"))
        XCTAssertNil(loadError("extends: repetition\nmessage: x\nmax: 3\ntokens: ['[^\\s]+']\n"))
        XCTAssertNil(loadError("extends: existence\nmessage: x\nlink: ~\ntokens: [a]\n"))
        let quotedFlag = try XCTUnwrap(loadError("extends: existence\nmessage: x\nignorecase: 'true'\ntokens: [a]\n"))
        XCTAssertTrue(quotedFlag.message.contains("true or false"), quotedFlag.message)
        let quotedNumber = try XCTUnwrap(loadError("extends: repetition\nmessage: x\nmax: \"3\"\ntokens: [a]\n"))
        XCTAssertEqual(quotedNumber.line, 3)
        // Values that look like flags or numbers are still words in a list.
        let rule = try compileRule("extends: existence\nmessage: x\ntokens: [yes, 'no', 3, ~x]\n")
        XCTAssertEqual(try findings(rule, on: "yes, no, 3 and ~x.").map(\.match), ["yes", "no", "3"])
    }

    /// postcheck's type resolution (and the quick tests in front of it: null, "could this be typed at all") must give
    /// every plain value the type Yams' default resolver gives it.
    func testQuickTypeTestsAgreeWithYamsResolver() throws {
        var values = [
            "", "yes", "Yes", "YES", "yEs", "y", "no", "On", "oFF", "true", "True", "tRue", "1", "-1", "+0", "012",
            "0o17", "0b101", "0x1F", "0xG", "1_000", "1:30", "1:30.5", "1.5", "1.", ".5", "1e3", "1.5e+3", ".5e-3",
            ".inf", "-.Inf", ".NaN", ".nan", "~", "null", "Null", "nULL", "<<", "=", "2001-12-14",
            "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-1-1 1:00:00Z", "2001-12-14 x",
            "The message", "Onward", "Nope", "0 words", "- item", "-", ".", "+", "~x", "1\n",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("019_:.-+eExXoObB~<=nNuUlLyYsStTrRfFaA iI ZT\twWé'\"#")
        for _ in 0..<5_000 {
            values.append(
                String(
                    (0..<Int.random(in: 1..<9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)!
                    }))
        }
        for value in values {
            let expected = Resolver.default.resolveTag(of: Node(value, Tag(.implicit), .plain))
            XCTAssertEqual(Node(value, Tag(.implicit), .plain).isNull, expected == .null, value.debugDescription)
            XCTAssertTrue(Node.mayBeTyped(value) || expected == .str, value.debugDescription)
            XCTAssertEqual(CoreSchema.tagName(of: value), expected, value.debugDescription)
        }
    }

    func testInvalidRegexShowsPCRE2MessageOffsetAndEntryLine() throws {
        let error = try XCTUnwrap(loadError("extends: existence\nmessage: x\ntokens:\n  - fine\n  - 'bro(ken'\n"))
        XCTAssertEqual(error.line, 5)
        XCTAssertTrue(error.message.contains("missing closing parenthesis"), error.message)
        XCTAssertTrue(error.message.contains("bro(ken"), error.message)
        XCTAssertTrue(error.message.contains("offset 7"), error.message)
        XCTAssertEqual(error.description, "Test/Rule.yml:5:5: \(error.message)")
    }

    func testMissingRequiredKeysAndUnknownValues() throws {
        XCTAssertTrue(try XCTUnwrap(loadError("message: x\ntokens: [a]\n")).message.contains("'extends'"))
        XCTAssertTrue(try XCTUnwrap(loadError("extends: existence\ntokens: [a]\n")).message.contains("'message'"))
        XCTAssertTrue(try XCTUnwrap(loadError("extends: magic\nmessage: x\n")).message.contains("unknown rule kind"))
        XCTAssertTrue(
            try XCTUnwrap(loadError("extends: existence\nmessage: x\nlevel: fatal\ntokens: [a]\n")).message.contains(
                "level"))
        XCTAssertTrue(
            try XCTUnwrap(loadError("extends: existence\nmessage: x\nscope: headline\ntokens: [a]\n")).message.contains(
                "unknown scope"))
        XCTAssertTrue(try XCTUnwrap(loadError("extends: existence\nmessage: x\n")).message.contains("never matches"))
        XCTAssertTrue(
            try XCTUnwrap(loadError("extends: existence\nmessage: x\ncode: true\ntokens: [a]\n")).message.contains(
                "scope: raw"))
    }

    func testRegistryAcceptsNewKinds() throws {
        struct ShoutKind: RuleKind, CompiledRule {
            static let name = "shout"
            static let keys: Set<String> = ["minimum"]
            let header: RuleHeader
            static func compile(
                header: RuleHeader, fields: YAMLFields, context: RuleCompileContext
            ) throws(RuleFileError) -> any CompiledRule {
                _ = try fields.int("minimum")
                return ShoutKind(header: header)
            }
            func check(_ input: CheckInput) throws(MatchError) -> [Finding] { [] }
        }
        var registry = RuleKindRegistry.standard
        registry.register(ShoutKind.self)
        let rule = try RuleLoader(registry: registry).compileRule(
            id: "P.Shout", path: "P/Shout.yml", text: "extends: shout\nmessage: x\nminimum: 3\n",
            context: RuleCompileContext())
        XCTAssertEqual(rule.header.kind, "shout")
        XCTAssertThrowsError(
            try RuleLoader().compileRule(
                id: "P.Shout", path: "P/Shout.yml",
                text: "extends: shout\nmessage: x\n", context: RuleCompileContext()))
    }

    /// Several packs compile in one pass, the costliest files first, yet the error reported is the first in pack
    /// and file order, and the rules come back in that order.
    func testPacksCompileTogetherAndReportTheFirstErrorInOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("packs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("A/Good.yml", "extends: existence\nmessage: x\ntokens: [alpha]\n")
        try write("A/Zed.yml", "extends: existence\nmessage: x\ntokens: ['(']\n")
        // B's rule reads a large data file, so it is compiled first; its error still comes second.
        try write(
            "B/Alpha.yml", "extends: existence\nmessage: x\ntokens: ['[']\n# data/words.txt is large\n")
        try write("B/data/words.txt", String(repeating: "word\n", count: 50_000))
        try write("B/Beta.yml", "extends: existence\nmessage: x\ntokens: [beta]\n")
        let packs = [
            (name: "A", directory: root.appendingPathComponent("A").path),
            (name: "B", directory: root.appendingPathComponent("B").path),
        ]
        var skipped: [SkippedRule] = []
        XCTAssertThrowsError(try RuleLoader().loadPacks(packs, context: RuleCompileContext(), skipped: &skipped)) {
            XCTAssertTrue(($0 as? RuleFileError)?.path.hasSuffix("A/Zed.yml") ?? false, "\($0)")
        }
        let kept = try RuleLoader(keepsUncompiledRules: true).loadPacks(
            packs, context: RuleCompileContext(), skipped: &skipped)
        XCTAssertEqual(kept.map(\.header.id), ["A.Good", "A.Zed", "B.Alpha", "B.Beta"])
        XCTAssertEqual(kept.map { $0.uncompiledError != nil }, [false, true, true, false])
    }
}
