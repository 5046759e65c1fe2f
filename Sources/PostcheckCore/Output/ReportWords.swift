/// The languages postcheck's own texts (the bundled rules' messages, the report's words) are written in.
public enum MessageLanguage {
    public static let supported = ["en", "nl", "fr"]
}

/// The fixed words of the text report (verdicts, counts, "cues", the summary line) in English, Dutch and French:
/// a Dutch draft's report reads in Dutch. Severities stay English in finding lines (`path:1:2: error: …`), which
/// editors and CI parse.
struct ReportWords {
    let language: String

    init(_ language: String?) {
        self.language = ["nl", "fr"].contains(language ?? "") ? language! : "en"
    }

    func verdict(_ verdict: Verdict) -> String {
        switch (language, verdict) {
        case ("nl", .pass): "goed"
        case ("nl", .review): "nakijken"
        case ("nl", .fail): "afgekeurd"
        case ("fr", .pass): "validé"
        case ("fr", .review): "à revoir"
        case ("fr", .fail): "refusé"
        default: verdict.rawValue
        }
    }

    /// `2 errors`, `1 fout`, `0 erreur` (French keeps 0 and 1 singular).
    func count(_ count: Int, _ noun: Noun) -> String {
        let (singular, pluralForm) = forms(noun)
        let one = language == "fr" ? count <= 1 : count == 1
        return "\(count) \(one ? singular : pluralForm)"
    }

    enum Noun { case error, warning, suggestion, file, inputError }

    private func forms(_ noun: Noun) -> (String, String) {
        switch (language, noun) {
        case ("nl", .error): ("fout", "fouten")
        case ("nl", .warning): ("waarschuwing", "waarschuwingen")
        case ("nl", .suggestion): ("suggestie", "suggesties")
        case ("nl", .file): ("bestand", "bestanden")
        case ("nl", .inputError): ("invoerfout", "invoerfouten")
        case ("fr", .error): ("erreur", "erreurs")
        case ("fr", .warning): ("avertissement", "avertissements")
        case ("fr", .suggestion): ("suggestion", "suggestions")
        case ("fr", .file): ("fichier", "fichiers")
        case ("fr", .inputError): ("erreur de saisie", "erreurs de saisie")
        case (_, .error): ("error", "errors")
        case (_, .warning): ("warning", "warnings")
        case (_, .suggestion): ("suggestion", "suggestions")
        case (_, .file): ("file", "files")
        case (_, .inputError): ("input error", "input errors")
        }
    }

    var score: String { "score" }

    var cues: String {
        switch language {
        case "nl": "signalen:"
        case "fr": "indices :"
        default: "cues:"
        }
    }

    var removeThis: String {
        switch language {
        case "nl": "weghalen"
        case "fr": "à supprimer"
        default: "remove this"
        }
    }

    /// `1 file checked`, `2 bestanden nagekeken`, `1 fichier vérifié`.
    func checked(files: Int) -> String {
        let many = language == "fr" ? files > 1 : files != 1
        switch language {
        case "nl": return "\(count(files, .file)) nagekeken"
        case "fr": return "\(count(files, .file)) \(many ? "vérifiés" : "vérifié")"
        default: return "\(count(files, .file)) checked"
        }
    }

    /// The colon before a list: French puts a space before it.
    var colon: String { language == "fr" ? " :" : ":" }
}
