import ArgumentParser
import Foundation
import PostcheckCore
import PostcheckRunner

/// `postcheck report`: how the guidelines are doing over a folder of drafts, for the people who run the programme.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report on a folder of drafts: guidelines broken most, content mix, and how the writers are doing.",
        discussion: """
            Drafts are checked with the configuration that applies to each, as 'postcheck check' does. A draft's \
            author, date and kind come from its front matter (author, date, kind), else from the git commit that \
            added it. Writers are anonymous unless --leaderboard (opt-in) or --author NAME is given.
            """)

    enum Format: String, ExpressibleByArgument { case text, json }
    enum Grouping: String, ExpressibleByArgument { case author, folder }

    @Argument(help: "Folders or files of drafts (default: the working folder).") var paths: [String] = []
    @Option(help: "text or json.") var format: Format = .text
    @Option(help: "Only drafts dated on or after this day (YYYY-MM-DD).") var since: String?
    @Option(help: "Only drafts dated on or before this day (YYYY-MM-DD).") var until: String?
    @Option(help: "Group writers by author or by folder (a team's folder).") var by: Grouping = .author
    @Flag(help: "Name the writers, ranked: a friendly leaderboard the programme has agreed to.") var leaderboard = false
    @Option(help: "Show this author's own row (and no one else's).") var author: String?
    @Option(help: "Configuration file instead of the one found by walking up.") var config: String?
    @Option(help: "The report's date (YYYY-MM-DD) instead of today.") var date: String?
    @Flag(
        help:
            "Check every committed version of each draft again: rounds until it passed, findings fixed before publication."
    ) var history = false
    @Option(help: "Also write the report as one self-contained HTML page to this file.") var html: String?
    @Option(help: "The HTML page's language: en, nl or fr.") var lang: String = "en"

    func validate() throws {
        guard ProgrammeReport.PageLanguage(rawValue: lang) != nil else {
            throw ValidationError("--lang is en, nl or fr, not '\(lang)'")
        }
        do { try request.validate() } catch { throw ValidationError(error.message) }
    }

    private var request: ProgrammeReport.Request {
        var request = ProgrammeReport.Request()
        request.since = since
        request.until = until
        request.by = by.rawValue
        request.leaderboard = leaderboard
        request.author = author
        request.date = date
        request.history = history
        return request
    }

    func run() throws {
        let roots = paths.isEmpty ? ["."] : paths
        let session = CheckSession(
            configPath: config, bundledRules: BundledRules.directory(), failOn: nil, minSeverity: nil)
        let report: ProgrammeReport
        do {
            report = try ProgrammeReport.build(roots: roots, session: session, request: request)
        } catch {
            fail(error.description)
        }
        for notice in session.notices { warn(notice) }
        if let html {
            let page = Array(report.html(language: ProgrammeReport.PageLanguage(rawValue: lang)!).utf8)
            if let error = AtomicFile.replace(html, with: page) {
                fail("cannot write the HTML report to \(html): \(error)")
            }
        }
        switch format {
        case .json: FileHandle.standardOutput.write(Data(report.jsonBytes()))
        case .text: FileHandle.standardOutput.write(Data(report.text().utf8))
        }
    }
}
