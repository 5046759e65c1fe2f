/// What a rule kind says about itself: a summary, each key with its type and meaning, and one example rule with
/// texts it flags and texts it leaves alone. The rule-kind reference (`docs/rule-kinds.md`) is generated from
/// these, a test fails when that file is stale or when a kind takes a key it does not document, and every example
/// is run as a test (SwiftLint's triggering and non-triggering examples).
public struct RuleKindDocumentation: Sendable {
    public struct Key: Sendable {
        public let name: String
        public let type: String
        public let meaning: String

        public init(_ name: String, _ type: String, _ meaning: String) {
            self.name = name
            self.type = type
            self.meaning = meaning
        }
    }

    public let summary: String
    /// Whether Vale has the kind too (postcheck reads Vale's rule files for the kinds they share).
    public let sharedWithVale: Bool
    public let keys: [Key]
    /// A whole rule file of the kind.
    public let example: String
    /// Drafts the example flags, with `↓` where each finding starts; and drafts it does not flag.
    public let triggering: [String]
    public let nonTriggering: [String]

    public init(
        summary: String, sharedWithVale: Bool, keys: [Key], example: String, triggering: [String],
        nonTriggering: [String]
    ) {
        self.summary = summary
        self.sharedWithVale = sharedWithVale
        self.keys = keys
        self.example = example
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    /// For a kind that documents nothing (a test's own kind): the reference test names it.
    public static let none = RuleKindDocumentation(
        summary: "", sharedWithVale: false, keys: [], example: "", triggering: [], nonTriggering: [])
}

extension RuleKindRegistry {
    /// The rule-kind reference in Markdown: Vale's kinds, then postcheck's, each with its keys and example.
    public func referenceMarkdown() -> String {
        var text = """
            # Rule kinds

            Generated from the kinds' own documentation (`static let documentation` in
            `Sources/PostcheckCore/Rules/Kinds/`): do not edit by hand. Regenerate with
            `UPDATE_GOLDEN=1 swift test --disable-swift-testing --filter RuleKindReferenceTests`. Every rule also takes
            the common keys of docs/rules.md (`extends`, `message`, `level`, `description`, `link`, `scope`, `limit`,
            `action`, `guideline`, `languages`, `tests`). Each example below is run as a test.

            """
        let kinds = names.compactMap { kind(named: $0) }
        for shared in [true, false] {
            text += shared ? "\n## Kinds shared with Vale\n" : "\n## postcheck's own kinds\n"
            for kind in kinds where kind.documentation.sharedWithVale == shared {
                let documentation = kind.documentation
                text += "\n### `\(kind.name)`\n\n\(documentation.summary)\n\n| key | type | meaning |\n|---|---|---|\n"
                for key in documentation.keys {
                    let meaning = key.meaning.replacingOccurrences(of: "|", with: "\\|")
                    text += "| `\(key.name)` | \(key.type) | \(meaning) |\n"
                }
                text += "\n```yaml\n\(documentation.example)```\n\nFlags (`↓` marks where each finding starts):\n"
                for example in documentation.triggering { text += "\n```text\n\(example)\n```\n" }
                text += "\nLeaves alone:\n"
                for example in documentation.nonTriggering { text += "\n```text\n\(example)\n```\n" }
            }
        }
        return text
    }
}
