/// The kinds a loader knows, by `extends:` name.
public struct RuleKindRegistry: Sendable {
    private var kinds: [String: any RuleKind.Type] = [:]

    public init(_ kinds: [any RuleKind.Type] = []) {
        for kind in kinds { register(kind) }
    }

    public mutating func register(_ kind: any RuleKind.Type) {
        kinds[kind.name] = kind
    }

    public func kind(named name: String) -> (any RuleKind.Type)? { kinds[name] }

    public var names: [String] { kinds.keys.sorted() }

    /// The Vale-compatible kinds.
    public static let standard = RuleKindRegistry([
        ExistenceRule.self, SubstitutionRule.self, OccurrenceRule.self, RepetitionRule.self, ConsistencyRule.self,
        ConditionalRule.self, CapitalizationRule.self, LexiconRule.self, DensityRule.self, RequiresRule.self,
        LengthRule.self, MetricRule.self,
    ])
}
