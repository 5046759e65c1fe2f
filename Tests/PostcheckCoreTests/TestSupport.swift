import Foundation
import XCTest

@testable import PostcheckCore

/// Compiles a single rule from YAML text.
func compileRule(_ yaml: String, id: String = "Test.Rule", accepted: [String] = []) throws -> any CompiledRule {
    try RuleLoader().compileRule(
        id: id, path: "Test/Rule.yml", text: yaml,
        context: RuleCompileContext(acceptedTerms: accepted))
}

/// Runs one rule on a draft and returns its findings with 1-based line/column (code points).
func findings(
    _ rule: any CompiledRule, on text: String, format: DraftFormat = .markdown
) throws
    -> [(line: Int, column: Int, match: String, message: String, finding: Finding)]
{
    let draft = try Draft(path: "t.md", text: text, format: format)
    var configuration = Configuration(source: .builtin, baseDirectory: "/")
    configuration.minSeverity = .suggestion
    let scratch = MatchScratch()
    var cache: [Int: [Range<Int>]] = [:]
    let subjects = Linter.subjects(
        for: rule.header.scope, in: draft, blockParts: draft.blocks.map(\.scopeParts), sentences: &cache)
    let language =
        draft.declaredLanguage.map(LanguageDetector.normalize)
        ?? LanguageDetector.detect(String(decoding: draft.masked[draft.bodyRange], as: UTF8.self)).language
    let findings = try draft.masked.withUnsafeBufferPointer { masked in
        try draft.source.bytes.withUnsafeBufferPointer { raw in
            try rule.check(
                CheckInput(
                    draft: draft, subjects: subjects, masked: masked, raw: raw, scratch: scratch,
                    language: language))
        }
    }
    return findings.sorted { $0.range.lowerBound < $1.range.lowerBound }.map {
        var finding = $0
        finding.range = draft.originalRange(finding.range)
        finding.match = draft.original.string(finding.range)
        let location = draft.original.location(of: finding.range.lowerBound)
        return (location.line, location.column, finding.match, finding.message, finding)
    }
}

/// SwiftLint-style verification: `↓` marks where each finding must start. Every example is also checked with an
/// emoji prepended (multi-byte offsets) and in Unicode NFD (combining marks), where positions must move accordingly.
///
/// `prefixed: false` leaves out the emoji prefix, for a rule whose finding sits on the draft's first character
/// (a metric), which the prefix itself becomes.
func verifyRule(
    _ yaml: String, triggering: [String], nonTriggering: [String], prefixed: Bool = true,
    file: StaticString = #filePath, line: UInt = #line
) throws {
    let rule = try compileRule(yaml)
    let forms = { (example: String) in
        prefixed ? variants(of: example) : [example, example.decomposedStringWithCanonicalMapping]
    }
    for example in nonTriggering {
        for variant in forms(example) {
            let found = try findings(rule, on: variant)
            XCTAssertTrue(
                found.isEmpty, "expected no finding in \(variant.debugDescription), got \(found.map(\.match))",
                file: file, line: line)
        }
    }
    for example in triggering {
        for variant in forms(example) {
            let (text, expected) = markers(in: variant)
            let found = try findings(rule, on: text).map { "\($0.line):\($0.column)" }
            XCTAssertEqual(found, expected, "findings in \(text.debugDescription)", file: file, line: line)
        }
    }
}

/// The example as written, with an emoji prefix (after the front matter, if any), and in NFD.
func variants(of example: String) -> [String] {
    var prefixed = "👩🏽‍💻 " + example
    if example.hasPrefix("---\n"),
        let close = example.range(
            of: "\n---\n", range: example.index(example.startIndex, offsetBy: 3)..<example.endIndex)
    {
        prefixed = String(example[..<close.upperBound]) + "👩🏽‍💻 " + String(example[close.upperBound...])
    }
    return [example, prefixed, example.decomposedStringWithCanonicalMapping]
}

/// Removes `↓` markers and returns the text and the `line:column` of each marker (code points).
func markers(in text: String) -> (String, [String]) {
    var clean = ""
    var positions: [String] = []
    var line = 1
    var column = 1
    for scalar in text.unicodeScalars {
        if scalar == "↓" {
            positions.append("\(line):\(column)")
            continue
        }
        clean.unicodeScalars.append(scalar)
        if scalar == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }
    return (clean, positions)
}

extension XCTestCase {
    /// A fresh temporary folder, removed with everything in it when the test ends.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("postcheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

func write(_ text: String, to url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
}

/// The package's root folder (for its sample drafts and bundled packs).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
