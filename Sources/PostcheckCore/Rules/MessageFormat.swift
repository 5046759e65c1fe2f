/// Formats a rule message the way Vale does (Go's `fmt.Sprintf` subset): `%s`, `%d`, `%v`, `%q`, positional
/// `%[n]s`, and `%%`. Missing arguments print as nothing and extra ones are dropped, so a message never shows
/// formatting debris.
public func formatMessage(_ template: String, _ arguments: [String]) -> String {
    // Every piece of the syntax is ASCII, so the template is read as bytes; one without `%` is the message itself.
    guard template.utf8.contains(UInt8(ascii: "%")) else { return template }
    let bytes = Array(template.utf8)
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + arguments.reduce(0) { $0 + $1.utf8.count })
    var next = 0
    var position = 0
    func nextByte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }
    while let byte = nextByte() {
        guard byte == UInt8(ascii: "%") else {
            output.append(byte)
            continue
        }
        guard var verb = nextByte() else {
            output.append(UInt8(ascii: "%"))
            break
        }
        if verb == UInt8(ascii: "%") {
            output.append(UInt8(ascii: "%"))
            continue
        }
        var index = next
        if verb == UInt8(ascii: "[") {
            var digits: [UInt8] = []
            while let digit = nextByte(), digit != UInt8(ascii: "]") { digits.append(digit) }
            index = (Int(String(decoding: digits, as: UTF8.self)) ?? 1) - 1
            guard let after = nextByte() else { break }
            verb = after
        }
        // Width/flags (e.g. `%.2f`) are accepted and ignored.
        while ".0123456789+-# ".utf8.contains(verb), let after = nextByte() { verb = after }
        let argument = index >= 0 && index < arguments.count ? arguments[index] : ""
        switch verb {
        case UInt8(ascii: "q"):
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: argument.utf8)
            output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "v"), UInt8(ascii: "f"), UInt8(ascii: "g"):
            output.append(contentsOf: argument.utf8)
        default:
            output.append(UInt8(ascii: "%"))
            output.append(verb)
            continue
        }
        next = index + 1
    }
    return String(decoding: output, as: UTF8.self)
}
