import Foundation

/// Reads Vale's `.vale.ini` so that a team already using Vale can run postcheck unchanged: `StylesPath`,
/// `MinAlertLevel`, `Vocab`, `WordTemplate`, and `[glob]` sections with `BasedOnStyles` and
/// `Style.Rule = YES|NO|suggestion|warning|error`. Keys postcheck has no use for (`IgnoredScopes`, `Packages`, …)
/// are accepted and ignored; an unknown key, or a section key at the top, is an error with its line.
struct ValeIniReader {
    let path: String
    let displayPath: String

    static let coreKeys: Set<String> = [
        "stylespath", "minalertlevel", "ignoredscopes", "skippedscopes", "ignoredclasses", "wordtemplate", "vocab",
        "nlpendpoint", "packages",
    ]
    static let sectionKeys: Set<String> = [
        "basedonstyles", "blockignores", "ignorepatterns", "tokenignores", "commentdelimiters", "transform", "lang",
        "view",
    ]

    func read(_ text: String) throws(RuleFileError) -> Configuration {
        let base = (path as NSString).deletingLastPathComponent
        var configuration = Configuration(source: .vale(path: path), baseDirectory: base)
        var stylesPaths: [String] = []
        var vocabularies: [String] = []
        var section: (glob: Glob, packs: [String]?, rules: [String: RuleSetting])? = nil
        var sections: [(glob: Glob, packs: [String]?, rules: [String: RuleSetting])] = []
        // Where each style is named (`BasedOnStyles`), to say which line names one that is not there.
        var styleLines: [(style: String, line: Int)] = []

        func fail(_ line: Int, _ message: String) -> RuleFileError {
            RuleFileError(path: displayPath, line: line, column: 1, message: message)
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                if let open = section { sections.append(open) }
                let pattern = String(line.dropFirst().dropLast())
                if pattern == "formats" || pattern == "asciidoctor" {
                    section = nil
                    continue
                }
                do {
                    section = (try Glob(pattern, mode: .vale), nil, [:])
                } catch {
                    throw fail(lineNumber, error.description)
                }
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw fail(lineNumber, "expected 'key = value' or '[section]', found '\(line)'")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            let lowerKey = key.lowercased()
            let list = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }

            if var open = section {
                if Self.coreKeys.contains(lowerKey) {
                    throw fail(lineNumber, "'\(key)' belongs before the first [section]")
                }
                if lowerKey == "basedonstyles" {
                    open.packs = list
                    styleLines += list.map { ($0, lineNumber) }
                } else if Self.sectionKeys.contains(lowerKey) {
                    // Accepted for compatibility; postcheck's own masking covers what these usually do.
                } else if key.contains(".") || !key.contains(" ") {
                    guard let setting = RuleSetting(parsing: value) else {
                        throw fail(lineNumber, "'\(key)' must be YES, NO, suggestion, warning or error, not '\(value)'")
                    }
                    open.rules[key] = setting
                } else {
                    throw fail(lineNumber, "unknown key '\(key)'")
                }
                section = open
                continue
            }
            if section == nil && !sections.isEmpty {
                // Keys under [formats] or [asciidoctor]: nothing postcheck uses.
                continue
            }
            switch lowerKey {
            case "stylespath": stylesPaths.append(value)
            case "minalertlevel":
                guard let severity = Severity(rawValue: value.lowercased()) else {
                    throw fail(lineNumber, "MinAlertLevel must be suggestion, warning or error, not '\(value)'")
                }
                configuration.minSeverity = severity
            case "vocab": vocabularies += list
            case "wordtemplate": configuration.wordTemplate = value
            case _ where Self.coreKeys.contains(lowerKey): continue
            case "basedonstyles":
                throw fail(lineNumber, "'BasedOnStyles' belongs in a [glob] section such as [*]")
            default:
                throw fail(lineNumber, "unknown key '\(key)'")
            }
        }
        if let open = section { sections.append(open) }

        for stylesPath in stylesPaths {
            let directory =
                stylesPath.hasPrefix("/") ? stylesPath : (base as NSString).appendingPathComponent(stylesPath)
            let resolved = URL(fileURLWithPath: directory).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw RuleFileError(
                    path: displayPath, line: nil, column: nil,
                    message: "StylesPath '\(stylesPath)' is not a folder (\(resolved))")
            }
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: resolved)) ?? []
            for name in entries.sorted()
            where !name.hasPrefix(".") && !name.hasPrefix("_") && name != "config"
                && name != "Vocab"
            {
                let styleDirectory = (resolved as NSString).appendingPathComponent(name)
                var isStyle: ObjCBool = false
                if FileManager.default.fileExists(atPath: styleDirectory, isDirectory: &isStyle), isStyle.boolValue {
                    configuration.packDirectories.append((name, styleDirectory))
                }
            }
            for vocabulary in vocabularies {
                for folder in ["config/vocabularies/\(vocabulary)", "Vocab/\(vocabulary)"] {
                    let vocabularyDirectory = (resolved as NSString).appendingPathComponent(folder)
                    configuration.vocabulary.accept += Self.terms(
                        in: (vocabularyDirectory as NSString).appendingPathComponent("accept.txt"))
                    configuration.vocabulary.reject += Self.terms(
                        in: (vocabularyDirectory as NSString).appendingPathComponent("reject.txt"))
                }
            }
        }
        // As Vale does ("style does not exist on StylesPath"): a style that is not there would silently check nothing.
        let available = Set(configuration.packDirectories.map(\.name)).union(["Vale"])
        for (style, line) in styleLines where !available.contains(style) {
            throw fail(
                line,
                "style '\(style)' does not exist on StylesPath (\(stylesPaths.isEmpty ? "no StylesPath is set" : stylesPaths.joined(separator: ", ")))"
            )
        }
        configuration.overrides = sections.map {
            ConfigurationOverride(files: $0.glob, packs: $0.packs, rules: $0.rules)
        }
        // Vale walks every file a section names; postcheck adds those extensions to its folder walk.
        return configuration
    }

    /// One term per line; `# ` starts a comment.
    static func terms(in path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            return []
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("# ") }
    }
}
