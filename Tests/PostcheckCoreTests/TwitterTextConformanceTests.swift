import Foundation
import XCTest
import Yams

@testable import PostcheckCore

/// twitter-text's own conformance cases (../shared/platforms/twitter-text/validate.yml, Apache-2.0).
final class TwitterTextConformanceTests: XCTestCase {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
            "shared/platforms/twitter-text/validate.yml")

    private func run(_ group: String, configuration: TwitterTextConfiguration) throws -> (passed: Int, total: Int) {
        guard let text = try? String(contentsOf: Self.file, encoding: .utf8) else {
            XCTFail("needs ../shared/platforms/twitter-text/validate.yml next to the repository")
            return (0, 0)
        }
        let document = try XCTUnwrap(try Yams.load(yaml: text) as? [String: Any])
        let cases = try XCTUnwrap((document["tests"] as? [String: Any])?[group] as? [[String: Any]])
        var passed = 0
        for testCase in cases {
            let input = testCase["text"] as! String
            let expected = testCase["expected"] as! [String: Any]
            let result = TwitterText.parse(input, configuration: configuration)
            let got: [String: Any] = [
                "weightedLength": result.weightedLength, "valid": result.valid, "permillage": result.permillage,
                "displayRangeStart": result.displayRange.lowerBound, "displayRangeEnd": result.displayRange.upperBound,
                "validRangeStart": result.validRange.lowerBound, "validRangeEnd": result.validRange.upperBound,
            ]
            var ok = true
            for (key, value) in expected where "\(got[key]!)" != "\(value)" {
                ok = false
                XCTFail("\(group) '\(testCase["description"]!)': \(key) is \(got[key]!), expected \(value)")
            }
            if ok { passed += 1 }
        }
        print("twitter-text \(group): \(passed) of \(cases.count) cases pass")
        return (passed, cases.count)
    }

    func testWeightedTweetsCounter() throws {
        let (passed, total) = try run("WeightedTweetsCounterTest", configuration: .v2)
        XCTAssertEqual(passed, total)
        XCTAssertEqual(total, 20)
    }

    func testWeightedTweetsWithDiscountedEmoji() throws {
        let (passed, total) = try run("WeightedTweetsWithDiscountedEmojiCounterTest", configuration: .v3)
        XCTAssertEqual(passed, total)
    }

    func testUnicodeDirectionalMarkers() throws {
        let (passed, total) = try run("UnicodeDirectionalMarkerCounterTest", configuration: .v3)
        XCTAssertEqual(passed, total)
    }

    func testPunycode() {
        XCTAssertEqual(Punycode.encode("bücher"), "bcher-kva")
        XCTAssertEqual(Punycode.encode("münchen"), "mnchen-3ya")
    }
}
