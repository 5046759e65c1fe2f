import ArgumentParser
import Foundation
import PostcheckCore

/// `postcheck init`: asks how the advocacy programme is set up and writes a commented `.postcheck.yml`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented .postcheck.yml from a few questions (or from flags, for scripts).",
        discussion:
            "Asks interactively on a terminal (or with --interactive); otherwise uses the flags and their defaults. Never overwrites an existing file."
    )

    @Option(help: "Folder to write .postcheck.yml in.") var directory: String = "."
    @Option(help: "Company name(s), comma-separated.") var company: String?
    @Option(help: "Brand and product names, comma-separated.") var brands: String?
    @Option(help: "Competitor names, comma-separated.") var competitors: String?
    @Option(help: "Internal code names, comma-separated.") var codenames: String?
    @Option(name: .customLong("competitor-policy"), help: "forbid, neutral-only or allow.") var competitorPolicy:
        String?
    @Option(help: "Humour in posts: avoid or allow.") var humour: String?
    @Option(help: "Debate and provocation: avoid or allow.") var debate: String?
    @Option(help: "Promotional cues allowed per 100 words (0 turns the check off).") var promotional: Double?
    @Option(help: "Disclosure rules to follow, comma-separated: ftc, nl, be, fr, uk.") var jurisdictions: String?
    @Option(name: .customLong("disclosure-tag"), help: "The hashtag employees use to disclose, e.g. #AcmeTeam.")
    var disclosureTag: String?
    @Option(name: .customLong("default-language"), help: "nl, en or fr, for drafts too short to tell.")
    var defaultLanguage: String?
    @Option(help: "Default platform: linkedin, x, instagram, facebook.") var platform: String?
    @Flag(help: "Ask the questions even when standard input is not a terminal.") var interactive = false

    func run() throws {
        let path = (directory as NSString).appendingPathComponent(".postcheck.yml")
        guard !FileManager.default.fileExists(atPath: path) else {
            fail(
                "\(path) already exists; edit it, or remove it first (postcheck init never overwrites a configuration)")
        }
        let ask = interactive || isatty(STDIN_FILENO) != 0
        func answer(_ question: String, _ given: String?, default fallback: String, allowed: [String]? = nil) -> String
        {
            var value = given ?? fallback
            if ask && given == nil {
                let options = allowed.map { " (\($0.joined(separator: "/")))" } ?? ""
                FileHandle.standardOutput.write(Data("\(question)\(options) [\(fallback)]: ".utf8))
                if let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty { value = line }
            }
            if let allowed, !allowed.contains(value) {
                fail("'\(value)' is not one of \(allowed.joined(separator: ", ")) for: \(question)")
            }
            return value
        }
        func list(_ text: String) -> [String] {
            text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let companyNames = list(answer("Company name", company, default: ""))
        let brandNames = list(answer("Brands and products (comma-separated)", brands, default: ""))
        let competitorNames = list(answer("Competitors (comma-separated)", competitors, default: ""))
        let codeNames = list(answer("Internal code names (comma-separated)", codenames, default: ""))
        let competitorRule = answer(
            "May employees name competitors?", competitorPolicy, default: "neutral-only",
            allowed: ["forbid", "neutral-only", "allow"])
        let humourRule = answer("Is humour welcome in posts?", humour, default: "allow", allowed: ["avoid", "allow"])
        let debateRule = answer(
            "Provoke debate, or play it safe?", debate, default: "allow", allowed: ["avoid", "allow"])
        let promotionalText = answer(
            "Promotional cues allowed per 100 words (0 = no check)", promotional.map { String($0) }, default: "8")
        guard let promotionalLimit = Double(promotionalText), (0...100).contains(promotionalLimit) else {
            fail("the promotional limit must be a number from 0 to 100, not '\(promotionalText)'")
        }
        let jurisdictionList = list(
            answer("Disclosure rules to follow (ftc, nl, be, fr, uk)", jurisdictions, default: "ftc, nl, be"))
        for jurisdiction in jurisdictionList where !["ftc", "nl", "be", "fr", "uk"].contains(jurisdiction) {
            fail("unknown jurisdiction '\(jurisdiction)' (known: ftc, nl, be, fr, uk)")
        }
        let tag = answer("Disclosure hashtag employees use", disclosureTag, default: "#ad")
        let language = answer("Default language", defaultLanguage, default: "nl", allowed: ["nl", "en", "fr", "de"])
        let defaultPlatform = answer(
            "Default platform", platform, default: "linkedin",
            allowed: ["linkedin", "x", "instagram", "facebook", "threads"])

        func yamlList(_ items: [String]) -> String {
            "[" + items.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" }.joined(separator: ", ") + "]"
        }
        let text = """
            # postcheck configuration, written by `postcheck init` on \(CalendarDay.today).
            # Reference: docs/configuration.md; `postcheck rules` lists what is active.

            # The bundled pack covers platform limits, disclosure, confidential data, tone, humour, provocation,
            # promotional density and more, in Dutch, English and French. Add your own pack folders after it.
            packs: [postcheck]

            # Hide findings below this severity, and fail (exit 1) from this severity up.
            min-severity: suggestion
            fail-on: error

            # For drafts too short to detect their language, and without `platform` in their front matter.
            default-language: \(language)
            platform: \(defaultPlatform)

            # Your names: the bundled rules use them (competitor mentions, code names, disclosure of own products).
            names:
              company: \(yamlList(companyNames))
              brands: \(yamlList(brandNames))
              competitors: \(yamlList(competitorNames))   # or {name: …, aliases: […], handles: ["@…"]}
              codenames: \(yamlList(codeNames))

            # Your programme's choices.
            policy:
              competitors: \(competitorRule)        # forbid | neutral-only | allow
              humour: \(humourRule)                 # avoid | allow
              debate: \(debateRule)                 # avoid | allow
              promotional: \(promotionalLimit == promotionalLimit.rounded() ? String(Int(promotionalLimit)) : String(promotionalLimit))                  # promotional cues per 100 words; 0 = no check
              disclosure:
                jurisdictions: \(yamlList(jurisdictionList))
                tag: "\(tag)"

            # Quiet periods (e.g. before results), when some rules apply or get stricter:
            # periods:
            #   - {name: Q4 results, from: 2026-12-01, to: 2027-01-25, rules: {postcheck.Promotional: error}}

            # Switch single rules: off | on | suggestion | warning | error
            # rules: {postcheck.Hedging: off}

            """
        // Check what we wrote before anyone relies on it.
        let temporary = path + ".postcheck-init.tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            fail("cannot write \(path)")
        }
        do {
            _ = try ConfigurationLoader(bundledRulesDirectory: BundledRules.directory()).load(path: temporary)
        } catch {
            unlink(temporary)
            fail("the answers do not make a valid configuration: \(error)")
        }
        guard link(temporary, path) == 0 else {
            unlink(temporary)
            fail("\(path) already exists or cannot be written")
        }
        unlink(temporary)
        print("postcheck: wrote \(path)")
    }
}
