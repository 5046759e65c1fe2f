import Foundation

/// The guideline classes that posts are labelled with (`../shared/eval/posts/labels.tsv` has the guide; postcheck's
/// own corpus in `Fixtures/posts` adds CONF).
public enum PostClass: String, CaseIterable, Sendable, Comparable {
    case comp = "COMP", humour = "HUMOUR", promo = "PROMO", neg = "NEG", pii = "PII", undisc = "UNDISC"
    case conf = "CONF", length = "LENGTH", clean = "CLEAN"

    /// The guidelines whose rules detect the class (nil for CLEAN).
    public var guidelines: Set<Guideline> {
        switch self {
        case .comp: [.competitors]
        case .humour: [.humour]
        case .promo: [.promotional]
        case .neg: [.tone]
        case .pii: [.personalData]
        case .undisc: [.disclosure]
        case .conf: [.confidentiality]
        case .length: [.platform]
        case .clean: []
        }
    }

    public static func < (lhs: PostClass, rhs: PostClass) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One post with the classes a person gave it: clear-cut labels, and borderline ones (`:w`) kept apart.
public struct LabelledPost: Sendable {
    public var id: String
    public var language: String
    public var platform: String?
    public var text: String
    public var labels: Set<PostClass>
    public var borderline: Set<PostClass>

    public init(
        id: String, language: String, platform: String?, text: String, labels: Set<PostClass>,
        borderline: Set<PostClass> = []
    ) {
        self.id = id
        self.language = language
        self.platform = platform
        self.text = text
        self.labels = labels
        self.borderline = borderline
    }
}

/// A malformed line of a labelled set, with its file and line.
public struct LabelledPostError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let line: Int
    public let message: String
    public var description: String { "\(path):\(line): \(message)" }
}

/// Reads labelled posts from tab-separated files whose first row names the columns: `id`, `text`, and optionally
/// `lang` (else the id's prefix before `-`), `platform` and `labels` (else a separate labels file with `id` and
/// `labels` columns, as in `../shared/eval/posts`). In `text`, `\n`, `\t` and `\\` are escapes.
public enum LabelledPostReader {
    public static func read(
        posts: String, path: String, labels: String? = nil, labelsPath: String = "labels.tsv"
    )
        throws(LabelledPostError) -> [LabelledPost]
    {
        var labelsByID: [String: String] = [:]
        if let labels {
            for row in try rows(labels, path: labelsPath, required: ["id", "labels"]) {
                labelsByID[row.fields["id"]!] = row.fields["labels"]!
            }
        }
        var result: [LabelledPost] = []
        for row in try rows(posts, path: path, required: ["id", "text"]) {
            let id = row.fields["id"]!
            guard let labelText = row.fields["labels"] ?? labelsByID[id] else {
                throw LabelledPostError(path: path, line: row.line, message: "post \(id) has no labels")
            }
            var clear: Set<PostClass> = []
            var borderline: Set<PostClass> = []
            for item in labelText.split(separator: ",") {
                let trimmed = item.trimmingCharacters(in: .whitespaces)
                let isBorderline = trimmed.hasSuffix(":w")
                let name = isBorderline ? String(trimmed.dropLast(2)) : trimmed
                guard let postClass = PostClass(rawValue: name) else {
                    throw LabelledPostError(path: path, line: row.line, message: "post \(id): unknown class '\(name)'")
                }
                if isBorderline { borderline.insert(postClass) } else { clear.insert(postClass) }
            }
            let language = row.fields["lang"] ?? String(id.prefix { $0 != "-" })
            let platform = row.fields["platform"].flatMap { $0.isEmpty ? nil : $0 }
            result.append(
                LabelledPost(
                    id: id, language: language, platform: platform,
                    text: unescape(row.fields["text"]!), labels: clear, borderline: borderline))
        }
        return result
    }

    private struct Row {
        var line: Int
        var fields: [String: String]
    }

    private static func rows(_ text: String, path: String, required: [String]) throws(LabelledPostError) -> [Row] {
        var header: [String]? = nil
        var rows: [Row] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.hasSuffix("\r") ? line.dropLast() : line[...]
            if content.isEmpty || content.hasPrefix("#") { continue }
            let cells = content.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let columns = header else {
                for name in required where !cells.contains(name) {
                    throw LabelledPostError(
                        path: path, line: index + 1, message: "the header row has no '\(name)' column")
                }
                header = cells
                continue
            }
            guard cells.count == columns.count else {
                throw LabelledPostError(
                    path: path, line: index + 1,
                    message: "\(cells.count) columns where the header has \(columns.count)")
            }
            rows.append(Row(line: index + 1, fields: Dictionary(zip(columns, cells)) { first, _ in first }))
        }
        return rows
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }
}
