import Foundation
import XCTest

/// The bundled heuristics measured on the labelled development sets (../shared/eval); figures in EVALUATION.md.
final class EvalTests: XCTestCase {
    func testFloorsOnTheDevelopmentSets() throws {
        let data = sharedFolder.appendingPathComponent("eval")
        guard FileManager.default.fileExists(atPath: data.path) else {
            return XCTFail("needs ../shared/eval next to the repository")
        }
        let result = try postcheck(["eval", "--data", data.path, "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let measures = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        func measure(_ prefix: String) -> [String: Any] { measures.first { ($0["set"] as! String).hasPrefix(prefix) }! }
        XCTAssertGreaterThanOrEqual(measure("humour: ColBERT")["f1"] as! Double, 0.75)
        XCTAssertGreaterThanOrEqual(measure("promotional: SMS")["f1"] as! Double, 0.80)
        for language in ["en", "nl"] {
            XCTAssertGreaterThanOrEqual(measure("profanity: HateCheck profanity cases (\(language))")["recall"] as! Double, 0.90, language)
        }
        // French: 88.8%; the rest are "se casser" and "défoncé", whose everyday senses would flag real posts (EVALUATION.md).
        XCTAssertGreaterThanOrEqual(measure("profanity: HateCheck profanity cases (fr)")["recall"] as! Double, 0.88)
        for language in ["en", "nl", "fr"] {
            XCTAssertLessThanOrEqual(measure("profanity: HateCheck neutral cases flagged (\(language))")["flagged"] as! Double, 0.10, language)
        }
        XCTAssertGreaterThan(measure("tone: negative in TweetEval")["correlation"] as! Double, 0.4)
    }
}
