import Foundation

/// Finds and reads configuration files: `.postcheck.yml` (postcheck's own) and Vale's `.vale.ini`.
public struct ConfigurationLoader: Sendable {
    /// Names looked for in each folder, nearest folder first; within a folder, postcheck's own file wins.
    public static let postcheckNames = [".postcheck.yml", ".postcheck.yaml"]
    public static let valeNames = [".vale.ini", "_vale.ini", "vale.ini", ".vale", "_vale"]

    /// Folder holding the bundled packs (`Rules/`), so that `packs:` can name them.
    public let bundledRulesDirectory: String?

    public init(bundledRulesDirectory: String?) {
        self.bundledRulesDirectory = bundledRulesDirectory
    }

    /// The configuration file that applies to files in `directory`: the nearest one walking up, or nil.
    public func discover(from directory: String) -> String? {
        var current = URL(fileURLWithPath: directory).standardizedFileURL.path
        while true {
            for name in Self.postcheckNames + Self.valeNames {
                let candidate = (current as NSString).appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue
                {
                    return candidate
                }
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// Reads a configuration file of either kind.
    public func load(path: String) throws(RuleFileError) -> Configuration {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw RuleFileError(path: path, line: nil, column: nil, message: "cannot read configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(path: path, line: nil, column: nil, message: "configuration file is not UTF-8")
        }
        return try read(text, path: absolute, displayPath: path)
    }

    /// Reads a configuration's text; the file name (`.vale.ini`, `_vale.ini`, `*.ini` or anything else) says which
    /// kind it is, and relative paths in it resolve against its folder.
    public func read(_ text: String, path: String, displayPath: String) throws(RuleFileError) -> Configuration {
        let name = (path as NSString).lastPathComponent
        if Self.valeNames.contains(name) || name.hasSuffix(".ini") {
            return try ValeIniReader(path: path, displayPath: displayPath).read(text)
        }
        return try readPostcheck(text, path: path, displayPath: displayPath)
    }

    /// The configuration used when no file is found: the bundled `postcheck` pack.
    public func builtin(baseDirectory: String) -> Configuration {
        var configuration = Configuration(source: .builtin, baseDirectory: baseDirectory)
        if let directory = bundledPackDirectory("postcheck") {
            configuration.packDirectories = [("postcheck", directory)]
            configuration.enabledPacks = ["postcheck"]
        }
        // The bundled default policy, as a configuration file without `policy:` has it (promotional limit on,
        // humour and debate allowed, competitors neutral-only): it cannot fail, having nothing to read.
        try? applyPolicy(nil, into: &configuration)
        return configuration
    }

    func bundledPackDirectory(_ name: String) -> String? {
        guard let root = bundledRulesDirectory else { return nil }
        let candidate = (root as NSString).appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) && isDirectory.boolValue
            ? candidate : nil
    }

    static let postcheckKeys: Set<String> = [
        "packs", "min-severity", "fail-on", "rules", "vocab", "overrides", "score", "extensions", "default-language",
        "platform", "signature", "periods", "names", "policy", "packages",
    ]

    private func readPostcheck(_ text: String, path: String, displayPath: String) throws(RuleFileError) -> Configuration
    {
        let base = (path as NSString).deletingLastPathComponent
        var configuration = Configuration(source: .postcheck(path: path), baseDirectory: base)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            // An empty file: the bundled pack under the default policy, as a file that names neither.
            if let directory = bundledPackDirectory("postcheck") {
                configuration.packDirectories = [("postcheck", directory)]
                configuration.enabledPacks = ["postcheck"]
            }
            try applyPolicy(nil, into: &configuration)
            return configuration
        }
        let fields = try YAMLFields.parse(path: displayPath, text: text)
        try fields.rejectUnknownKeys(allowed: Self.postcheckKeys, context: "the configuration")
        // A configuration that names no packs (only `policy:`, say) gets the bundled pack: running no rule at all
        // would pass every draft.
        let defaultPacks = fields.node("packs") == nil && bundledPackDirectory("postcheck") != nil ? ["postcheck"] : []
        for entry in try fields.stringList("packs") ?? defaultPacks {
            let directory = try resolvePack(entry, base: base, fields: fields)
            let name = (directory as NSString).lastPathComponent
            configuration.packDirectories.append((name, directory))
            configuration.enabledPacks.append(name)
        }
        configuration.minSeverity = try severity(fields, "min-severity") ?? .suggestion
        configuration.failOn = try severity(fields, "fail-on") ?? .error
        configuration.rules = try ruleSettings(fields, "rules")
        if let vocab = try fields.fields("vocab") {
            try vocab.rejectUnknownKeys(allowed: ["accept", "reject"], context: "'vocab'")
            configuration.vocabulary = Vocabulary(
                accept: try vocab.stringList("accept") ?? [],
                reject: try vocab.stringList("reject") ?? [])
        }
        if let node = fields.node("overrides") {
            guard case .sequence(let items) = node else {
                throw fields.error(at: node, "'overrides' must be a list of {files, rules, packs}")
            }
            for item in items {
                let override = try YAMLFields(path: displayPath, node: item)
                try override.rejectUnknownKeys(allowed: ["files", "rules", "packs"], context: "an override")
                guard let pattern = try override.string("files") else {
                    throw override.error(at: nil, "an override needs 'files' (a glob such as \"news/**/*.md\")")
                }
                let glob: Glob
                do { glob = try Glob(pattern, mode: .path) } catch {
                    throw override.error(key: "files", error.description)
                }
                var packs: [String]? = nil
                if let entries = try override.stringList("packs") {
                    packs = []
                    for entry in entries {
                        let directory = try resolvePack(entry, base: base, fields: override)
                        let name = (directory as NSString).lastPathComponent
                        if !configuration.packDirectories.contains(where: { $0.name == name }) {
                            configuration.packDirectories.append((name, directory))
                        }
                        packs?.append(name)
                    }
                }
                configuration.overrides.append(
                    ConfigurationOverride(files: glob, packs: packs, rules: try ruleSettings(override, "rules")))
            }
        }
        if let score = try fields.fields("score") {
            try score.rejectUnknownKeys(allowed: ["pass", "fail", "weights"], context: "'score'")
            configuration.score.passAt = try score.int("pass") ?? configuration.score.passAt
            configuration.score.failBelow = try score.int("fail") ?? configuration.score.failBelow
            guard configuration.score.failBelow <= configuration.score.passAt else {
                throw score.error(key: "fail", "'score.fail' must not be above 'score.pass'")
            }
            if let weights = try score.fields("weights") {
                try weights.rejectUnknownKeys(allowed: ["error", "warning", "suggestion"], context: "'score.weights'")
                configuration.score.errorPenalty = try weights.int("error") ?? configuration.score.errorPenalty
                configuration.score.warningPenalty = try weights.int("warning") ?? configuration.score.warningPenalty
                configuration.score.suggestionPenalty =
                    try weights.int("suggestion") ?? configuration.score.suggestionPenalty
            }
        }
        if let language = try fields.string("default-language") {
            let code = LanguageDetector.normalize(language)
            guard code.count == 2 else {
                throw fields.error(
                    key: "default-language", "'default-language' must be a language code such as nl, en or fr")
            }
            configuration.defaultLanguage = code
        }
        try readNames(fields, into: &configuration)
        try readPolicy(fields, into: &configuration)
        configuration.platform = try fields.string("platform")?.lowercased()
        if let node = fields.node("periods") {
            guard case .sequence(let items) = node else {
                throw fields.error(at: node, "'periods' must be a list of {name, from, to, rules}")
            }
            for item in items {
                let period = try YAMLFields(path: displayPath, node: item)
                try period.rejectUnknownKeys(allowed: ["name", "from", "to", "rules"], context: "a period")
                func day(_ key: String) throws(RuleFileError) -> CalendarDay {
                    guard let text = try period.string(key), let value = CalendarDay(text) else {
                        throw period.error(key: key, "'\(key)' must be a date such as 2026-12-01")
                    }
                    return value
                }
                let from = try day("from")
                let to = try day("to")
                guard from <= to else { throw period.error(key: "to", "'to' is before 'from'") }
                let rules = try ruleSettings(period, "rules")
                guard !rules.isEmpty else { throw period.error(at: nil, "a period needs 'rules' to change") }
                configuration.periods.append(
                    QuietPeriod(name: try period.string("name") ?? "\(from)–\(to)", from: from, to: to, rules: rules))
            }
        }
        if let node = fields.node("signature") {
            if let text = node.string {
                configuration.signatures["*"] = text
            } else if case .mapping(let mapping) = node {
                for (platform, text) in mapping {
                    guard let name = platform.string, let value = text.string else {
                        throw fields.error(at: text, "'signature' maps platforms to text")
                    }
                    configuration.signatures[name.lowercased()] = value
                }
            } else {
                throw fields.error(at: node, "'signature' is text, or a mapping of platforms to text")
            }
        }
        if let extensions = try fields.stringList("extensions") {
            configuration.extensions = extensions.map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
        }
        return configuration
    }

    /// `names:` — the company's own names and its competitors', for rules' `{{company}}`, `{{brands}}`,
    /// `{{competitors}}`, `{{competitor-handles}}`, `{{codenames}}` placeholders.
    private func readNames(_ fields: YAMLFields, into configuration: inout Configuration) throws(RuleFileError) {
        guard let names = try fields.fields("names") else { return }
        try names.rejectUnknownKeys(allowed: ["company", "brands", "competitors", "codenames"], context: "'names'")
        configuration.variables["company"] = try names.stringList("company") ?? []
        configuration.variables["brands"] = try names.stringList("brands") ?? []
        configuration.variables["codenames"] = try names.stringList("codenames") ?? []
        var competitors: [String] = []
        var handles: [String] = []
        if let node = names.node("competitors") {
            guard case .sequence(let items) = node else {
                throw names.error(at: node, "'competitors' is a list of names or {name, aliases, handles}")
            }
            for item in items {
                if let name = item.string {
                    competitors.append(name)
                    continue
                }
                let entry = try YAMLFields(path: names.path, node: item)
                try entry.rejectUnknownKeys(allowed: ["name", "aliases", "handles"], context: "a competitor")
                guard let name = try entry.string("name") else {
                    throw entry.error(at: nil, "a competitor needs a 'name'")
                }
                competitors.append(name)
                competitors += try entry.stringList("aliases") ?? []
                handles += (try entry.stringList("handles") ?? []).map { $0.hasPrefix("@") ? $0 : "@" + $0 }
            }
        }
        configuration.variables["competitors"] = competitors
        configuration.variables["competitor-handles"] = handles
    }

    static let policyKeys: Set<String> = ["competitors", "humour", "debate", "promotional", "disclosure"]

    /// `policy:` — the programme's choices, answered without regexes; they switch bundled rules and fill their
    /// parameters.
    private func readPolicy(_ fields: YAMLFields, into configuration: inout Configuration) throws(RuleFileError) {
        try applyPolicy(try fields.fields("policy"), into: &configuration)
    }

    /// The policy's switches and parameters; `nil` is the default policy.
    private func applyPolicy(_ policy: YAMLFields?, into configuration: inout Configuration) throws(RuleFileError) {
        var settings: [String: RuleSetting] = [:]
        try policy?.rejectUnknownKeys(allowed: Self.policyKeys, context: "'policy'")
        func choice(_ key: String, _ allowed: [String], _ fallback: String) throws(RuleFileError) -> String {
            guard let value = try policy?.string(key) else { return fallback }
            guard allowed.contains(value) else {
                throw policy!.error(
                    key: key, "'policy.\(key)' must be one of \(allowed.joined(separator: ", ")), not '\(value)'")
            }
            return value
        }
        switch try choice("competitors", ["forbid", "neutral-only", "allow"], "neutral-only") {
        case "forbid": settings["postcheck.Competitors"] = .on; settings["postcheck.CompetitorComparison"] = .off
        case "allow": settings["postcheck.Competitors"] = .off; settings["postcheck.CompetitorComparison"] = .off
        default: settings["postcheck.Competitors"] = .off; settings["postcheck.CompetitorComparison"] = .on
        }
        settings["postcheck.Humour"] = try choice("humour", ["avoid", "allow"], "allow") == "avoid" ? .on : .off
        settings["postcheck.Provocation"] = try choice("debate", ["avoid", "allow"], "allow") == "avoid" ? .on : .off
        let promotional = try policy?.double("promotional") ?? 8
        guard promotional >= 0 && promotional <= 100 else {
            throw policy!.error(
                key: "promotional", "'policy.promotional' is promotional cues per 100 words, from 0 (off) to 100")
        }
        if promotional == 0 { settings["postcheck.Promotional"] = .off }
        configuration.variables["promotional-max"] = [String(promotional)]
        var tags = [
            "#ad", "#advertentie", "#reclame", "#publicité", "#pub", "#partenariat", "#partnership", "#sponsored",
            "#gesponsord", "#sponsorisé", "#werknemer", "#employee", "#employé",
        ]
        var jurisdictions = ["ftc", "nl", "be"]
        if let disclosure = try policy?.fields("disclosure") {
            try disclosure.rejectUnknownKeys(allowed: ["jurisdictions", "tag"], context: "'policy.disclosure'")
            jurisdictions = try disclosure.stringList("jurisdictions") ?? jurisdictions
            for jurisdiction in jurisdictions where !["ftc", "nl", "be", "fr", "uk"].contains(jurisdiction) {
                throw disclosure.error(
                    key: "jurisdictions", "unknown jurisdiction '\(jurisdiction)' (known: ftc, nl, be, fr, uk)")
            }
            if let tag = try disclosure.string("tag") { tags.insert(tag.hasPrefix("#") ? tag : "#" + tag, at: 0) }
        }
        configuration.variables["disclosure-tags"] = tags
        configuration.variables["jurisdictions"] = jurisdictions
        configuration.policySettings = settings
    }

    private func resolvePack(_ entry: String, base: String, fields: YAMLFields) throws(RuleFileError) -> String {
        let candidate = entry.hasPrefix("/") ? entry : (base as NSString).appendingPathComponent(entry)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), isDirectory.boolValue {
            return URL(fileURLWithPath: candidate).standardizedFileURL.path
        }
        // A pack that `postcheck sync` fetched from the configuration's `packages:`.
        let synced = (base as NSString).appendingPathComponent(".postcheck/packs/\(entry)")
        if !entry.contains("/"), FileManager.default.fileExists(atPath: synced, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return synced
        }
        if !entry.contains("/"), let bundled = bundledPackDirectory(entry) { return bundled }
        throw fields.error(
            key: "packs",
            "pack '\(entry)' not found: no folder \(candidate), no synced pack (postcheck sync) and no bundled pack of that name"
        )
    }

    private func severity(_ fields: YAMLFields, _ key: String) throws(RuleFileError) -> Severity? {
        guard let text = try fields.string(key) else { return nil }
        guard let severity = Severity(rawValue: text.lowercased()) else {
            throw fields.error(key: key, "'\(key)' must be suggestion, warning or error, not '\(text)'")
        }
        return severity
    }

    private func ruleSettings(_ fields: YAMLFields, _ key: String) throws(RuleFileError) -> [String: RuleSetting] {
        guard let node = fields.node(key) else { return [:] }
        guard case .mapping(let mapping) = node else {
            throw fields.error(at: node, "'\(key)' must map rule ids to off, on, suggestion, warning or error")
        }
        var settings: [String: RuleSetting] = [:]
        for (ruleNode, valueNode) in mapping {
            guard let rule = ruleNode.string else { throw fields.error(at: ruleNode, "rule ids must be strings") }
            let text = valueNode.typed.bool.map { $0 ? "on" : "off" } ?? valueNode.string ?? ""
            guard let setting = RuleSetting(parsing: text) else {
                throw fields.error(
                    at: valueNode, "'\(rule)' must be off, on, suggestion, warning or error, not '\(text)'")
            }
            settings[rule] = setting
        }
        return settings
    }
}
