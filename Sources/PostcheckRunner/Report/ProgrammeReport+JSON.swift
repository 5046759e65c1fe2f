import PostcheckCore

extension ProgrammeReport {
    /// The report as JSON (docs/report.md; `Fixtures/report.schema.json` is its schema), keys in a fixed order.
    public func jsonBytes() -> [UInt8] {
        var json = JSONTextWriter()
        json.value(jsonValue)
        json.newLineAtEnd()
        return json.bytes
    }

    private static func share(_ part: Int, _ whole: Int) -> JSONValue {
        .double(whole == 0 ? 0 : (Double(part) / Double(whole) * 1000).rounded() / 1000)
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    var jsonValue: JSONValue {
        let period: JSONValue = .object([("since", Self.optional(since)), ("until", Self.optional(until))])
        return .object(
            [
                ("version", .int(1)), ("generated", .string(generated)), ("period", period),
                ("history", .string(history)),
                ("drafts", draftsJSON), ("guidelines", .array(guidelines.map(Self.json))),
                ("rules", .array(rules.map(Self.json))),
                ("contentMix", contentMixJSON), ("writers", writersJSON),
            ] + (journeys.map { [("journeys", Self.json($0))] } ?? []))
    }

    private var draftsJSON: JSONValue {
        let unchecked: [JSONValue] = self.unchecked.map {
            .object([("path", .string($0.path)), ("reason", .string($0.reason))])
        }
        return .object([
            ("checked", .int(drafts.count)), ("passed", .int(passed)), ("review", .int(review)),
            ("failed", .int(failed)),
            ("passShare", Self.share(passed, drafts.count)), ("meanScore", .double((meanScore * 10).rounded() / 10)),
            ("unchecked", .array(unchecked)),
        ])
    }

    private static func json(_ journeys: Journeys) -> JSONValue {
        .object([
            ("drafts", .int(journeys.drafts)), ("commits", .int(journeys.commits)),
            ("passedFirstTime", .int(journeys.passedFirstTime)),
            ("passedFirstTimeShare", share(journeys.passedFirstTime, journeys.drafts)),
            ("neverPassed", .int(journeys.neverPassed)),
            ("meanRoundsUntilPass", .double((journeys.meanRoundsUntilPass * 100).rounded() / 100)),
            ("fixedBeforePublication", .int(journeys.fixedBeforePublication)),
        ])
    }

    private static func json(_ group: GuidelineHealth) -> JSONValue {
        let months: [JSONValue] = group.byMonth.map {
            .object([("month", .string($0.month)), ("findings", .int($0.findings))])
        }
        var fields: [(String, JSONValue)] = [
            ("guideline", .string(group.guideline)), ("drafts", .int(group.drafts)), ("findings", .int(group.findings)),
            ("byMonth", .array(months)),
        ]
        if let fixed = group.fixedBeforePublication {
            // Of the findings this guideline ever had: the share fixed before the last commit.
            fields += [
                ("fixedBeforePublication", .int(fixed)), ("fixedShare", share(fixed, fixed + group.findings)),
            ]
        }
        return .object(fields)
    }

    private static func json(_ rule: RuleHealth) -> JSONValue {
        let matches: [JSONValue] = rule.matches.map {
            .object([("text", .string($0.text)), ("count", .int($0.count))])
        }
        return .object([
            ("rule", .string(rule.rule)), ("guideline", .string(rule.guideline)), ("drafts", .int(rule.drafts)),
            ("findings", .int(rule.findings)), ("topMatches", .array(matches)), ("example", .string(rule.example)),
        ])
    }

    private var contentMixJSON: JSONValue {
        let kinds: [JSONValue] = promotionalByKind.map { kind in
            .object([
                ("kind", .string(kind.kind)), ("drafts", .int(kind.drafts)), ("promotionalDrafts", .int(kind.flagged)),
                ("promotionalShare", Self.share(kind.flagged, kind.drafts)),
            ])
        }
        return .object([
            ("promotionalDrafts", .int(promotional.flagged)), ("drafts", .int(promotional.drafts)),
            ("promotionalShare", Self.share(promotional.flagged, promotional.drafts)), ("byKind", .array(kinds)),
        ])
    }

    private var writersJSON: JSONValue {
        let rows: [JSONValue] = writers.map { row in
            var fields: [(String, JSONValue)] = [
                ("name", Self.optional(row.name)), ("drafts", .int(row.drafts)), ("passing", .int(row.passed)),
                ("passShare", Self.share(row.passed, row.drafts)), ("cleanStreak", .int(row.streak)),
                ("toWorkOn", Self.optional(row.toWorkOn)),
            ]
            if let first = row.passedFirstTime {
                fields += [("passedFirstTime", .int(first)), ("mostImproved", Self.optional(row.mostImproved))]
            }
            return .object(fields)
        }
        return .object([
            ("groupedBy", .string(groupedBy)), ("leaderboard", .bool(leaderboard)), ("count", .int(writers.count)),
            ("rows", .array(rows)),
        ])
    }
}
