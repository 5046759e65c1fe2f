import Yams

/// A metadata value from a draft's YAML front matter, kept with its structure so that outputs can repeat it.
public indirect enum MetadataValue: Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case list([MetadataValue])
    case map([String: MetadataValue])
    case null

    public var stringValue: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number.rounded() == number ? String(Int(number)) : String(number)
        case .bool(let flag): String(flag)
        default: nil
        }
    }
}

/// YAML front matter at the very top of a draft (`---` … `---` or `...`): metadata, not checked as text.
public struct FrontMatter: Sendable {
    /// Byte range of the whole block including both fence lines.
    public let range: Range<Int>
    public let values: [String: MetadataValue]

    public subscript(key: String) -> MetadataValue? { values[key] }
}

/// Front matter that is present but not a YAML mapping.
public struct FrontMatterError: Error, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let message: String
    public var description: String { "front matter, line \(line), column \(column): \(message)" }
}

enum FrontMatterParser {
    /// Finds and parses front matter. Returns nil when the draft has none.
    static func parse(_ source: SourceText) throws(FrontMatterError) -> FrontMatter? {
        guard source.lineCount >= 2, source.string(source.lineContentRange(0)) == "---" else { return nil }
        var closing: Int? = nil
        for line in 1..<source.lineCount {
            let text = source.string(source.lineContentRange(line))
            if text == "---" || text == "..." { closing = line; break }
        }
        guard let closing else { return nil }
        let yamlRange = source.lineStarts[1]..<source.lineStarts[closing]
        let end = closing + 1 < source.lineCount ? source.lineStarts[closing + 1] : source.bytes.count
        guard yamlRange.count <= maximumBytes else {
            throw FrontMatterError(
                line: 2, column: 1, message: "front matter is over \(maximumBytes / 1024) KB: metadata, not a document")
        }
        let yaml = source.string(yamlRange)
        let node: Node?
        do {
            // Values are typed when converted (`Node.typed`, not Yams' resolver and its regular expressions). The
            // encoding is named: Yams' default reads the whole process environment on every parse, which was a
            // seventh of checking a post.
            node = try Yams.compose(yaml: yaml, .basic, .default, .utf8)
        } catch let error as YamlError {
            let (line, column, message) = describe(error)
            throw FrontMatterError(line: line + 1, column: column, message: message)
        } catch {
            throw FrontMatterError(line: 2, column: 1, message: "\(error)")
        }
        guard let node else { return FrontMatter(range: 0..<end, values: [:]) }
        guard case .mapping(let mapping) = node else {
            throw FrontMatterError(
                line: (node.mark?.line ?? 1) + 1, column: node.mark?.column ?? 1,
                message: "front matter must be a mapping of keys to values")
        }
        var values: [String: MetadataValue] = [:]
        var budget = maximumNodes
        for (key, value) in mapping {
            guard let converted = convert(value, budget: &budget) else {
                throw FrontMatterError(
                    line: 2, column: 1,
                    message:
                        "front matter expands to more than \(maximumNodes) values (aliases of aliases?): refused, as for rules and configurations"
                )
            }
            values[key.string ?? "\(key)"] = converted
        }
        return FrontMatter(range: 0..<end, values: values)
    }

    /// A post's metadata is a few dozen values. An alias bomb (anchors that repeat each other, `a: &a [x, x]`,
    /// `b: &b [*a, *a]`…) is a few hundred bytes that expand to billions of values: each value converted counts
    /// against this budget, and the draft is refused when it runs out.
    static let maximumNodes = 10_000
    static let maximumBytes = 64 * 1024

    static func convert(_ node: Node, budget: inout Int) -> MetadataValue? {
        budget -= 1
        guard budget >= 0 else { return nil }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                let typed = node.typed
                if typed.null != nil { return .null }
                if let flag = typed.bool { return .bool(flag) }
                if let number = typed.float { return .number(number) }
            }
            return .string(scalar.string)
        case .sequence(let sequence):
            var list: [MetadataValue] = []
            for item in sequence {
                guard let value = convert(item, budget: &budget) else { return nil }
                list.append(value)
            }
            return .list(list)
        case .mapping(let mapping):
            var map: [String: MetadataValue] = [:]
            for (key, value) in mapping {
                guard let converted = convert(value, budget: &budget) else { return nil }
                map[key.string ?? "\(key)"] = converted
            }
            return .map(map)
        case .alias: return .null
        }
    }
}

/// Line (1-based), column and message of a Yams error.
func describe(_ error: YamlError) -> (line: Int, column: Int, message: String) {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
        .composer(let context, let problem, let mark, _):
        let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return (mark.line, mark.column, text)
    case .duplicatedKeysInMapping(let duplicates, let context):
        return (context.mark.line, context.mark.column, "duplicate key \(duplicates.joined(separator: ", "))")
    default:
        return (1, 1, "\(error)")
    }
}
