import ArgumentParser
import Foundation
import PostcheckCore

/// `postcheck eval`: runs the bundled heuristics over labelled development sets and prints precision, recall and
/// F1 (and correlation for graded sentiment), with the rule and threshold used. See EVALUATION.md.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the bundled heuristics on labelled data (../shared/eval): precision, recall, F1.")

    @Option(help: "Folder with the labelled sets.") var data: String = "../shared/eval"
    @Option(help: "Output format: text or json.") var format: RuleListFormat = .text
    @Option(help: "The promotional limit (policy `promotional`) to measure with.") var promotional: Double = 8
    @Option(
        name: .customLong("posts"),
        help: ArgumentHelp(
            "A folder of labelled real-style posts (repeatable); measures them instead of the proxy sets.",
            discussion:
                "Each folder holds tab-separated files with id, text, labels (or a labels.tsv beside posts.tsv), "
                + "and optionally company.postcheck.yml, the configuration the posts were labelled under."))
    var postFolders: [String] = []
    @Flag(help: "With --posts: list each post that a class missed or flagged wrongly.") var details = false

    struct Measure {
        var name: String
        var rule: String
        var truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0
        var correlation: Double? = nil
        var note = ""

        var precision: Double { ratio(truePositives, truePositives + falsePositives) }
        var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        var flaggedShare: Double {
            ratio(truePositives + falsePositives, truePositives + falsePositives + falseNegatives + trueNegatives)
        }
        var count: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

        mutating func add(predicted: Bool, actual: Bool) {
            switch (predicted, actual) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    }

    func run() throws {
        if !postFolders.isEmpty {
            let runs = try postRuns(postFolders)
            switch format {
            case .json: print(JSONValue.array(runs.map(Self.json)).serialized())
            case .text: for run in runs { print(text(run)) }
            }
            return
        }
        guard let rules = BundledRules.directory() else { fail("the bundled packs are not available") }
        guard FileManager.default.fileExists(atPath: data) else { fail("no labelled data at \(data) (give --data)") }
        // The bundled pack with every heuristic on (humour and debate avoided) and the given promotional limit.
        var configuration = Configuration(source: .builtin, baseDirectory: FileManager.default.currentDirectoryPath)
        configuration.packDirectories = [("postcheck", (rules as NSString).appendingPathComponent("postcheck"))]
        configuration.enabledPacks = ["postcheck"]
        configuration.variables = ["promotional-max": [String(promotional)], "disclosure-tags": ["#ad"]]
        let linter = try Linter(configuration: configuration)
        let scratch = MatchScratch()
        func fires(_ rule: String, _ text: String, language: String) -> Bool {
            let front = "---\nlang: \(language)\n---\n"
            guard let draft = try? Draft(path: "eval.txt", text: front + text, format: .plainText) else { return false }
            return linter.check(draft, relativePath: "eval.txt", scratch: scratch, only: [rule]).findings.contains {
                $0.ruleID == rule
            }
        }
        func header(_ id: String) -> RuleHeader? { linter.rules.first { $0.header.id == id }?.header }
        var measures: [Measure] = []
        let root = URL(fileURLWithPath: data)

        // Humour: ColBERT jokes vs headlines; TweetEval irony.
        var colbert = Measure(name: "humour: ColBERT jokes vs news headlines (en)", rule: "postcheck.Humour")
        for row in try csvRows(root.appendingPathComponent("humour/colbert-dev.csv")).dropFirst() where row.count >= 2 {
            colbert.add(predicted: fires("postcheck.Humour", row[0], language: "en"), actual: row[1] == "True")
        }
        measures.append(colbert)
        var irony = Measure(name: "humour: TweetEval irony (en)", rule: "postcheck.Humour")
        for (text, label) in try textsAndLabels(root.appendingPathComponent("irony")) {
            irony.add(predicted: fires("postcheck.Humour", text, language: "en"), actual: label == 1)
        }
        measures.append(irony)

        // Promotional: SMS spam and YouTube comment spam (consumer spam: a floor).
        var sms = Measure(name: "promotional: SMS spam collection (en)", rule: "postcheck.Promotional")
        for line in try String(contentsOf: root.appendingPathComponent("spam/sms-spam-dev.tsv"), encoding: .utf8).split(
            whereSeparator: \.isNewline)
        {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            sms.add(predicted: fires("postcheck.Promotional", parts[1], language: "en"), actual: parts[0] == "spam")
        }
        measures.append(sms)
        var youtube = Measure(name: "promotional: YouTube comment spam (en)", rule: "postcheck.Promotional")
        for file in ["Youtube01-Psy.csv", "Youtube02-KatyPerry.csv", "Youtube03-LMFAO.csv"] {
            for row in try csvRows(root.appendingPathComponent("spam/\(file)")).dropFirst() where row.count >= 5 {
                youtube.add(predicted: fires("postcheck.Promotional", row[3], language: "en"), actual: row[4] == "1")
            }
        }
        measures.append(youtube)

        // Tone: negative tweets (en, fr) through the Tone rule, and the lexicon score's correlation with the labels.
        for (folder, language, name) in [
            ("sentiment", "en", "TweetEval sentiment"), ("sentiment-fr", "fr", "French tweets (UMSAB)"),
        ] {
            var measure = Measure(name: "tone: negative in \(name) (\(language))", rule: "postcheck.Tone")
            var scores: [Double] = []
            var labels: [Double] = []
            let scorer = try toneScorer(rules: rules, language: language)
            for (text, label) in try textsAndLabels(root.appendingPathComponent(folder)) {
                measure.add(predicted: fires("postcheck.Tone", text, language: language), actual: label == 0)
                let bytes = Array(text.utf8)
                scores.append(scorer.score(bytes, range: 0..<bytes.count).compound)
                labels.append(Double(label))
            }
            measure.correlation = pearson(scores, labels)
            measures.append(measure)
        }

        // Profanity: HateCheck (en) and Multilingual HateCheck (nl, fr), per case type.
        for (file, language) in [
            ("hatecheck_en_test_suite_cases.csv", "en"), ("mhc_dutch.csv", "nl"), ("mhc_french.csv", "fr"),
        ] {
            var profane = Measure(
                name: "profanity: HateCheck profanity cases (\(language))", rule: "postcheck.Profanity")
            var neutral = Measure(
                name: "profanity: HateCheck neutral cases flagged (\(language))", rule: "postcheck.Profanity")
            let rows = try csvRows(root.appendingPathComponent("toxicity/\(file)"))
            guard let headerRow = rows.first, let functionColumn = headerRow.firstIndex(of: "functionality"),
                let textColumn = headerRow.firstIndex(of: "test_case")
            else { continue }
            for row in rows.dropFirst() where row.count > max(functionColumn, textColumn) {
                let function = row[functionColumn]
                if function.hasPrefix("profanity") {
                    profane.add(
                        predicted: fires("postcheck.Profanity", row[textColumn], language: language), actual: true)
                } else if function == "ident_neutral_nh" || function == "ident_pos_nh" {
                    neutral.add(
                        predicted: fires("postcheck.Profanity", row[textColumn], language: language), actual: false)
                }
            }
            neutral.note = "share of neutral cases flagged"
            measures.append(profane)
            measures.append(neutral)
        }

        // Then the real posts: postcheck's own corpus (from the repository's top folder) and the shared set.
        let defaultFolders = ["Fixtures/posts", (data as NSString).appendingPathComponent("posts")].filter {
            FileManager.default.fileExists(atPath: $0)
        }
        let runs = try postRuns(defaultFolders)
        switch format {
        case .json:
            print(
                JSONValue.array(
                    measures.map { measure in
                        var fields: [(String, JSONValue)] = [
                            ("set", .string(measure.name)), ("rule", .string(measure.rule)),
                            ("threshold", .string(header(measure.rule).map(thresholdText) ?? "")),
                            ("texts", .int(measure.count)),
                            ("precision", .double(round3(measure.precision))),
                            ("recall", .double(round3(measure.recall))),
                            ("f1", .double(round3(measure.f1))), ("flagged", .double(round3(measure.flaggedShare))),
                        ]
                        if let correlation = measure.correlation {
                            fields.append(("correlation", .double(round3(correlation))))
                        }
                        return .object(fields)
                    } + runs.map(Self.json)
                ).serialized())
        case .text:
            for measure in measures {
                var line =
                    "\(measure.name): \(measure.count) texts, rule \(measure.rule) (\(header(measure.rule).map(thresholdText) ?? ""))\n"
                if measure.note.isEmpty {
                    line +=
                        "  precision \(percent(measure.precision)), recall \(percent(measure.recall)), F1 \(String(format: "%.3f", measure.f1))"
                } else {
                    line += "  \(measure.note): \(percent(measure.flaggedShare))"
                }
                if let correlation = measure.correlation {
                    line += "; lexicon score vs label r = \(String(format: "%.3f", correlation))"
                }
                print(line)
            }
            print()
            for run in runs { print(text(run)) }
        }
    }

    private func thresholdText(_ header: RuleHeader) -> String {
        guard let text = try? String(contentsOfFile: header.path, encoding: .utf8) else { return header.kind }
        let keys = ["max:", "threshold:", "minwords:"]
        return header.kind + ", "
            + text.split(separator: "\n").filter { line in keys.contains { line.hasPrefix($0) } }
            .map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(
                    of: "'{{promotional-max}}'", with: "\(promotional) (policy promotional)")
            }
            .joined(separator: ", ")
    }

    private func toneScorer(rules: String, language: String) throws -> SentimentScorer {
        let data = (rules as NSString).appendingPathComponent("postcheck/data")
        let lexicon = try LexiconFile.parse(
            try String(contentsOfFile: "\(data)/tone-\(language).tsv", encoding: .utf8), path: "tone")
        let emoji = try LexiconFile.parseEmoji(
            try String(contentsOfFile: "\(data)/emoji-en.tsv", encoding: .utf8), path: "emoji")
        return SentimentScorer(
            lexicon: lexicon, language: .forLanguage(language),
            emojiDescriptions: language == "en" ? emoji.descriptions : [:])
    }

    private func textsAndLabels(_ folder: URL) throws -> [(String, Int)] {
        let texts = try String(contentsOf: folder.appendingPathComponent("val_text.txt"), encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let labels = try String(contentsOf: folder.appendingPathComponent("val_labels.txt"), encoding: .utf8).split(
            separator: "\n")
        return zip(texts, labels).compactMap { text, label in
            Int(label.trimmingCharacters(in: .whitespaces)).map { (String(text), $0) }
        }
    }

    /// RFC 4180 CSV: quoted fields with doubled quotes and line breaks.
    private func csvRows(_ url: URL) throws -> [[String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(field)
                field = ""
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", let next = iterator.next(), next != "\n" { pending = next }
                row.append(field)
                field = ""
                if row.count > 1 || !row[0].isEmpty { rows.append(row) }
                row = []
            } else {
                field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    private func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        guard n > 1 else { return 0 }
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var covariance = 0.0, varianceX = 0.0, varianceY = 0.0
        for (a, b) in zip(x, y) {
            covariance += (a - meanX) * (b - meanY)
            varianceX += (a - meanX) * (a - meanX)
            varianceY += (b - meanY) * (b - meanY)
        }
        return varianceX == 0 || varianceY == 0 ? 0 : covariance / (varianceX * varianceY).squareRoot()
    }

    private func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
    private func round3(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
