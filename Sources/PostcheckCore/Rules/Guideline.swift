/// The parts of a company's posting guidelines that rules enforce. A rule names its part with `guideline:`; the
/// evaluation of real posts matches labels to rules through it, and a validated finding gives way only to a more
/// specific one of the same part.
public enum Guideline: String, CaseIterable, Sendable, Codable {
    case competitors, humour, tone, promotional, disclosure, confidentiality
    case personalData = "personal-data"
    case debate, platform, style
}
