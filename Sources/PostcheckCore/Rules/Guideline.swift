/// The parts of a company's posting guidelines that rules enforce. A rule names its part with `guideline:`; the
/// evaluation of real posts matches labels to rules through it, and the verdict treats leaks differently.
public enum Guideline: String, CaseIterable, Sendable, Codable {
    case competitors, humour, tone, promotional, disclosure, confidentiality
    case personalData = "personal-data"
    case debate, platform, style

    /// An error-level finding of these fails the draft whatever its score: a leak cannot be undone once posted,
    /// and a score of 75 "review" for an account number or a code name would let it through.
    public var failsOnError: Bool { self == .confidentiality || self == .personalData }
}
