/// Formats a rule message the way Vale does (Go's `fmt.Sprintf` subset): `%s`, `%d`, `%v`, `%q`, positional
/// `%[n]s`, and `%%`. Missing arguments print as nothing and extra ones are dropped, so a message never shows
/// formatting debris.
public func formatMessage(_ template: String, _ arguments: [String]) -> String {
    var output = ""
    var next = 0
    var iterator = template.makeIterator()
    var pending: Character? = nil
    func nextCharacter() -> Character? {
        if let character = pending {
            pending = nil
            return character
        }
        return iterator.next()
    }
    while let character = nextCharacter() {
        guard character == "%" else {
            output.append(character)
            continue
        }
        guard var verb = nextCharacter() else {
            output.append("%")
            break
        }
        if verb == "%" {
            output.append("%")
            continue
        }
        var index = next
        if verb == "[" {
            var digits = ""
            while let digit = nextCharacter(), digit != "]" { digits.append(digit) }
            index = (Int(digits) ?? 1) - 1
            guard let after = nextCharacter() else { break }
            verb = after
        }
        // Width/flags (e.g. `%.2f`) are accepted and ignored.
        while ".0123456789+-# ".contains(verb), let after = nextCharacter() { verb = after }
        let argument = index >= 0 && index < arguments.count ? arguments[index] : ""
        switch verb {
        case "q": output.append("\"\(argument)\"")
        case "s", "d", "v", "f", "g": output.append(argument)
        default:
            output.append("%")
            output.append(verb)
            continue
        }
        next = index + 1
    }
    return output
}
