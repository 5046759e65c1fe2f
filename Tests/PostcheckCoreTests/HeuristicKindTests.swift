import XCTest

@testable import PostcheckCore

final class HeuristicKindTests: XCTestCase {
    private func verify(
        _ yaml: String, triggering: [String], nonTriggering: [String], file: StaticString = #filePath,
        line: UInt = #line
    ) throws {
        let rule = try compileRule(yaml)
        for example in nonTriggering {
            for variant in variants(of: example) {
                XCTAssertEqual(try findings(rule, on: variant).map(\.match), [], variant, file: file, line: line)
            }
        }
        for example in triggering {
            for variant in variants(of: example) {
                let (text, expected) = markers(in: variant)
                XCTAssertEqual(
                    try findings(rule, on: text).map { "\($0.line):\($0.column)" }, expected, text, file: file,
                    line: line)
            }
        }
    }

    // MARK: density

    private let promotional = """
        extends: density
        message: "%s promotional cues per 100 words (max %s): %s"
        max: 10
        minwords: 8
        ignorecase: true
        cues:
          '*': ['€ ?\\d+', '\\d+ ?%', '!']
          en: [{pattern: '\\b(?:buy|order|shop) now\\b', weight: 3, label: call to action}, '\\bfree\\b', '\\bbest\\b']
          nl: [{pattern: '\\b(?:koop|bestel) nu\\b', weight: 3}, '\\bgratis\\b', '\\bbeste\\b']
          fr: [{pattern: '\\b(?:achetez|commandez) maintenant\\b', weight: 3}, '\\bgratuite?s?\\b', '\\bmeilleure?s?\\b']
        """

    func testDensityInThreeLanguages() throws {
        try verify(
            promotional,
            triggering: [
                "---\nlang: en\n---\n↓Buy now: the best deal, 50% off and free shipping for €20!",
                "---\nlang: nl\n---\n↓Bestel nu: de beste deal, 50% korting en gratis verzending voor €20!",
                "---\nlang: fr\n---\n↓Commandez maintenant : la meilleure offre, 50 % de remise et livraison gratuite pour 20 €!",
            ],
            nonTriggering: [
                "---\nlang: en\n---\nOur team spent the week with customers in Ghent learning how they use the product, and we wrote down what we heard.",
                "---\nlang: nl\n---\nOns team was deze week bij klanten in Gent om te leren hoe ze het product gebruiken.",
                "---\nlang: fr\n---\nNotre équipe a passé la semaine chez des clients à Namur pour comprendre leur usage.",
                "Buy now!",  // too short to judge
            ])
    }

    func testDensityExplainsItsCues() throws {
        let found = try findings(
            compileRule(promotional),
            on: "---\nlang: en\n---\nBuy now: the best deal, 50% off and free shipping for €20!")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].finding.cues.first?.text, "Buy now")
        XCTAssertTrue(found[0].message.contains("(max 10.00)"), found[0].message)
        XCTAssertEqual(Set(found[0].finding.cues.map(\.text)), ["Buy now", "best", "50%", "free", "€20", "!"])
        // Texts without words: no crash, no division by zero.
        for text in ["", "🎉🎉", "#a #b", "!!!!!!"] {
            XCTAssertEqual(try findings(compileRule(promotional), on: text).count, 0)
        }
    }

    // MARK: requires

    private let disclosure = """
        extends: requires
        message: "'%s': say that you work at Acme%s."
        trigger: ['\\bAcme Cloud\\b']
        require: ['#(?:ad|ambassador|employee|werknemer|employé)\\b', '\\b(?:I work (?:at|for)|ik werk (?:bij|voor)|je travaille (?:chez|pour)) Acme\\b']
        reject: ['#spon\\b', '#sp\\b']
        within: {first: 140, trailinghashtags: false}
        """

    func testRequiresDisclosure() throws {
        let filler = String(repeating: "Meer uitleg over het product en de klanten. ", count: 4)
        try verify(
            disclosure,
            triggering: [
                "Try ↓Acme Cloud today, it is great.",
                "Probeer ↓Acme Cloud vandaag. #spon",
                "↓Acme Cloud is top. \(filler) Ik werk bij Acme.",  // disclosed only after the fold
                "Essayez ↓Acme Cloud aujourd'hui.\n\n#innovation #ad",  // only in the trailing hashtags
            ],
            nonTriggering: [
                "I work at Acme, and I love what we built in Acme Cloud.",
                "#employé Essayez Acme Cloud, c'est notre nouveau produit.",
                "Ik werk bij Acme. Acme Cloud is nu beschikbaar in België.",
                "Nothing about products here.",
            ])
        let found = try findings(compileRule(disclosure), on: "Probeer Acme Cloud vandaag. #spon")
        XCTAssertEqual(found[0].message, "'Acme Cloud': say that you work at Acme ('#spon' does not count).")
    }

    func testRequiresErrors() {
        XCTAssertThrowsError(try compileRule("extends: requires\nmessage: x\ntrigger: [a]\n")) { error in
            XCTAssertTrue("\(error)".contains("'require'"), "\(error)")
        }
        XCTAssertThrowsError(try compileRule("extends: requires\nmessage: x\ntrigger: [a]\nrequire: ['(']\n"))
        XCTAssertThrowsError(try compileRule("extends: density\nmessage: x\ncues: [a]\nmax: -1\n"))
    }

    // MARK: near and names

    func testCompetitorOnlyNearComparisons() throws {
        try verify(
            """
            extends: existence
            message: "'%s' next to a comparison"
            ignorecase: true
            tokens: [Globex, Mars]
            near:
              within: sentence
              patterns:
                en: ['\\b(?:better|cheaper|faster) than\\b', '\\bunlike\\b', '\\bswitch(?:ed)? from\\b']
                nl: ['\\b(?:beter|goedkoper|sneller) dan\\b', '\\boverstappen van\\b']
                fr: ['\\b(?:meilleur|moins cher|plus rapide) que\\b', '\\bcontrairement à\\b']
            """,
            triggering: [
                "---\nlang: en\n---\nOurs is faster than ↓Globex's platform.",
                "---\nlang: en\n---\nUnlike @↓globex, we answer. Globex is a partner.",
                "---\nlang: nl\n---\nWij zijn beter dan #↓Globex.",
                "---\nlang: fr\n---\nContrairement à ↓Globex', nous répondons.",
            ],
            nonTriggering: [
                "---\nlang: en\n---\nWe met the Globex team at the fair. Our product is faster than ever.",
                "---\nlang: fr\n---\nNous serons à Marseille, plus rapide que prévu.",
                "---\nlang: nl\n---\nGlobex en Acme werken samen aan de haven.",
            ])
    }

    func testNearWithinWords() throws {
        let rule = try compileRule(
            """
            extends: existence
            message: x
            tokens: [Globex]
            near: {within: 2, patterns: ['\\bbad\\b']}
            """)
        XCTAssertEqual(
            try findings(rule, on: "Globex is bad. We think that Globex was, in our long experience, bad.").map(
                \.column), [1])
    }

    // MARK: validate

    private func validated(_ validator: String, _ pattern: String, _ text: String) throws -> [String] {
        try findings(
            compileRule("extends: existence\nmessage: x\nnonword: true\nvalidate: \(validator)\nraw: ['\(pattern)']\n"),
            on: text
        ).map(\.match)
    }

    func testValidators() throws {
        let iban = "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"
        XCTAssertEqual(
            try validated(
                "iban", iban, "Stort op BE68 5390 0754 7034 of NL91 ABNA 0417 1643 00, niet BE68 5390 0754 7035."),
            ["BE68 5390 0754 7034", "NL91 ABNA 0417 1643 00"])
        XCTAssertEqual(
            try validated("iban", iban, "Virement FR14 2004 1010 0505 0001 3M02 606 ou DE89 3704 0044 0532 0130 00"),
            ["FR14 2004 1010 0505 0001 3M02 606", "DE89 3704 0044 0532 0130 00"])
        let card = "\\b(?:\\d[ -]?){12,18}\\d\\b"
        XCTAssertEqual(
            try validated("luhn", card, "Card 4111 1111 1111 1111, 5500-0000-0000-0004; invoice 4111 1111 1111 1112."),
            ["4111 1111 1111 1111", "5500-0000-0000-0004"])
        let national = "\\b\\d{2}\\.?\\d{2}\\.?\\d{2}-?\\d{3}\\.?\\d{2}\\b"
        XCTAssertEqual(
            try validated("be-national-number", national, "RR 85.07.30-033.28, 01.02.03-123.45 en 85.07.30-033.29"),
            ["85.07.30-033.28", "01.02.03-123.45"])
        XCTAssertEqual(
            try validated("nl-bsn", "\\b\\d{9}\\b", "BSN 111222333 en 123456782, niet 123456789 of 000000000"),
            ["111222333", "123456782"])
        let email = "[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*"
        XCTAssertEqual(
            try validated("email", email, "Mail jan.peeters@acme.be, niet jan@localhost of a@b.c"),
            ["jan.peeters@acme.be"])
        let phone = "(?:\\+|\\b0)[\\d ./()-]{7,}\\d"
        XCTAssertEqual(
            try validated("phone", phone, "Bel +32 470 12 34 56 of 0470/12.34.56 of +31 6 12345678; ref 0000000000"),
            ["+32 470 12 34 56", "0470/12.34.56", "+31 6 12345678"])
        XCTAssertThrowsError(try compileRule("extends: existence\nmessage: x\nvalidate: crc\ntokens: [a]\n")) { error in
            XCTAssertTrue("\(error)".contains("unknown validator 'crc'"))
        }
    }
}

/// Two lexicon rules with one id (two configurations in a run, a reloaded service) never share the words one of
/// them has looked up on a thread: each scores with its own lexicon.
final class LexiconMemoTests: XCTestCase {
    func testRulesWithOneIdScoreWithTheirOwnLexicons() throws {
        let negative = try compileRule(
            "extends: lexicon\nmessage: '%s'\nentries: {launch: -3}\nthreshold: {below: -0.5}\n", id: "Same.Tone")
        let positive = try compileRule(
            "extends: lexicon\nmessage: '%s'\nentries: {launch: 3}\nthreshold: {below: -0.5}\n", id: "Same.Tone")
        for _ in 0..<2 {
            XCTAssertEqual(try findings(negative, on: "A launch today.").count, 1)
            XCTAssertEqual(
                try findings(positive, on: "A launch today.").count, 0, "the other rule's word is not remembered")
        }
    }
}
