/// Factors a long list of literal tokens into one trie-shaped pattern (`ab(?:c|d)` for `abc`, `abd`), so that PCRE2
/// follows one path per position instead of trying every token: word lists of hundreds or thousands of terms
/// (alex, proselint, profanity lists) then cost about as much as a few words. Tokens that use regex syntax stay
/// alternatives of their own. Where several tokens match at one place the longest wins, which is also what the
/// word boundary after the group would make the original alternation settle on.
enum TokenTrie {
    /// A token without regex syntax (`\ ^ $ . | ? * + ( ) [ ] { }`), which can go into the trie.
    static func isLiteral(_ token: String) -> Bool {
        !token.isEmpty && !token.utf8.contains(where: isMetaByte)
    }

    /// Keyed by code point, which is also what PCRE2 matches on (in UTF mode).
    final class Node {
        var children: [Unicode.Scalar: Node] = [:]
        var terminal = false

        func child(_ scalar: Unicode.Scalar) -> Node {
            if let existing = children[scalar] { return existing }
            let node = Node()
            children[scalar] = node
            return node
        }
    }

    /// The alternation for `tokens` (no surrounding group), or nil when factoring would not help (few literals).
    static func alternation(_ tokens: [String], caseInsensitive: Bool) -> String? {
        let literals = tokens.filter(isLiteral)
        guard literals.count >= 8 else { return nil }
        let patterns = tokens.filter { !isLiteral($0) }
        let root = Node()
        for literal in literals {
            var node = root
            for scalar in (caseInsensitive ? literal.lowercased() : literal).unicodeScalars { node = node.child(scalar) }
            node.terminal = true
        }
        var trie = ""
        render(root, into: &trie)
        return ([trie] + patterns).joined(separator: "|")
    }

    /// Bytes of regex syntax (all ASCII).
    private static func isMetaByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "|"), UInt8(ascii: "?"),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"):
            return true
        default:
            return false
        }
    }

    /// Characters escaped in the rendered pattern (RegexPattern.escape's set).
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        return "\\^$.|?*+()[]{}/-#".unicodeScalars.contains(scalar)
    }

    private static func render(_ node: Node, into out: inout String) {
        // Longer continuations first, then the end of a token: the longest token at a place wins.
        guard !node.children.isEmpty else { return }
        let children = node.children.sorted { $0.key.value < $1.key.value }
        let grouped = children.count > 1 || node.terminal
        if grouped { out += "(?:" }
        for (index, (scalar, child)) in children.enumerated() {
            if index > 0 { out += "|" }
            if needsEscape(scalar) { out += "\\" }
            out.unicodeScalars.append(scalar)
            render(child, into: &out)
        }
        if grouped { out += node.terminal ? "|)" : ")" }
    }
}
