import Yams

extension YAMLFields {
    /// Compiles a pattern built from the values of `keys`. When PCRE2 refuses it, finds the single entry at fault
    /// so that the error names its line, and reports PCRE2's message and offset within that entry.
    func compile(_ source: String, options: RegexOptions, from keys: [String]) throws(RuleFileError) -> RegexPattern {
        do {
            return try RegexPattern(source, options: options)
        } catch {
            for key in keys {
                guard let node = node(key) else { continue }
                for item in Self.scalarNodes(node) {
                    guard let text = item.string else { continue }
                    do {
                        _ = try RegexPattern("(?:\(text))", options: options)
                    } catch let itemError {
                        throw self.error(
                            at: item,
                            "invalid regular expression '\(Self.excerpt(text))' in '\(key)': \(itemError.message) at offset \(min(max(0, itemError.offset - 3), text.utf8.count))"
                        )
                    }
                }
            }
            throw self.error(
                at: keys.lazy.compactMap { self.node($0) }.first,
                "invalid regular expression: \(error.message) at offset \(error.offset) in /\(Self.excerpt(source))/")
        }
    }

    /// The start of a long pattern (a word list's alternation can be megabytes), to quote in an error.
    static func excerpt(_ source: String, limit: Int = 120) -> String {
        source.count <= limit ? source : String(source.prefix(limit)) + "… (\(source.utf8.count) bytes)"
    }

    static func scalarNodes(_ node: Node) -> [Node] {
        switch node {
        case .scalar: [node]
        case .sequence(let sequence): Array(sequence)
        case .mapping(let mapping): mapping.flatMap { [$0.key, $0.value] }
        case .alias: []
        }
    }
}

/// Turns capture groups into non-capturing ones, so that a rule can number its own groups (Vale does the same for
/// `swap` keys). Escapes, character classes and `(?…)` constructs are left alone.
func removingCaptureGroups(_ pattern: String) -> String {
    var output = ""
    var escaped = false
    var inClass = false
    let characters = Array(pattern)
    for (index, character) in characters.enumerated() {
        if escaped {
            escaped = false
            output.append(character)
            continue
        }
        if character == "\\" {
            escaped = true
            output.append(character)
            continue
        }
        if inClass {
            if character == "]" { inClass = false }
            output.append(character)
            continue
        }
        if character == "[" {
            inClass = true
            output.append(character)
            continue
        }
        if character == "(" && (index + 1 >= characters.count || characters[index + 1] != "?") {
            output.append("(?:")
            continue
        }
        output.append(character)
    }
    return output
}
