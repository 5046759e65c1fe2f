import Foundation
import Yams

extension YAMLFields {
    /// Reads a data file named by `key`, relative to the rule file's folder.
    func siblingFile(_ name: String, key: String) throws(RuleFileError) -> (path: String, text: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let file = name.hasPrefix("/") ? name : (folder as NSString).appendingPathComponent(name)
        // Rule data lives in the rule's own pack folder (symbolic links resolved): a rule file must not read
        // /etc/shadow or ../../../ whatever, and an error about such a file would quote it.
        guard let pack = Self.realPath(folder), let resolved = Self.realPath(file) else {
            throw error(key: key, "cannot read '\(name)' (looked for \(file))")
        }
        guard resolved.hasPrefix(pack.hasSuffix("/") ? pack : pack + "/") else {
            throw error(
                key: key, "'\(name)' is outside the pack folder \(folder): a rule reads data files of its own pack only"
            )
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw error(key: key, "cannot read '\(name)' (looked for \(file))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw error(key: key, "'\(name)' is not valid UTF-8")
        }
        return (file, text)
    }

    /// The path with every symbolic link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A value given once or per language: a scalar/list, or a mapping `{nl: …, en: …}`. Keys are language codes
    /// (or `*` for "every language").
    func perLanguageNodes(_ key: String) throws(RuleFileError) -> [String: Yams.Node]? {
        guard let node = node(key) else { return nil }
        if case .mapping(let mapping) = node,
            mapping.allSatisfy({ pair in
                pair.key.string.map {
                    $0 == "*" || (LanguageDetector.supported.contains(LanguageDetector.normalize($0)) && $0.count <= 5)
                } ?? false
            })
        {
            var result: [String: Yams.Node] = [:]
            for (language, value) in mapping {
                result[language.string == "*" ? "*" : LanguageDetector.normalize(language.string!)] = value
            }
            return result
        }
        return ["*": node]
    }
}
