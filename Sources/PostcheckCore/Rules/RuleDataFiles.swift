import Foundation

extension YAMLFields {
    /// Reads a data file named by `key`, relative to the rule file's folder.
    func siblingFile(_ name: String, key: String) throws(RuleFileError) -> (path: String, text: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let file = name.hasPrefix("/") ? name : (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw error(key: key, "cannot read '\(name)' (looked for \(file))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw error(key: key, "'\(name)' is not valid UTF-8")
        }
        return (file, text)
    }

    /// A value given once or per language: a scalar/list, or a mapping `{nl: …, en: …}`. Keys are language codes
    /// (or `*` for "every language").
    func perLanguageNodes(_ key: String) throws(RuleFileError) -> [String: Yams.Node]? {
        guard let node = node(key) else { return nil }
        if case .mapping(let mapping) = node,
            mapping.allSatisfy({ pair in
                pair.key.string.map { $0 == "*" || (LanguageDetector.supported.contains(LanguageDetector.normalize($0)) && $0.count <= 5) } ?? false
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

import Yams
