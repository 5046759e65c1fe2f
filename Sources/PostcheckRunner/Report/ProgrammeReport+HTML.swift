import Foundation

extension ProgrammeReport {
    /// The languages the HTML report is written in.
    public enum PageLanguage: String, CaseIterable, Sendable {
        case en, nl, fr
    }

    /// One self-contained HTML page: no script, no external font, style or image; charts as inline SVG, each
    /// followed by a table with the same numbers; readable on a phone; in `language`.
    public func html(language: PageLanguage) -> String {
        let words = PageWords.of(language).withJourneyWords(language)
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "–" : "\(Int((Double(part) / Double(whole) * 100).rounded()))%"
        }
        func guidelineName(_ id: String) -> String { escape(words.guidelines[id] ?? id) }
        func fill(_ template: String, _ values: [String]) -> String {
            var text = template
            for (index, value) in values.enumerated() {
                text = text.replacingOccurrences(of: "{\(index + 1)}", with: value)
            }
            return text
        }
        var page = """
            <!doctype html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(words.title)</title>
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 0 auto; padding: 1rem;
                   max-width: 60rem; }
            h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; }
            .summary { display: flex; flex-wrap: wrap; gap: 0.75rem; padding: 0; list-style: none; }
            .summary li { border: 1px solid #767676; border-radius: 0.5rem; padding: 0.5rem 0.75rem; min-width: 7rem; }
            .summary strong { display: block; font-size: 1.5rem; }
            figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: 0.5rem; }
            svg { width: 100%; height: auto; max-width: 28rem; display: block; }
            .table { overflow-x: auto; } table { border-collapse: collapse; width: 100%; margin-top: 0.5rem; }
            th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #bbb; vertical-align: top; }
            td.number, th.number { text-align: right; }
            .note { color: #444; }
            </style>
            </head>
            <body>
            <main>
            <h1>\(words.title)</h1>
            <p class="note">\(escape(fill(words.generated, [generated])))</p>

            """
        // Summary.
        page += "<h2>\(words.drafts)</h2>\n<ul class=\"summary\">\n"
        for (label, value) in [
            (words.checked, "\(drafts.count)"), (words.pass, "\(passed) (\(percent(passed, drafts.count)))"),
            (words.review, "\(review)"), (words.fail, "\(failed)"),
            (words.meanScore, String(format: "%.1f", meanScore)),
        ] {
            page += "<li><strong>\(escape(value))</strong>\(label)</li>\n"
        }
        page += "</ul>\n"
        if let journeys {
            page += "<h2>\(words.journeysHeading)</h2>\n<p>"
            page += escape(
                fill(
                    words.journeySentence,
                    [
                        "\(journeys.drafts)", "\(journeys.commits)",
                        "\(journeys.passedFirstTime) (\(percent(journeys.passedFirstTime, journeys.drafts)))",
                        String(format: "%.2f", journeys.meanRoundsUntilPass), "\(journeys.fixedBeforePublication)",
                    ]))
            page += "</p>\n"
        }
        // Guidelines: a bar chart of drafts affected, and its table.
        page += "<h2>\(words.guidelinesHeading)</h2>\n"
        if guidelines.isEmpty {
            page += "<p>\(words.noneBroken)</p>\n"
        } else {
            let bars = guidelines.map { (label: guidelineName($0.guideline), value: $0.drafts) }
            page += figure(caption: words.guidelinesChart, bars: bars, maximum: max(1, drafts.count), id: "guidelines")
            let withFixed = journeys != nil
            page += Self.table(
                [(words.guideline, false), (words.drafts, true), (words.findings, true)]
                    + (withFixed ? [(words.fixedBeforePublication, true)] : []),
                guidelines.map { group in
                    [guidelineName(group.guideline), "\(group.drafts)", "\(group.findings)"]
                        + (withFixed
                            ? [
                                "\(group.fixedBeforePublication ?? 0) (\(percent(group.fixedBeforePublication ?? 0, (group.fixedBeforePublication ?? 0) + group.findings)))"
                            ] : [])
                })
            page += "</figure>\n<h2>\(words.rulesHeading)</h2>\n"
            page += Self.table(
                [(words.rule, false), (words.drafts, true), (words.mostFrequent, false), (words.example, false)],
                rules.map { rule in
                    let matches = rule.matches.map { "‘\(escape($0.text))’ ×\($0.count)" }.joined(separator: ", ")
                    return [
                        "\(escape(rule.rule))<br><small>\(guidelineName(rule.guideline))</small>", "\(rule.drafts)",
                        matches,
                        escape(rule.example),
                    ]
                })
        }
        // Content mix.
        page += "<h2>\(words.contentMix)</h2>\n<p>"
        page += escape(
            fill(
                words.promotionalSentence,
                ["\(promotional.flagged)", "\(promotional.drafts)", percent(promotional.flagged, promotional.drafts)]))
        page += "</p>\n"
        if !promotionalByKind.isEmpty {
            let bars = promotionalByKind.map {
                (label: escape($0.kind), value: Int((Double($0.flagged) / Double(max(1, $0.drafts)) * 100).rounded()))
            }
            page += figure(caption: words.mixChart, bars: bars, maximum: 100, id: "mix", unit: "%")
            page += Self.table(
                [(words.kind, false), (words.drafts, true), (words.promotional, true)],
                promotionalByKind.map {
                    [escape($0.kind), "\($0.drafts)", "\($0.flagged) (\(percent($0.flagged, $0.drafts)))"]
                })
            page += "</figure>\n"
        }
        // Writers.
        page += "<h2>\(leaderboard ? words.leaderboard : words.writers)</h2>\n"
        if !leaderboard { page += "<p class=\"note\">\(words.anonymous)</p>\n" }
        let withJourneys = journeys != nil
        page += Self.table(
            [
                (words.writer, false), (words.drafts, true), (words.pass, true), (words.streak, true),
                (words.toWorkOn, false),
            ] + (withJourneys ? [(words.passedFirstTime, true), (words.mostImproved, false)] : []),
            writers.enumerated().map { rank, row in
                [
                    row.name.map(escape) ?? "#\(rank + 1)", "\(row.drafts)",
                    "\(row.passed) (\(percent(row.passed, row.drafts)))",
                    "\(row.streak)", row.toWorkOn.map(guidelineName) ?? "",
                ]
                    + (withJourneys
                        ? ["\(row.passedFirstTime ?? 0)", row.mostImproved.map(guidelineName) ?? ""] : [])
            })
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    /// A table of cells that are already HTML, in a box that scrolls sideways on a narrow screen; `numeric` columns
    /// are right-aligned.
    private static func table(_ headers: [(title: String, numeric: Bool)], _ rows: [[String]]) -> String {
        func cell(_ tag: String, _ text: String, _ numeric: Bool) -> String {
            numeric ? "<\(tag) class=\"number\">\(text)</\(tag)>" : "<\(tag)>\(text)</\(tag)>"
        }
        var html = "<div class=\"table\"><table>\n<tr>" + headers.map { cell("th", $0.title, $0.numeric) }.joined()
        html += "</tr>\n"
        for row in rows {
            html += "<tr>" + zip(row, headers).map { cell("td", $0, $1.numeric) }.joined() + "</tr>\n"
        }
        return html + "</table></div>\n"
    }

    /// A horizontal bar chart as inline SVG, labelled for screen readers; the table that follows it holds the same
    /// numbers. The caller closes the `<figure>` after the table.
    private func figure(
        caption: String, bars: [(label: String, value: Int)], maximum: Int, id: String, unit: String = ""
    )
        -> String
    {
        // Each bar under its label, in a narrow drawing: on a phone the text stays readable at the page's width.
        let rowHeight = 44
        let height = bars.count * rowHeight + 4
        var svg =
            "<figure aria-labelledby=\"\(id)-caption\">\n<figcaption id=\"\(id)-caption\">\(caption)</figcaption>\n"
        svg += "<svg role=\"img\" aria-labelledby=\"\(id)-caption\" viewBox=\"0 0 400 \(height)\" "
        svg += "xmlns=\"http://www.w3.org/2000/svg\">\n"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight
            let width = max(2, Int(Double(bar.value) / Double(maximum) * 320))
            svg += "<text x=\"0\" y=\"\(y + 16)\" font-size=\"14\" fill=\"#1a1a1a\">\(bar.label)</text>"
            svg += "<rect x=\"0\" y=\"\(y + 22)\" width=\"\(width)\" height=\"16\" fill=\"#1f5fa8\"/>"
            svg +=
                "<text x=\"\(width + 6)\" y=\"\(y + 35)\" font-size=\"14\" fill=\"#1a1a1a\">\(bar.value)\(unit)</text>\n"
        }
        return svg + "</svg>\n"
    }
}

/// The report page's words in each language: written, not machine placeholders.
struct PageWords {
    let title, generated, drafts, checked, pass, review, fail, meanScore: String
    let guidelinesHeading, guidelinesChart, guideline, findings, noneBroken: String
    let rulesHeading, rule, mostFrequent, example: String
    let contentMix, promotionalSentence, mixChart, kind, promotional: String
    let writers, leaderboard, anonymous, writer, streak, toWorkOn: String
    let guidelines: [String: String]
    var journeysHeading = "", journeySentence = "", fixedBeforePublication = "", passedFirstTime = "", mostImproved = ""

    /// The words of `--history`, in the page's language.
    func withJourneyWords(_ language: ProgrammeReport.PageLanguage) -> PageWords {
        var words = self
        switch language {
        case .en:
            words.journeysHeading = "On the way to publication"
            words.journeySentence =
                "{1} drafts over {2} commits: {3} passed first time, {4} commits until a pass on average, {5} findings fixed before publication."
            words.fixedBeforePublication = "Fixed before publication"
            words.passedFirstTime = "Passed first time"
            words.mostImproved = "Most improved"
        case .nl:
            words.journeysHeading = "Op weg naar publicatie"
            words.journeySentence =
                "{1} concepten over {2} commits: {3} meteen in orde, gemiddeld {4} commits tot ze in orde waren, {5} meldingen verbeterd voor publicatie."
            words.fixedBeforePublication = "Verbeterd voor publicatie"
            words.passedFirstTime = "Meteen in orde"
            words.mostImproved = "Grootste vooruitgang"
        case .fr:
            words.journeysHeading = "En route vers la publication"
            words.journeySentence =
                "{1} brouillons sur {2} commits : {3} conformes du premier coup, {4} commits en moyenne avant d’être conformes, {5} constats corrigés avant publication."
            words.fixedBeforePublication = "Corrigés avant publication"
            words.passedFirstTime = "Conformes du premier coup"
            words.mostImproved = "Plus grand progrès"
        }
        return words
    }

    static func of(_ language: ProgrammeReport.PageLanguage) -> PageWords {
        switch language {
        case .en:
            PageWords(
                title: "Guidelines report", generated: "Made on {1} by postcheck.", drafts: "Drafts",
                checked: "checked",
                pass: "passing", review: "to review", fail: "failing", meanScore: "mean score",
                guidelinesHeading: "Guidelines broken most", guidelinesChart: "Drafts affected, per guideline",
                guideline: "Guideline", findings: "Findings", noneBroken: "No guideline was broken.",
                rulesHeading: "What people wrote", rule: "Rule", mostFrequent: "Most frequent", example: "Example",
                contentMix: "Content mix", promotionalSentence: "{1} of {2} drafts read as promotional ({3}).",
                mixChart: "Share of drafts that read as promotional, per kind", kind: "Kind",
                promotional: "Promotional",
                writers: "Writers", leaderboard: "Leaderboard",
                anonymous: "Names are shown only on a leaderboard that the programme has agreed to.", writer: "Writer",
                streak: "Clean streak", toWorkOn: "To work on",
                guidelines: [
                    "competitors": "Competitors", "humour": "Humour", "tone": "Tone", "promotional": "Promotional",
                    "disclosure": "Disclosure", "confidentiality": "Confidentiality", "personal-data": "Personal data",
                    "debate": "Debate", "platform": "Platform limits", "style": "Style", "other": "Other",
                ])
        case .nl:
            PageWords(
                title: "Rapport over de richtlijnen", generated: "Gemaakt op {1} door postcheck.", drafts: "Concepten",
                checked: "gecontroleerd", pass: "in orde", review: "na te kijken", fail: "niet in orde",
                meanScore: "gemiddelde score", guidelinesHeading: "Meest overtreden richtlijnen",
                guidelinesChart: "Aantal concepten per richtlijn", guideline: "Richtlijn", findings: "Meldingen",
                noneBroken: "Geen enkele richtlijn werd overtreden.", rulesHeading: "Wat er geschreven werd",
                rule: "Regel", mostFrequent: "Komt het vaakst voor", example: "Voorbeeld", contentMix: "Inhoudsmix",
                promotionalSentence: "{1} van de {2} concepten lezen als reclame ({3}).",
                mixChart: "Aandeel concepten dat als reclame leest, per soort", kind: "Soort", promotional: "Reclame",
                writers: "Schrijvers", leaderboard: "Klassement",
                anonymous: "Namen staan er alleen in bij een klassement waarvoor het programma gekozen heeft.",
                writer: "Schrijver", streak: "Reeks zonder meldingen", toWorkOn: "Werkpunt",
                guidelines: [
                    "competitors": "Concurrenten", "humour": "Humor", "tone": "Toon", "promotional": "Reclame",
                    "disclosure": "Openheid over samenwerking", "confidentiality": "Vertrouwelijkheid",
                    "personal-data": "Persoonsgegevens", "debate": "Debat", "platform": "Platformlimieten",
                    "style": "Stijl", "other": "Overige",
                ])
        case .fr:
            PageWords(
                title: "Rapport sur les lignes directrices", generated: "Établi le {1} par postcheck.",
                drafts: "Brouillons", checked: "vérifiés", pass: "conformes", review: "à revoir", fail: "non conformes",
                meanScore: "score moyen", guidelinesHeading: "Lignes directrices les plus enfreintes",
                guidelinesChart: "Brouillons concernés, par ligne directrice", guideline: "Ligne directrice",
                findings: "Constats", noneBroken: "Aucune ligne directrice n’a été enfreinte.",
                rulesHeading: "Ce qui a été écrit", rule: "Règle", mostFrequent: "Les plus fréquents",
                example: "Exemple",
                contentMix: "Mix de contenus",
                promotionalSentence: "{1} brouillons sur {2} se lisent comme de la publicité ({3}).",
                mixChart: "Part des brouillons qui se lisent comme de la publicité, par type", kind: "Type",
                promotional: "Publicité", writers: "Rédacteurs", leaderboard: "Classement",
                anonymous: "Les noms n’apparaissent que dans un classement que le programme a choisi.",
                writer: "Rédacteur", streak: "Série sans constat", toWorkOn: "À travailler",
                guidelines: [
                    "competitors": "Concurrents", "humour": "Humour", "tone": "Ton", "promotional": "Publicité",
                    "disclosure": "Transparence", "confidentiality": "Confidentialité",
                    "personal-data": "Données personnelles", "debate": "Débat", "platform": "Limites des plateformes",
                    "style": "Style", "other": "Autre",
                ])
        }
    }
}
