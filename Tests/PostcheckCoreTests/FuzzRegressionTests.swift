import Foundation
import PostcheckFuzzTargets
import XCTest

/// Replays the fuzz targets' seed corpus and every input a fuzzing run crashed on (`Fuzz/`): each must now come
/// back accepted or refused with a message, never stop the process. `scripts/fuzz.sh` runs the targets with libFuzzer.
final class FuzzRegressionTests: XCTestCase {
    private let fuzzRoot = packageRoot.appendingPathComponent("Fuzz")

    private func inputs(_ folder: String, _ target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
        let directory = fuzzRoot.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return try names.sorted().filter { !$0.hasPrefix(".") }.map { name in
            (name, [UInt8](try Data(contentsOf: directory.appendingPathComponent(name))))
        }
    }

    func testSeedCorpusRunsThroughEveryTarget() throws {
        for target in FuzzTarget.allCases {
            let seeds = try inputs("corpus", target)
            XCTAssertGreaterThanOrEqual(seeds.count, 2, "Fuzz/corpus/\(target.rawValue) needs seeds")
            for seed in seeds { _ = FuzzTargets.run(target, seed.bytes) }
        }
    }

    func testCrashesFoundByFuzzingStayFixed() throws {
        var replayed = 0
        for target in FuzzTarget.allCases {
            for input in try inputs("regressions", target) {
                _ = FuzzTargets.run(target, input.bytes)
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0)
    }

    /// Seeds that are meant to be refused are refused with the reason, and the good ones are accepted.
    func testTargetsTellAcceptedFromRefused() throws {
        let rules = Dictionary(uniqueKeysWithValues: try inputs("corpus", .rule))
        XCTAssertEqual(FuzzTargets.run(.rule, rules["Shouting.yml"]!), .accepted)
        XCTAssertEqual(FuzzTargets.run(.rule, rules["substitution.yml"]!), .accepted)
        guard case .refused(let regex) = FuzzTargets.run(.rule, rules["bad-regex.yml"]!) else {
            return XCTFail("bad regex accepted")
        }
        XCTAssertTrue(regex.contains("Rule.yml:4"), regex)
        guard case .refused(let yaml) = FuzzTargets.run(.rule, rules["bad-yaml.yml"]!) else {
            return XCTFail("bad YAML accepted")
        }
        XCTAssertTrue(yaml.contains("Rule.yml:"), yaml)
        let positions = Dictionary(uniqueKeysWithValues: try inputs("corpus", .positions))
        XCTAssertEqual(FuzzTargets.run(.positions, positions["mixed.txt"]!), .accepted)
        guard case .refused(let utf8) = FuzzTargets.run(.positions, positions["invalid-utf8.txt"]!) else {
            return XCTFail("invalid UTF-8 accepted")
        }
        XCTAssertTrue(utf8.contains("UTF-8"), utf8)
        let configs = Dictionary(uniqueKeysWithValues: try inputs("corpus", .config))
        guard case .refused(let level) = FuzzTargets.run(.config, configs["bad-level.yml"]!) else {
            return XCTFail("bad level accepted")
        }
        XCTAssertTrue(level.contains(".postcheck.yml:2"), level)
        let inis = Dictionary(uniqueKeysWithValues: try inputs("corpus", .valeini))
        guard case .refused(let section) = FuzzTargets.run(.valeini, inis["bad-section.ini"]!) else {
            return XCTFail("bad section accepted")
        }
        XCTAssertTrue(section.contains(".vale.ini:"), section)
    }
}
