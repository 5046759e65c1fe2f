import Foundation

/// The arithmetic of `metric` formulas: numbers, variables, `+ - * /`, parentheses, unary minus, and the functions
/// `sqrt` (also `math.sqrt`), `round(x[, digits])`, `min`, `max`, `abs`, `log`. Parsed once when the rule loads.
indirect enum Expression: Sendable {
    case number(Double)
    case variable(String)
    case unary(Expression)
    case binary(Character, Expression, Expression)
    case call(String, [Expression])

    struct ParseError: Error { let message: String; let offset: Int }

    static let functions: Set<String> = ["sqrt", "round", "min", "max", "abs", "log"]

    static func parse(_ text: String, variables: Set<String>) throws(ParseError) -> Expression {
        var parser = Parser(characters: Array(text), variables: variables)
        let expression = try parser.expression()
        parser.skipSpaces()
        guard parser.index == parser.characters.count else {
            throw ParseError(message: "unexpected '\(parser.characters[parser.index])'", offset: parser.index)
        }
        return expression
    }

    /// The value, or nil when it is undefined (division by zero, a missing variable).
    func evaluate(_ values: [String: Double]) -> Double? {
        switch self {
        case .number(let value): return value
        case .variable(let name): return values[name]
        case .unary(let inner): return inner.evaluate(values).map { -$0 }
        case .binary(let operation, let left, let right):
            guard let a = left.evaluate(values), let b = right.evaluate(values) else { return nil }
            switch operation {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            default: return b == 0 ? nil : a / b
            }
        case .call(let name, let arguments):
            let values = arguments.compactMap { $0.evaluate(values) }
            guard values.count == arguments.count, let first = values.first else { return nil }
            switch name {
            case "sqrt": return first < 0 ? nil : first.squareRoot()
            case "abs": return abs(first)
            case "log": return first <= 0 ? nil : Foundation.log(first)
            case "min": return values.min()
            case "max": return values.max()
            default:
                let scale = pow10(values.count > 1 ? Int(values[1]) : 0)
                return (first * scale).rounded() / scale
            }
        }
    }

    private func pow10(_ digits: Int) -> Double { (0..<max(0, digits)).reduce(1.0) { result, _ in result * 10 } }

    struct Parser {
        let characters: [Character]
        let variables: Set<String>
        var index = 0

        mutating func skipSpaces() { while index < characters.count && characters[index].isWhitespace { index += 1 } }

        mutating func expression() throws(ParseError) -> Expression {
            var left = try term()
            while true {
                skipSpaces()
                guard index < characters.count, characters[index] == "+" || characters[index] == "-" else {
                    return left
                }
                let operation = characters[index]
                index += 1
                left = .binary(operation, left, try term())
            }
        }

        mutating func term() throws(ParseError) -> Expression {
            var left = try factor()
            while true {
                skipSpaces()
                guard index < characters.count, characters[index] == "*" || characters[index] == "/" else {
                    return left
                }
                let operation = characters[index]
                index += 1
                left = .binary(operation, left, try factor())
            }
        }

        mutating func factor() throws(ParseError) -> Expression {
            skipSpaces()
            guard index < characters.count else {
                throw ParseError(message: "the formula ends too early", offset: index)
            }
            let character = characters[index]
            if character == "-" {
                index += 1
                return .unary(try factor())
            }
            if character == "(" {
                index += 1
                let inner = try expression()
                skipSpaces()
                guard index < characters.count, characters[index] == ")" else {
                    throw ParseError(message: "missing ')'", offset: index)
                }
                index += 1
                return inner
            }
            if character.isNumber || character == "." {
                let start = index
                while index < characters.count && (characters[index].isNumber || characters[index] == ".") {
                    index += 1
                }
                guard let value = Double(String(characters[start..<index])) else {
                    throw ParseError(message: "invalid number", offset: start)
                }
                return .number(value)
            }
            if character.isLetter || character == "_" {
                let start = index
                while index < characters.count
                    && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
                        || characters[index] == ".")
                { index += 1 }
                var name = String(characters[start..<index])
                if name.hasPrefix("math.") { name.removeFirst(5) }
                name = name.replacingOccurrences(".", "_")  // Vale writes heading.h2 for heading_h2
                skipSpaces()
                if index < characters.count && characters[index] == "(" {
                    guard Expression.functions.contains(name) else {
                        throw ParseError(message: "unknown function '\(name)'", offset: start)
                    }
                    index += 1
                    var arguments: [Expression] = []
                    skipSpaces()
                    if index < characters.count && characters[index] != ")" {
                        arguments.append(try expression())
                        skipSpaces()
                        while index < characters.count && characters[index] == "," {
                            index += 1
                            arguments.append(try expression())
                            skipSpaces()
                        }
                    }
                    guard index < characters.count, characters[index] == ")", !arguments.isEmpty else {
                        throw ParseError(message: "bad arguments to '\(name)'", offset: index)
                    }
                    index += 1
                    return .call(name, arguments)
                }
                guard variables.contains(name) else {
                    throw ParseError(
                        message: "unknown variable '\(name)' (known: \(variables.sorted().joined(separator: ", ")))",
                        offset: start)
                }
                return .variable(name)
            }
            throw ParseError(message: "unexpected '\(character)'", offset: index)
        }
    }
}
