/// Factors a long list of literal tokens into one trie-shaped pattern (`ab(?:c|d)` for `abc`, `abd`), so that PCRE2
/// follows one path per position instead of trying every token: word lists of hundreds or thousands of terms
/// (alex, proselint, profanity lists) then cost about as much as a few words. Tokens that use regex syntax stay
/// alternatives of their own. Where several tokens match at one place the longest wins, which is also what the
/// word boundary after the group would make the original alternation settle on.
enum TokenTrie {
    static let metaCharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

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
        let literals = tokens.filter { !$0.isEmpty && !$0.contains(where: metaCharacters.contains) }
        guard literals.count >= 8 else { return nil }
        let patterns = tokens.filter { $0.isEmpty || $0.contains(where: metaCharacters.contains) }
        let root = Node()
        for literal in literals {
            var node = root
            for scalar in (caseInsensitive ? literal.lowercased() : literal).unicodeScalars { node = node.child(scalar) }
            node.terminal = true
        }
        let trie = render(root)
        return ([trie] + patterns).joined(separator: "|")
    }

    private static func render(_ node: Node) -> String {
        // Longer continuations first, then the end of a token: the longest token at a place wins.
        let branches = node.children.sorted { $0.key.value < $1.key.value }.map { scalar, child in
            RegexPattern.escape(String(Character(scalar))) + render(child)
        }
        if branches.isEmpty { return "" }
        if branches.count == 1 && !node.terminal { return branches[0] }
        return "(?:" + branches.joined(separator: "|") + (node.terminal ? "|" : "") + ")"
    }
}
