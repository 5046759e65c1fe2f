import Foundation
import XCTest

@testable import PostcheckCore

/// Each rule kind documents itself: every key it takes, and an example that is run here. docs/rule-kinds.md is
/// generated from that documentation and must be current.
final class RuleKindReferenceTests: XCTestCase {
    private let registry = RuleKindRegistry.standard

    func testEveryKindDocumentsEachOfItsKeys() {
        for name in registry.names {
            let kind = registry.kind(named: name)!
            let documentation = kind.documentation
            XCTAssertFalse(documentation.summary.isEmpty, "\(name) has no documentation")
            XCTAssertEqual(Set(documentation.keys.map(\.name)), kind.keys, "\(name): documented keys and taken keys")
            XCTAssertEqual(documentation.keys.count, kind.keys.count, "\(name) documents a key twice")
            XCTAssertFalse(documentation.triggering.isEmpty || documentation.nonTriggering.isEmpty, name)
            XCTAssertTrue(documentation.example.hasPrefix("extends: \(name)\n"), "\(name)'s example is of its kind")
        }
    }

    /// The examples flag exactly where `↓` says, also after an emoji and in NFD, and leave the rest alone.
    func testEveryKindsExampleFlagsWhatItSays() throws {
        for name in registry.names {
            let documentation = registry.kind(named: name)!.documentation
            // A metric's finding sits on the draft's first character, which an emoji put before it would become.
            try verifyRule(
                documentation.example, triggering: documentation.triggering,
                nonTriggering: documentation.nonTriggering, prefixed: name != "metric")
        }
    }

    func testTheGeneratedReferenceIsCurrent() throws {
        let file = repositoryRoot.appendingPathComponent("docs/rule-kinds.md")
        let generated = registry.referenceMarkdown()
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(generated.utf8).write(to: file)
        }
        let committed = try String(contentsOf: file, encoding: .utf8)
        XCTAssertEqual(
            committed, generated,
            "docs/rule-kinds.md is stale: UPDATE_GOLDEN=1 swift test --filter RuleKindReferenceTests")
    }
}
