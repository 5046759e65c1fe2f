/// Writes JSON text straight into a byte buffer, one value after another, in postcheck's fixed layout: two spaces
/// per level, one member or element per line, `[]` and `{}` for empty containers. Reports can hold hundreds of
/// thousands of findings, so they are written as they are read instead of being built as a tree first.
///
/// Containers are opened and closed explicitly; inside an object, `key(_:)` (or `key(named:)`) comes before each
/// value.
/// `compact` leaves out every line break and indent (one JSON document per line, as in a log).
public struct JSONTextWriter {
    public private(set) var bytes: [UInt8] = []
    private let compact: Bool
    /// The innermost open container: whether it is an object, and how many members or elements it has so far
    /// (kept apart from the outer ones, which wait on a stack, because every value looks at it).
    private var topIsObject = false
    private var topCount = 0
    private var depth = 0
    private var outer: [(isObject: Bool, count: Int)] = []

    public init(compact: Bool = false, reservingCapacity capacity: Int = 0) {
        self.compact = compact
        bytes.reserveCapacity(capacity)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text written since the last call, handed over and forgotten (a streamed report is written out in
    /// pieces); the open containers stay open.
    public mutating func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        taken.reserveCapacity(bytes.capacity)
        swap(&taken, &bytes)
        return taken
    }

    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        push(isObject: true)
    }

    public mutating func endObject() { close(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        push(isObject: false)
    }

    private mutating func push(isObject: Bool) {
        if depth > 0 { outer.append((topIsObject, topCount)) }
        depth += 1
        topIsObject = isObject
        topCount = 0
    }

    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// The name of the next member of the open object, made at run time.
    public mutating func key(named name: String) {
        startEntry()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        if !compact { bytes.append(UInt8(ascii: " ")) }
    }

    /// A member name written in the code, which needs no escaping (reports write a dozen per finding).
    public mutating func key(_ name: StaticString) {
        startEntry()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        let end: StaticString = compact ? "\":" : "\": "
        bytes.append(contentsOf: UnsafeBufferPointer(start: end.utf8Start, count: end.utf8CodeUnitCount))
    }

    /// Ends the text with a line break (a document per line or per file).
    public mutating func newLineAtEnd() { bytes.append(UInt8(ascii: "\n")) }

    public mutating func string(_ text: String) {
        beforeValue()
        appendQuoted(text)
    }

    public mutating func int(_ number: Int) {
        beforeValue()
        appendDecimal(number)
    }

    public mutating func double(_ number: Double) {
        beforeValue()
        bytes.append(contentsOf: String(number).utf8)
    }

    public mutating func bool(_ flag: Bool) {
        beforeValue()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    public mutating func optionalString(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    public mutating func value(_ value: JSONValue) {
        switch value {
        case .string(let text): string(text)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .bool(let flag): bool(flag)
        case .null: null()
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let fields):
            beginObject()
            for (name, item) in fields {
                key(named: name)
                self.value(item)
            }
            endObject()
        }
    }

    /// An element of an array starts its own line; a member's value follows its key.
    @inline(__always)
    private mutating func beforeValue() {
        if depth > 0 && !topIsObject { startEntry() }
    }

    private mutating func startEntry() {
        guard depth > 0 else { return }
        if topCount > 0 { bytes.append(UInt8(ascii: ",")) }
        topCount += 1
        newLine(depth: depth)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadEntries = topCount > 0
        depth -= 1
        if let container = outer.popLast(), depth > 0 {
            (topIsObject, topCount) = container
        }
        if hadEntries { newLine(depth: depth) }
        bytes.append(bracket)
    }

    private mutating func newLine(depth: Int) {
        guard !compact else { return }
        // Written in place: copying a prepared indent out of a table of arrays retained and released that array
        // on every line (a dozen lines per finding).
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private mutating func appendDecimal(_ number: Int) {
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            // Int.min has no positive counterpart; String handles it.
            guard number != Int.min else {
                bytes.append(contentsOf: String(number).dropFirst().utf8)
                return
            }
            appendDecimal(-number)
            return
        }
        if number < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            while rest > 0 {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }

    /// `text` as a JSON string literal. Only bytes below 0x20, `"` and `\` are escaped; in UTF-8 those bytes are
    /// always whole characters, so text with none of them (nearly all) is copied in one piece.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            guard utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
