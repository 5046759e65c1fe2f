import Foundation

extension ProgrammeReport {
    /// The report for a terminal.
    public func text() -> String {
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        func percent(_ part: Int, _ whole: Int) -> String {
            whole == 0 ? "–" : "\(Int((Double(part) / Double(whole) * 100).rounded()))%"
        }
        var lines: [String] = []
        let period = [since.map { "since \($0)" }, until.map { "until \($0)" }].compactMap { $0 }.joined(separator: " ")
        lines.append("postcheck report" + (period.isEmpty ? "" : " (\(period))"))
        lines.append("")
        lines.append(
            "Drafts: \(drafts.count) checked, \(passed) pass (\(percent(passed, drafts.count))), \(review) to review, "
                + "\(failed) fail; mean score \(String(format: "%.1f", meanScore)).")
        for entry in unchecked { lines.append("  not checked: \(entry.path): \(entry.reason)") }
        lines.append("History: \(history)")
        if let journeys {
            lines.append(
                "Journeys: \(count(journeys.drafts, "draft")) over \(count(journeys.commits, "commit")); "
                    + "\(journeys.passedFirstTime) passed first time (\(percent(journeys.passedFirstTime, journeys.drafts))), "
                    + "\(journeys.neverPassed) never passed; \(String(format: "%.2f", journeys.meanRoundsUntilPass)) commits "
                    + "until a pass on average; \(count(journeys.fixedBeforePublication, "finding")) fixed before publication."
            )
        }
        lines.append("")
        lines.append("Guidelines, by drafts affected:")
        if guidelines.isEmpty { lines.append("  none broken") }
        for group in guidelines {
            var line = "  \(group.guideline): \(count(group.drafts, "draft")), \(count(group.findings, "finding"))"
            if let fixed = group.fixedBeforePublication {
                line += ", \(fixed) fixed before publication (\(percent(fixed, fixed + group.findings)))"
            }
            if !group.byMonth.isEmpty {
                line += " (" + group.byMonth.map { "\($0.month): \($0.findings)" }.joined(separator: ", ") + ")"
            }
            lines.append(line)
        }
        lines.append("")
        lines.append("Rules, by drafts affected (what people wrote; an example):")
        for rule in rules {
            let matches = rule.matches.map { "'\($0.text)' ×\($0.count)" }.joined(separator: ", ")
            lines.append(
                "  \(rule.rule) [\(rule.guideline)]: \(count(rule.drafts, "draft")), \(count(rule.findings, "finding")); "
                    + "\(matches); \(rule.example)")
        }
        lines.append("")
        lines.append(
            "Content mix: \(promotional.flagged) of \(promotional.drafts) drafts read as promotional "
                + "(\(percent(promotional.flagged, promotional.drafts))).")
        for kind in promotionalByKind {
            lines.append("  \(kind.kind): \(kind.flagged) of \(kind.drafts) (\(percent(kind.flagged, kind.drafts)))")
        }
        lines.append("")
        let grouping = groupedBy == "folder" ? "folders" : "writers"
        lines.append(
            leaderboard
                ? "Leaderboard (\(grouping), by share passing first):"
                : "Writers (\(writers.count) \(grouping); names only with --leaderboard or --author):")
        for (rank, row) in writers.enumerated() {
            let name = row.name ?? "#\(rank + 1)"
            lines.append(
                "  \(name): \(count(row.drafts, "draft")), \(row.passed) pass (\(percent(row.passed, row.drafts))), "
                    + "clean streak \(row.streak)" + (row.toWorkOn.map { ", to work on: \($0)" } ?? "")
                    + (row.passedFirstTime.map { ", \($0) passed first time" } ?? "")
                    + (row.mostImproved.map { ", most improved: \($0)" } ?? ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
