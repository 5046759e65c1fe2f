import Foundation
import PostcheckCore

extension ProgrammeReport {
    /// What a report is asked for (the options of `postcheck report`, and the query of the service's `/v1/report`).
    public struct Request: Sendable {
        public var since: String?
        public var until: String?
        /// `author` or `folder`.
        public var by = "author"
        public var leaderboard = false
        public var author: String?
        /// `YYYY-MM-DD`; today when nil.
        public var date: String?
        /// Check every committed version of each draft again (`--history`).
        public var history = false

        public init() {}

        /// Refuses a `since`, `until` or `date` that is not a day as YYYY-MM-DD.
        public func validate() throws(PostcheckError) {
            for (key, day) in [("since", since), ("until", until), ("date", date)] {
                guard let day else { continue }
                guard day.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
                    throw PostcheckError(kind: .input, message: "'\(key)' must be a day as YYYY-MM-DD, not '\(day)'")
                }
            }
        }
    }

    /// Checks the drafts under `roots` with `session` and reports on them: facts from front matter, else from the
    /// git commit that added each draft.
    public static func build(
        roots: [String], session: CheckSession, request: Request
    ) throws(PostcheckError)
        -> ProgrammeReport
    {
        let outcome = session.run(paths: roots, stdinName: nil)
        if let fatal = outcome.fatalError { throw fatal }
        var added: [String: DraftHistory.Added] = [:]
        var gitFolders = 0
        var folders: [String] = []
        for root in roots {
            let absolute = root.hasPrefix("/") ? root : session.workingDirectory + "/" + root
            var isFolder: ObjCBool = false
            let folder =
                FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) && isFolder.boolValue
                ? absolute : (absolute as NSString).deletingLastPathComponent
            folders.append(folder)
        }
        // With --history, one `git log` per folder gives every version, the first of which is the one that added
        // the draft; without, a lighter log of the additions alone.
        let logs = request.history ? folders.compactMap { DraftRevisions.log(in: $0) } : []
        if request.history {
            for log in logs {
                gitFolders += 1
                for (path, versions) in log.revisions where added[path] == nil {
                    guard let first = versions.first else { continue }
                    added[path] = DraftHistory.Added(author: first.author, date: first.date)
                }
            }
        } else {
            for folder in folders {
                guard let commits = DraftHistory.firstCommits(in: folder) else { continue }
                added.merge(commits) { first, _ in first }
                gitFolders += 1
            }
        }
        var facts: [String: DraftFacts] = [:]
        for report in outcome.reports {
            let front = report.result?.draft.frontMatter
            let path = report.path.hasPrefix("/") ? report.path : session.workingDirectory + "/" + report.path
            let commit = added[URL(fileURLWithPath: path).standardizedFileURL.path]
            facts[report.path] = DraftFacts(
                author: front?["author"]?.stringValue ?? commit?.author,
                date: front?["date"]?.stringValue.map { String($0.prefix(10)) } ?? commit?.date,
                kind: front?["kind"]?.stringValue)
        }
        var journeys: [String: DraftJourney]? = nil
        if request.history {
            let checked = outcome.reports.filter { $0.result != nil }.map { report in
                (report.path, report.path.hasPrefix("/") ? report.path : session.workingDirectory + "/" + report.path)
            }
            journeys = Self.journeys(of: checked, logs: logs, session: session)
        }
        let guidelines = Dictionary(
            outcome.rules.map { ($0.key, $0.value.guideline) }, uniquingKeysWith: { first, _ in first })
        return ProgrammeReport(
            results: outcome.reports.map { ($0.path, $0.result, $0.error) }, facts: facts,
            guidelineOf: { guidelines[$0] ?? nil }, since: request.since, until: request.until, by: request.by,
            leaderboard: request.leaderboard, author: request.author,
            history: (gitFolders > 0
                ? "authors and dates from front matter, else from the git commit that added each draft"
                : "not a git work tree: authors and dates from front matter only")
                + (request.history
                    ? (gitFolders > 0
                        ? "; every committed version of each draft checked again with today's rules"
                        : "; no history to check") : ""),
            generated: request.date ?? CalendarDay.today.description, journeys: journeys)
    }
}
