import XCTest

@testable import PostcheckRunner

/// A draft's way to publication, from the summaries of its committed versions (`ProgrammeReport.journey`).
final class JourneyTests: XCTestCase {
    typealias Version = ProgrammeReport.VersionSummary

    private func version(_ passes: Bool, _ findings: [String: Int]) -> Version {
        Version(passes: passes, findings: findings.mapKeys { $0.replacingOccurrences(of: "|", with: "\u{1F}") })
    }

    func testPassedFirstTime() {
        let journey = ProgrammeReport.journey([version(true, [:])])
        XCTAssertEqual(journey, .init(commits: 1, roundsUntilPass: 1, fixed: [:]))
        XCTAssertTrue(journey.passedFirstTime)
    }

    func testTwoRoundsOfFixes() {
        // A placeholder and a comparison, then only the comparison, then clean: two findings fixed, pass at round 3.
        let journey = ProgrammeReport.journey([
            version(false, ["p.Placeholder|todo": 1, "p.Comparison|globex": 1]),
            version(false, ["p.Comparison|globex": 1]),
            version(true, [:]),
        ])
        XCTAssertEqual(journey, .init(commits: 3, roundsUntilPass: 3, fixed: ["p.Placeholder": 1, "p.Comparison": 1]))
    }

    func testAFindingStillThereIsNotFixedAndNeverPassing() {
        // Two TODOs, then one: one fixed; the other is still in the last version; no version passes.
        let journey = ProgrammeReport.journey([
            version(false, ["p.Placeholder|todo": 2]),
            version(false, ["p.Placeholder|todo": 1]),
        ])
        XCTAssertEqual(journey, .init(commits: 2, roundsUntilPass: nil, fixed: ["p.Placeholder": 1]))
        XCTAssertFalse(journey.passedFirstTime)
    }

    func testAFindingBackInTheLastVersionIsNotFixed() {
        let journey = ProgrammeReport.journey([
            version(false, ["p.Shouting|buy now": 1]), version(true, [:]), version(false, ["p.Shouting|buy now": 1]),
        ])
        XCTAssertEqual(journey, .init(commits: 3, roundsUntilPass: 2, fixed: [:]))
    }
}

extension Dictionary {
    fileprivate func mapKeys<T: Hashable>(_ transform: (Key) -> T) -> [T: Value] {
        Dictionary<T, Value>(uniqueKeysWithValues: map { (transform($0.key), $0.value) })
    }
}
