import Foundation
import XCTest

@testable import PostcheckCore

/// The ten kinds of failure seen when the bundled rules were tried on real posts, each with posts of its kind.
final class RealPostFailureKindTests: XCTestCase {
    // 1. Humour: first-person career news and plain questions are no jokes; real jokes are.
    func testHumourNeedsAStrongCue() throws {
        let linter = try bundledLinter(configuration: companyConfiguration)
        try assertFlags(
            ["postcheck.Humour"], false,
            [
                ("I am proud to share that I started my new role as Product Lead this week. Thank you all!", "en"),
                ("Is #socialmedia working for you? We asked 400 marketing managers how they measure reach.", "en"),
                ("J'adore mon nouveau métier. Et vous, qu'est-ce qui vous motive le matin ?", "fr"),
                ("Ben jij ook benieuwd hoe kmo's vandaag betalen? Ik vond het een boeiende studie.", "nl"),
                ("Their new app is a joke. Slow and full of bugs.", "en"),
            ], with: linter)
        try assertFlags(
            ["postcheck.Humour"], true,
            [
                ("Why do programmers prefer dark mode? Because light attracts bugs. 😂", "en"),
                ("Grapje natuurlijk, niemand leest de algemene voorwaarden.", "nl"),
                ("C'est l'histoire d'un comptable qui entre dans un bar.", "fr"),
            ], with: linter)
        // Off unless the policy avoids humour.
        let allowing = try bundledLinter()
        XCTAssertFalse(
            flags(try check("Why? Because. Haha 😂", language: "en", with: allowing)).contains("postcheck.Humour"))
    }

    // 2. Disclosure: company news naming the brand is no endorsement; the employer's voice discloses.
    func testDisclosureConcernsEndorsementsOnly() throws {
        let linter = try bundledLinter(configuration: companyConfiguration)
        try assertFlags(
            ["postcheck.Disclosure"], false,
            [
                (
                    "Product safety notice: we are recalling a batch of Acme Cloud routers. Contact support for a replacement.",
                    "en"
                ),
                ("Acme Cloud wint de prijs voor het beste product van het jaar. Proficiat aan het team!", "nl"),
                ("Rappel : les nouveaux tarifs d'Acme Mail entrent en vigueur le 1er février.", "fr"),
                ("Our new Acme Cloud release is the fastest we ever shipped. Try it!", "en"),
                ("Onze Acme Mail is nu de snelste op de markt. Probeer het!", "nl"),
                ("Notre Acme Cloud est la plus simple du marché. Essayez-la !", "fr"),
            ], with: linter)
        try assertFlags(
            ["postcheck.Disclosure"], true,
            [
                ("If you run a shop, try Acme Cloud. Honestly the easiest tool I've used.", "en"),
                ("Ik kan Acme Mail niet genoeg aanraden. Top support. Doen!", "nl"),
                ("Je ne peux que recommander Acme Cloud. Foncez !", "fr"),
            ], with: linter)
    }

    // 3. Tone: homographs and calm posts on serious topics pass; rants and sarcasm do not.
    func testToneReadsAttitudeNotTopics() throws {
        let linter = try bundledLinter()
        let toneRules: Set<String> = ["postcheck.Tone", "postcheck.Hostility"]
        try assertFlags(
            toneRules, false,
            [
                (
                    "Ik ga naar Brussel voor de opening van ons nieuwe kantoor. Naar verluidt is de koffie er goed.",
                    "nl"
                ),
                ("Met veel verdriet laten we weten dat onze collega Tom is overleden. We zullen hem missen.", "nl"),
                ("This month my father finished his last round of chemotherapy. Cancer changes a family.", "en"),
                (
                    "Fraud against small businesses rose 30% last year. Our security team explains the scams we see.",
                    "en"
                ),
                (
                    "Le chômage est au plus bas depuis quinze ans, mais la pauvreté touche encore une famille sur cinq.",
                    "fr"
                ),
            ], with: linter)
        try assertFlags(
            toneRules, true,
            [
                ("Ce client est vraiment nul. Le pire client de l'année. Quelle honte, je suis furieux.", "fr"),
                ("Juist. Alweer een verplichte opleiding die een mail had kunnen zijn. Niet dus. 🙄", "nl"),
                ("Oh great, another mandatory training that could have been an e-mail. 🙄", "en"),
                ("Merci voor niks, @NMBS. Derde afgeschafte trein deze week. 🤬", "nl"),
                ("What a hell of a mess this release is. I could kill whoever signed it off.", "en"),
            ], with: linter)
        // Hyperbole that borrows a violent or profane word, wherever it stands in the post (VADER finds idioms only
        // from the fourth word on, and only after words of no valence).
        try assertFlags(
            toneRules, false,
            [
                ("I'd kill to meet the people behind this launch.", "en"),
                ("Sunday's final was a hell of a game. Proud of this team.", "en"),
                ("Our support team is killing it this quarter, and I'm dying to show you the numbers.", "en"),
            ], with: linter)
    }

    // 4. Competitors under neutral-only: attacks and comparisons without the old fixed phrases are found.
    func testCompetitorAttacksAreFound() throws {
        let linter = try bundledLinter(configuration: companyConfiguration)
        try assertFlags(
            ["postcheck.CompetitorComparison"], true,
            [
                ("Initech sucks, switch to us.", "en"),
                ("Globex is veel trager dan wij.", "nl"),
                ("Een klant stapte vorige maand over van Globex naar ons.", "nl"),
                ("Le service de Globex est pire que tout.", "fr"),
                ("Encore une panne chez Initech. Heureusement que nos clients n'ont pas ça.", "fr"),
            ], with: linter)
        try assertFlags(
            ["postcheck.CompetitorComparison"], false,
            [
                ("Congratulations to the team at Globex on their new office in Lisbon.", "en"),
                ("Boeiend panel met collega's van Globex en Initech over open banking.", "nl"),
            ], with: linter)
    }

    // 5. Promotional: on without a configuration, a hard sell fires however long the post, results are no ads.
    func testPromotionalIsOnByDefaultAndNotDiluted() throws {
        let linter = try bundledLinter()
        let longAd =
            String(repeating: "We spent three years listening to shop owners and rewriting the app. ", count: 6)
            + "SIGN UP NOW."
        XCTAssertTrue(flags(try check(longAd, language: "en", with: linter)).contains("postcheck.Promotional"))
        XCTAssertTrue(
            flags(
                try check(
                    "Bestel vandaag nog je kaartlezer en krijg drie maanden gratis.", language: "nl", with: linter)
            )
            .contains("postcheck.Promotional"))
        try assertFlags(
            ["postcheck.Promotional"], false,
            [
                (
                    "Revenue grew 29% to €48 million this year and we won the Belgian Fintech Award. Thank you to every colleague and customer!",
                    "en"
                ),
                (
                    "Onze omzet steeg met 14% tot 52 miljoen euro en we wonnen de prijs voor Fintech Product van het Jaar. Bedankt!",
                    "nl"
                ),
            ], with: linter)
    }

    // 6. Profanity lists hold no everyday words.
    func testProfanityListsHoldNoEverydayWords() throws {
        let linter = try bundledLinter()
        try assertFlags(
            ["postcheck.Profanity"], false,
            [
                ("Our welfare programme for employees starts in January.", "en"),
                ("Je suis en retard pour la réunion à cause des embouteillages.", "fr"),
                ("Pas de panique : il suffit de mettre à jour l'application.", "fr"),
                ("Vergeet niet de kosten af te trekken van de winst.", "nl"),
            ], with: linter)
        XCTAssertTrue(
            flags(try check("What a fucking mess.", language: "en", with: linter)).contains("postcheck.Profanity"))
    }

    // 7. Term and case rules never match inside addresses, domains, hashtags or mentions, so no fix breaks them.
    func testTermRulesLeaveAddressesAlone() throws {
        let linter = try bundledLinter(configuration: "vocab: {accept: [Acme]}\n")
        let text =
            "Mail jan.peeters@acme.be or see acme.example/cloud, #acmecloud and @acme_cloud. Acme is great, acme too."
        let result = try check(text, language: "en", with: linter)
        let terms = result.findings.filter { $0.ruleID == "Vale.Terms" }
        XCTAssertEqual(terms.map(\.match), ["acme"], "only the word in prose")
        let fixed = Fixer.apply(result.findings.compactMap(\.fix), to: Array(text.utf8))
        let output = String(decoding: fixed.bytes, as: UTF8.self)
        for address in ["jan.peeters@acme.be", "acme.example/cloud", "#acmecloud", "@acme_cloud"] {
            XCTAssertTrue(output.contains(address), output)
        }
        XCTAssertTrue(output.hasSuffix("Acme too."), output)
        XCTAssertTrue(AddressTokens.isAddress("(jan.peeters@acme.be)."))
        XCTAssertFalse(AddressTokens.isAddress("e.g."))
        XCTAssertFalse(AddressTokens.isAddress("1.2"))
    }

    // 8. X weighted length: an e-mail's domain is no URL.
    func testEmailDomainIsNoURLOnX() {
        let text = "Vragen? Mail ondernemerslijn@unizo.be"
        XCTAssertEqual(TwitterText.parse(text).weightedLength, text.count)
        XCTAssertEqual(TwitterText.parse("See unizo.be").weightedLength, 4 + 23)
    }

    // 9. One finding per span: an IBAN is not also a phone number.
    func testValidatedNumberIsReportedOnce() throws {
        let linter = try bundledLinter()
        let result = try check("Stort op BE71 0961 2345 6769 of bel 0478 12 34 56.", language: "nl", with: linter)
        XCTAssertEqual(result.findings.map(\.ruleID), ["postcheck.IBAN", "postcheck.Phone"])
        XCTAssertEqual(result.findings.last?.match, "0478 12 34 56")
    }

    // 10. Verdicts: a leak fails whatever the score; a rant is no pass; a clean post passes.
    func testLeaksFailAndRantsAreReviewed() throws {
        let linter = try bundledLinter()
        let iban = try check("Stort je bijdrage op BE71 0961 2345 6769, merci!", language: "nl", with: linter)
        XCTAssertEqual(iban.score, 75)
        XCTAssertEqual(iban.verdict, .fail)
        let rant = try check(
            "Worst client ever. Ignored every deadline, then blamed us. What a disgrace. I'm furious.",
            language: "en", with: linter)
        XCTAssertFalse(rant.findings.isEmpty)
        XCTAssertTrue(rant.findings.allSatisfy { $0.severity == .warning }, "\(rant.findings.map(\.ruleID))")
        XCTAssertEqual(rant.verdict, .review)
        let clean = try check("Een fijne dag met het team in Gent. Bedankt allemaal!", language: "nl", with: linter)
        XCTAssertEqual(clean.verdict, .pass)
        XCTAssertEqual(clean.score, 100)
    }
}

/// Proximity rules split a block into sentences once, however many names it holds: ten times the text is about ten
/// times the work (112 KB took 5 s and 224 KB 15.5 s when each match split the block again).
final class ProximityWorkTests: XCTestCase {
    func testSentenceSplitsDoNotGrowWithTheMatches() throws {
        let linter = try bundledLinter(configuration: companyConfiguration)
        var splits: [Int] = []
        for repeats in [100, 1000] {
            let block =
                String(repeating: "We met Globex at the fair in Ghent. ", count: repeats) + "Globex is slower than us."
            let draft = try Draft(path: "post.txt", text: block, format: .plainText)
            let before = HeuristicMemo.forCurrentThread.sentenceSplits
            let result = linter.check(draft, relativePath: "post.txt", scratch: MatchScratch(), language: "en")
            XCTAssertEqual(result.findings.filter { $0.ruleID == "postcheck.CompetitorComparison" }.count, 1)
            splits.append(HeuristicMemo.forCurrentThread.sentenceSplits - before)
        }
        XCTAssertEqual(splits, [1, 1], "one split of the one block, with 101 and 1,001 names in it")
    }
}
