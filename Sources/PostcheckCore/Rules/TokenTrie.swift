/// Factors a long list of literal tokens into one trie-shaped pattern (`ab(?:c|d)` for `abc`, `abd`), so that PCRE2
/// follows one path per position instead of trying every token: word lists of hundreds or thousands of terms
/// (alex, proselint, profanity lists) then cost about as much as a few words. Tokens that use regex syntax stay
/// alternatives of their own. Where several tokens match at one place the longest wins, which is also what the
/// word boundary after the group would make the original alternation settle on.
enum TokenTrie {
    static let metaCharacters: Set<Character> = ["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]

    final class Node {
        var children: [(Character, Node)] = []
        var terminal = false

        func child(_ character: Character) -> Node {
            if let existing = children.first(where: { $0.0 == character }) { return existing.1 }
            let node = Node()
            children.append((character, node))
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
            for character in caseInsensitive ? literal.lowercased() : literal { node = node.child(character) }
            node.terminal = true
        }
        let trie = render(root)
        return ([trie] + patterns).joined(separator: "|")
    }

    private static func render(_ node: Node) -> String {
        // Longer continuations first, then the end of a token: the longest token at a place wins.
        let branches = node.children.sorted { $0.0 < $1.0 }.map { character, child in
            RegexPattern.escape(String(character)) + render(child)
        }
        if branches.isEmpty { return "" }
        if branches.count == 1 && !node.terminal { return branches[0] }
        return "(?:" + branches.joined(separator: "|") + (node.terminal ? "|" : "") + ")"
    }
}
