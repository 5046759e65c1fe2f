import XCTest

@testable import PostcheckCore

final class DraftTests: XCTestCase {
    private func maskedText(_ text: String, format: DraftFormat = .markdown) throws -> String {
        let draft = try Draft(path: "t.md", text: text, format: format)
        XCTAssertEqual(draft.masked.count, draft.source.bytes.count)
        return String(decoding: draft.masked, as: UTF8.self)
    }

    func testFrontMatterIsMetadataNotText() throws {
        let draft = try Draft(path: "t.md", text: "---\nlang: nl\nplatform: linkedin\ntags: [a, b]\n---\nHallo\n")
        XCTAssertEqual(draft.declaredLanguage, "nl")
        XCTAssertEqual(draft.frontMatter?["platform"], .string("linkedin"))
        XCTAssertEqual(draft.frontMatter?["tags"], .list([.string("a"), .string("b")]))
        XCTAssertEqual(draft.blocks.count, 1)
        XCTAssertEqual(draft.source.string(draft.blocks[0].range), "Hallo")
        XCTAssertFalse(String(decoding: draft.masked, as: UTF8.self).contains("linkedin"))
    }

    /// Front matter values are typed as YAML's core schema types them (flags, numbers, null; quoted values stay text).
    func testFrontMatterValuesAreTypedAsYAMLTypesThem() throws {
        let yaml = """
            a: yes
            b: 'yes'
            c: 3
            d: 2.5
            e: ~
            f:
            g: Nope
            h: 0x1F
            i: .inf
            j: 2024-05-01
            k: [1, on, "2", x]
            l: {m: null, n: TRUE}
            o: -1_000
            """
        let draft = try Draft(path: "t.md", text: "---\n\(yaml)\n---\nBody\n")
        let expected: [String: MetadataValue] = [
            "a": .bool(true), "b": .string("yes"), "c": .number(3), "d": .number(2.5), "e": .null, "f": .null,
            "g": .string("Nope"), "h": .number(31), "i": .number(.infinity), "j": .string("2024-05-01"),
            "k": .list([.number(1), .bool(true), .string("2"), .string("x")]),
            "l": .map(["m": .null, "n": .bool(true)]),
            "o": .number(-1000),
        ]
        for (key, value) in expected { XCTAssertEqual(draft.frontMatter?[key], value, key) }
    }

    func testInvalidFrontMatterNamesItsLine() {
        XCTAssertThrowsError(try Draft(path: "t.md", text: "---\nlang: nl\ntitle: [unclosed\n---\nBody\n")) { error in
            guard case .frontMatter(let frontMatterError) = error as? DraftError else { return XCTFail("\(error)") }
            XCTAssertGreaterThanOrEqual(frontMatterError.line, 3)
        }
    }

    func testHTMLCommentsAreBlankedUpToTheirEnd() throws {
        let blank = { (text: String) in String(text.map { $0 == "\n" ? "\n" : " " }) }
        let cases: [(String, String)] = [
            ("a <!-- b --> c", "a " + blank("<!-- b -->") + " c"),
            ("a <!-- b\nc --> d", "a " + blank("<!-- b\nc -->") + " d"),
            // An unclosed comment runs to the end, keeping line breaks.
            ("a <!-- b\nc", "a " + blank("<!-- b\nc")),
            // Angle brackets and dashes that do not open or close a comment stay.
            ("1 < 2 <!- x -> <!-- y -- z --> w", "1 < 2 <!- x -> " + blank("<!-- y -- z -->") + " w"),
            ("<!---->x<!-- -> -->y", blank("<!---->") + "x" + blank("<!-- -> -->") + "y"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try maskedText(text), expected, text.debugDescription)
        }
        // Suppression comments are read from closed comments only.
        XCTAssertEqual(
            SuppressionParser.comments(in: Array("a <!-- postcheck-disable --> b <!-- open".utf8), from: 0).map(\.text),
            ["postcheck-disable"])
    }

    func testCodeCommentsAndURLsAreMaskedKeepingOffsets() throws {
        let text = """
            Use `npm install` now <!-- hidden words -->.
            See [the guide](https://example.com/globex) and <https://globex.com> or https://globex.com/x.
            ![Globex logo](img/globex.png)

            ```swift
            let globex = 1
            ```

                indented globex code

            [ref]: https://globex.example
            """
        let masked = try maskedText(text)
        XCTAssertFalse(masked.contains("npm"))
        XCTAssertFalse(masked.contains("hidden"))
        XCTAssertFalse(masked.lowercased().contains("globex.com"))
        XCTAssertFalse(masked.contains("let globex"))
        XCTAssertFalse(masked.contains("indented"))
        XCTAssertTrue(masked.contains("the guide"))
        XCTAssertTrue(masked.contains("Globex logo"), "alt text is prose")
        XCTAssertEqual(
            masked.split(separator: "\n", omittingEmptySubsequences: false).count,
            text.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    func testBlocksCarryScopes() throws {
        let text = """
            # Title here

            A paragraph
            over two lines.

            - item one
            - item two

            > quoted text

            | Head | Other |
            |------|-------|
            | cell | more  |

            Setext heading
            --------------
            """
        let draft = try Draft(path: "t.md", text: text)
        let described = draft.blocks.map {
            "\(draft.source.string($0.range))|\($0.scopeParts.sorted().joined(separator: ","))"
        }
        XCTAssertEqual(
            described,
            [
                "Title here|h1,heading,text",
                "A paragraph\nover two lines.|paragraph,text",
                "item one|list,paragraph,text",
                "item two|list,paragraph,text",
                "quoted text|blockquote,paragraph,text",
                "Head|header,table,text",
                "Other|header,table,text",
                "cell|cell,table,text",
                "more|cell,table,text",
                "Setext heading|h2,heading,text",
            ])
    }

    func testHashtagLinesAreNotHeadings() throws {
        let draft = try Draft(path: "t.md", text: "Great day.\n\n#launch #team\n")
        XCTAssertEqual(draft.blocks.map(\.kind), [.paragraph, .paragraph])
    }

    func testPlainTextKeepsMarkupCharacters() throws {
        let masked = try maskedText("Use `code` here\n\nSecond https://x.example/a paragraph", format: .plainText)
        XCTAssertTrue(masked.contains("`code`"))
        XCTAssertFalse(masked.contains("x.example"))
        XCTAssertEqual(DraftFormat.forPath("a/b.txt"), .plainText)
        XCTAssertEqual(DraftFormat.forPath("a/b.md"), .markdown)
        XCTAssertEqual(DraftFormat.forPath("-"), .markdown)
    }

    func testEmptyInput() throws {
        let draft = try Draft(path: "t.md", text: "")
        XCTAssertTrue(draft.blocks.isEmpty)
    }
}

final class SentenceSplitterTests: XCTestCase {
    private func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return SentenceSplitter.sentences(in: bytes, range: 0..<bytes.count).map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
    }

    func testSplitsOnPunctuationInThreeLanguages() {
        XCTAssertEqual(
            sentences("Dr. Peeters kwam o.a. langs. Het was fijn! Kom je ook?"),
            ["Dr. Peeters kwam o.a. langs.", "Het was fijn!", "Kom je ook?"])
        XCTAssertEqual(
            sentences("We met Mr. Smith, e.g. at 3 p.m. today. It went well."),
            ["We met Mr. Smith, e.g. at 3 p.m. today.", "It went well."])
        XCTAssertEqual(
            sentences("M. Dupont arrive. « Bonjour ! » dit-il. C'est tout…"),
            ["M. Dupont arrive.", "« Bonjour ! » dit-il.", "C'est tout…"])
        // Abbreviations with accents, in capitals, and a word that only ends like one.
        XCTAssertEqual(
            sentences("Voir Réf. Deux et ÉD. Trois. Nous sommes prêts. ETC. Fin. Tarief. Klaar."),
            ["Voir Réf. Deux et ÉD. Trois.", "Nous sommes prêts.", "ETC. Fin.", "Tarief.", "Klaar."])
    }

    func testLineBreaksEndThoughtsInSocialPosts() {
        XCTAssertEqual(sentences("Big news 🎉\nWe are hiring\n#jobs"), ["Big news 🎉", "We are hiring", "#jobs"])
        XCTAssertEqual(sentences("a sentence that\ncontinues here."), ["a sentence that\ncontinues here."])
    }
}
