import Foundation
import XCTest

@testable import PostcheckCore

/// The bundled pack speaks the writer's language: every rule has its message and description in English, Dutch and
/// French, with the same placeholders in each, and without configuration jargon (that belongs in `details`).
final class BundledTranslationsTests: XCTestCase {
    static let languages: Set<String> = ["en", "nl", "fr"]

    func headers() throws -> [RuleHeader] {
        let folder = packageRoot.appendingPathComponent("Rules/postcheck")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yml") }
        XCTAssertEqual(files.count, 30, "rules in the bundled pack")
        return try files.sorted().map { file in
            let path = folder.appendingPathComponent(file).path
            let fields = try YAMLFields.parse(
                path: path, text: String(contentsOfFile: path, encoding: .utf8), variables: [:])
            return try RuleHeader(id: "postcheck." + file.dropLast(4), fields: fields)
        }
    }

    /// `%s`, `%[2]s`, … in order of appearance, sorted: the same arguments must appear in every language.
    static func placeholders(_ text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "%(\\[\\d+\\])?s")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).map { (text as NSString).substring(with: $0.range) }.sorted()
    }

    func testEveryRuleHasAllThreeLanguagesWithTheSamePlaceholders() throws {
        for header in try headers() {
            XCTAssertEqual(header.messages.languages, Self.languages, "\(header.id) message")
            XCTAssertEqual(header.descriptions.languages, Self.languages, "\(header.id) description")
            let english = Self.placeholders(header.message(for: "en"))
            for language in Self.languages {
                let message = header.message(for: language)
                let description = header.description(for: language)
                XCTAssertFalse(message.isEmpty || description.isEmpty, "\(header.id) \(language)")
                XCTAssertEqual(Self.placeholders(message), english, "\(header.id): placeholders in \(language)")
                XCTAssertEqual(Self.placeholders(description), [], "\(header.id): a description has no arguments")
                for text in [message, description] {
                    for jargon in ["`", "policy", ".yml", "MIT", "CC BY", "Apache", "SpamAssassin", "VADER", "LDNOOBW"]
                    {
                        XCTAssertFalse(text.contains(jargon), "\(header.id) \(language): '\(jargon)' in \(text)")
                    }
                }
            }
            XCTAssertNotEqual(header.message(for: "nl"), header.message(for: "en"), "\(header.id) is translated")
            XCTAssertNotEqual(header.message(for: "fr"), header.message(for: "en"), "\(header.id) is translated")
        }
    }

    func testMessageMapsFallBackToEnglishAndNeedIt() throws {
        let rule = try compileRule(
            """
            extends: existence
            message: {en: "Avoid '%s'.", nl: "Vermijd '%s'."}
            description: Plain description for every language.
            tokens: [synergy]
            """)
        XCTAssertEqual(rule.header.message(for: "nl"), "Vermijd '%s'.")
        XCTAssertEqual(rule.header.message(for: "fr"), "Avoid '%s'.", "a missing translation is English")
        XCTAssertEqual(rule.header.message(for: nil), "Avoid '%s'.")
        XCTAssertEqual(rule.header.description(for: "fr"), "Plain description for every language.")
        XCTAssertThrowsError(
            try compileRule("extends: existence\nmessage:\n  nl: \"Vermijd '%s'.\"\ntokens: [x]\n")
        ) { error in
            XCTAssertEqual(
                "\(error)",
                "Test/Rule.yml:3:3: 'message' per language needs 'en': the text for drafts in other languages")
        }
        XCTAssertThrowsError(try compileRule("extends: existence\nmessage: {english: x}\ntokens: [x]\n")) { error in
            XCTAssertTrue("\(error)".contains("needs language codes"), "\(error)")
        }
    }
}
