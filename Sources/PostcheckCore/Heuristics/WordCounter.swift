/// Words as postcheck counts them for densities and metrics: runs of letters and digits, with inner apostrophes
/// and hyphens (l'équipe, co-founder, zo'n), in any script. Emoji, hashtag marks and punctuation are not words.
enum WordCounter {
    static let pattern = try! RegexPattern("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*")

    static func words(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch) -> [Range<Int>] {
        ((try? pattern.matches(in: buffer, range: range, scratch: scratch)) ?? []).map(\.range)
    }

    /// The number of words, without keeping their ranges.
    static func count(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, scratch: MatchScratch) -> Int {
        var count = 0
        try? pattern.forEachMatch(in: buffer, range: range, scratch: scratch) { _ in count += 1 }
        return count
    }
}

/// A weighted pattern: what a density or requires rule looks for.
struct Cue: Sendable {
    let pattern: RegexPattern
    let weight: Double
    let label: String
}

extension YAMLFields {
    /// A list of cues: plain patterns (weight 1) or `{pattern, weight, label}` mappings; per language when the
    /// key holds a mapping of language codes.
    func cues(_ key: String, options: RegexOptions) throws(RuleFileError) -> [String: [Cue]]? {
        guard let perLanguage = try perLanguageNodes(key) else { return nil }
        var result: [String: [Cue]] = [:]
        for (language, node) in perLanguage {
            let items: [Yams.Node]
            switch node {
            case .sequence(let sequence): items = Array(sequence)
            case .scalar: items = [node]
            default: throw error(at: node, "'\(key)' is a list of patterns or {pattern, weight, label}")
            }
            var cues: [Cue] = []
            for item in items {
                var sources: [String]
                var weight = 1.0
                var label: String? = nil
                if case .mapping = item {
                    let entry = try YAMLFields(path: path, node: item, variables: variables)
                    try entry.rejectUnknownKeys(allowed: ["pattern", "weight", "label"], context: "a cue in '\(key)'")
                    guard let pattern = try entry.string("pattern") else { throw error(at: item, "a cue needs a 'pattern'") }
                    sources = [pattern]
                    weight = try entry.double("weight") ?? 1
                    label = try entry.string("label")
                } else if case .scalar = item {
                    // `{{brands}}` alone stands for each name as a literal, word-bounded.
                    let trimmed = item.string?.trimmingCharacters(in: [" "]) ?? ""
                    let whole = trimmed.hasPrefix("{{") && trimmed.hasSuffix("}}")
                    sources = try Self.strings(item, name: key, fields: self).map { whole ? "\\b" + $0 + "\\b" : $0 }
                } else {
                    throw error(at: item, "'\(key)' entries are patterns")
                }
                for source in sources {
                    let compiled: RegexPattern
                    do {
                        compiled = try RegexPattern(source, options: options.union(.multiline))
                    } catch {
                        throw self.error(at: item, "invalid regular expression '\(source)' in '\(key)': \(error.message) at offset \(error.offset)")
                    }
                    cues.append(Cue(pattern: compiled, weight: weight, label: label ?? source))
                }
            }
            result[language] = cues
        }
        return result
    }
}

import Yams
