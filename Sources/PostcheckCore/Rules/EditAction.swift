/// Vale's `action: {name: edit, params: […]}` operations, applied to a matched text to give its replacement:
/// `regex <pattern> <replacement>` (`$1`… refer to groups), `trim_right|trim_left|trim <characters>`,
/// `truncate <separator>`, `split <separator> <index>`.
enum EditAction {
    static func apply(_ params: [String], to text: String) -> String? {
        guard let operation = params.first else { return nil }
        let arguments = Array(params.dropFirst())
        switch operation {
        case "regex":
            guard arguments.count == 2, let pattern = try? RegexPattern(arguments[0]) else { return nil }
            let bytes = Array(text.utf8)
            guard
                let match = try? bytes.withUnsafeBufferPointer({ buffer in
                    try pattern.matches(
                        in: buffer, range: 0..<buffer.count, scratch: .forCurrentThread, captureGroups: true
                    ).first
                })
            else { return text }
            var replacement = ""
            var characters = Array(arguments[1])
            var index = 0
            while index < characters.count {
                if characters[index] == "$", index + 1 < characters.count,
                    let digit = characters[index + 1].wholeNumberValue
                {
                    if let group = match.group(digit) { replacement += String(decoding: bytes[group], as: UTF8.self) }
                    index += 2
                    continue
                }
                replacement.append(characters[index])
                index += 1
            }
            characters.removeAll()
            return String(decoding: bytes[..<match.range.lowerBound], as: UTF8.self) + replacement
                + String(decoding: bytes[match.range.upperBound...], as: UTF8.self)
        case "trim_right", "trim_left", "trim":
            let set = Set(arguments.first ?? " ")
            var result = Substring(text)
            if operation != "trim_left" { while let last = result.last, set.contains(last) { result.removeLast() } }
            if operation != "trim_right" {
                while let first = result.first, set.contains(first) { result.removeFirst() }
            }
            return String(result)
        case "truncate":
            guard let separator = arguments.first, !separator.isEmpty else { return nil }
            guard let range = text.range(of: separator) else { return text }
            return String(text[..<range.lowerBound])
        case "split":
            guard arguments.count == 2, let index = Int(arguments[1]), !arguments[0].isEmpty else { return nil }
            let parts = text.components(separatedByString: arguments[0])
            return index >= 0 && index < parts.count ? parts[index] : nil
        default:
            return nil
        }
    }
}

extension String {
    func components(separatedByString separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.range(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
