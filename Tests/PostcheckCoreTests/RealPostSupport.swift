import Foundation
import XCTest

@testable import PostcheckCore

/// The repository's top folder (for the bundled packs in `Rules/` and the labelled posts in `Fixtures/posts`).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A linter over the bundled packs, as `postcheck` builds it: the bundled default without a configuration text,
/// else the configuration read from `configuration` (as if it were `.postcheck.yml` in `folder`).
func bundledLinter(configuration text: String? = nil, folder: URL = repositoryRoot) throws -> Linter {
    let loader = ConfigurationLoader(bundledRulesDirectory: repositoryRoot.appendingPathComponent("Rules").path)
    let configuration =
        try text.map {
            try loader.read(
                $0, path: folder.appendingPathComponent(".postcheck.yml").path, displayPath: ".postcheck.yml")
        } ?? loader.builtin(baseDirectory: folder.path)
    return try Linter(configuration: configuration)
}

/// Checks one post (plain text) and returns the result.
func check(_ text: String, language: String, platform: String? = nil, with linter: Linter) throws -> CheckResult {
    let draft = try Draft(path: "post.txt", text: text, format: .plainText)
    return linter.check(
        draft, relativePath: "post.txt", scratch: MatchScratch(), language: language, platform: platform)
}

/// The rule ids of a result's findings at warning or above.
func flags(_ result: CheckResult) -> [String] { result.findings.filter { $0.severity >= .warning }.map(\.ruleID) }

/// Asserts that each post (text, language) gets a warning or error of one of `rules` (`expected`), or of none.
func assertFlags(
    _ rules: Set<String>, _ expected: Bool, _ posts: [(String, String)], with linter: Linter,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    for (text, language) in posts {
        let found = Set(flags(try check(text, language: language, with: linter)))
        XCTAssertEqual(!found.isDisjoint(with: rules), expected, "\(text): \(found.sorted())", file: file, line: line)
    }
}

/// The company configuration the real-style posts are labelled under.
let companyConfiguration = """
    names:
      company: Acme
      brands: [Acme Cloud, Acme Mail]
      competitors: [Globex, Initech]
      codenames: [Roadrunner]
    policy:
      competitors: neutral-only
      humour: avoid
    """
