/// A file glob, compiled to a PCRE2 pattern.
/// - `.path` (postcheck's `overrides.files`): `*` and `?` stay within one folder, `**` crosses folders, and a
///   pattern without `/` matches the file name in any folder (as in `.gitignore`).
/// - `.vale` (`.vale.ini` sections): `*` matches any characters including `/`, as Vale's globs do.
/// Both know `{a,b}` alternatives and `[…]` classes; a leading `!` negates.
struct Glob: Sendable {
    enum Mode: Sendable { case path, vale }

    let pattern: String
    let regex: RegexPattern
    let negated: Bool

    struct ParseError: Error, CustomStringConvertible {
        let pattern: String
        let message: String
        var description: String { "invalid glob '\(pattern)': \(message)" }
    }

    init(_ pattern: String, mode: Mode) throws(ParseError) {
        self.pattern = pattern
        var body = Substring(pattern)
        negated = body.hasPrefix("!")
        if negated { body = body.dropFirst() }
        var regex = ""
        if mode == .path && !body.contains("/") { regex += "(?:.*/)?" }
        if body.hasPrefix("./") { body = body.dropFirst(2) }
        let characters = Array(body)
        var index = 0
        var braceDepth = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count && characters[index + 1] == "*" {
                    if index + 2 < characters.count && characters[index + 2] == "/" {
                        regex += "(?:.*/)?"
                        index += 3
                    } else {
                        regex += ".*"
                        index += 2
                    }
                    continue
                }
                regex += mode == .path ? "[^/]*" : ".*"
            case "?": regex += mode == .path ? "[^/]" : "."
            case "{":
                braceDepth += 1
                regex += "(?:"
            case "}" where braceDepth > 0:
                braceDepth -= 1
                regex += ")"
            case "," where braceDepth > 0: regex += "|"
            case "[":
                guard let close = characters[(index + 1)...].firstIndex(of: "]") else {
                    throw ParseError(pattern: pattern, message: "unclosed '['")
                }
                var set = String(characters[(index + 1)..<close])
                if set.hasPrefix("!") { set = "^" + set.dropFirst() }
                regex += "[" + set.replacingOccurrencesOfBackslash() + "]"
                index = close
            case "\\":
                if index + 1 < characters.count {
                    regex += RegexPattern.escape(String(characters[index + 1]))
                    index += 1
                }
            default:
                regex += RegexPattern.escape(String(character))
            }
            index += 1
        }
        guard braceDepth == 0 else { throw ParseError(pattern: pattern, message: "unclosed '{'") }
        do {
            self.regex = try RegexPattern("^" + regex + "$")
        } catch {
            throw ParseError(pattern: pattern, message: error.message)
        }
    }

    /// Whether a relative path (with `/` separators) matches.
    func matches(_ path: String) -> Bool {
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        let matched = (try? regex.isMatch(String(relative))) ?? false
        return matched != negated
    }
}

extension String {
    fileprivate func replacingOccurrencesOfBackslash() -> String {
        var out = ""
        for character in self {
            if character == "\\" { out += "\\\\" } else { out.append(character) }
        }
        return out
    }
}
