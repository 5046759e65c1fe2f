import Foundation
import XCTest

@testable import PostcheckCore

final class QuietPeriodTests: XCTestCase {
    /// Today from the C library is today as Foundation's Gregorian calendar in the local time zone says.
    func testTodayIsTheLocalGregorianDay() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        for _ in 0..<2 {
            let components = calendar.dateComponents([.year, .month, .day], from: Date())
            let today = CalendarDay.today
            // Asked twice in case the day turned between the two reads.
            if today.description
                == String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
            {
                return
            }
        }
        XCTFail("CalendarDay.today \(CalendarDay.today) is not the local Gregorian day")
    }

    func testRulesApplyOnlyInsideTheirPeriod() throws {
        let root = try temporaryDirectory()
        try write(
            "extends: existence\nmessage: \"'%s' during the quiet period\"\nlevel: warning\nignorecase: true\ntokens: [results, resultaten, résultats]\n",
            to: root.appendingPathComponent("acme/ResultsWords.yml"))
        try write(
            """
            packs: [./acme]
            periods:
              - name: Q4 quiet period
                from: 2026-12-01
                to: 2027-01-25
                rules: {acme.ResultsWords: error}
            """, to: root.appendingPathComponent(".postcheck.yml"))
        let configuration = try ConfigurationLoader(bundledRulesDirectory: nil).load(
            path: root.appendingPathComponent(".postcheck.yml").path)
        let draft = try Draft(path: "a.md", text: "Onze resultaten zijn binnen.")
        func severities(on day: String) throws -> [Severity] {
            let linter = try Linter(configuration: configuration, day: CalendarDay(day)!)
            return linter.check(draft, relativePath: "a.md", scratch: MatchScratch()).findings.map(\.severity)
        }
        XCTAssertEqual(try severities(on: "2026-11-30"), [])
        XCTAssertEqual(try severities(on: "2026-12-01"), [.error])
        XCTAssertEqual(try severities(on: "2027-01-25"), [.error])
        XCTAssertEqual(try severities(on: "2027-01-26"), [])
    }

    func testBadPeriods() throws {
        let root = try temporaryDirectory()
        let path = root.appendingPathComponent(".postcheck.yml")
        for text in [
            "periods: [{from: 2026-13-01, to: 2027-01-01, rules: {a.B: on}}]",
            "periods: [{from: 2027-01-02, to: 2027-01-01, rules: {a.B: on}}]",
            "periods: [{from: 2027-01-01, to: 2027-01-02}]",
        ] {
            try write(text, to: path)
            XCTAssertThrowsError(try ConfigurationLoader(bundledRulesDirectory: nil).load(path: path.path), text)
        }
        XCTAssertEqual(CalendarDay("2026-12-01")?.description, "2026-12-01")
        XCTAssertNil(CalendarDay("01/12/2026"))
    }
}
