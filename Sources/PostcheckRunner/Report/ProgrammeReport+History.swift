import Dispatch
import Foundation
import PostcheckCore

extension ProgrammeReport {
    /// A draft's way to publication (`--history`): each committed version checked again with today's rules.
    public struct DraftJourney: Sendable, Equatable {
        /// Commits that added or changed the draft.
        public let commits: Int
        /// The commit (counted from 1) at which the draft first passed; nil when no committed version passes.
        public let roundsUntilPass: Int?
        /// Findings (warning or above) that an earlier version had and the last committed one has not, by rule:
        /// fixed before publication.
        public let fixed: [String: Int]

        public var passedFirstTime: Bool { roundsUntilPass == 1 }
    }

    /// What one checked version leaves: its verdict and its findings (rule and matched text), nothing more, so that
    /// thousands of commits take little memory.
    struct VersionSummary: Sendable {
        let passes: Bool
        let findings: [String: Int]
    }

    /// Checks every committed version of the drafts (report path → absolute path), as `logs` list them, with the
    /// session's rules, on all cores, in batches read from one `git cat-file` stream; only each version's summary is
    /// kept.
    static func journeys(
        of drafts: [(reportPath: String, absolutePath: String)],
        logs: [(root: String, revisions: [String: [DraftRevisions.Revision]])], session: CheckSession
    ) -> [String: DraftJourney] {
        var revisions: [String: [DraftRevisions.Revision]] = [:]
        var rootOf: [String: String] = [:]
        for (root, found) in logs {
            for (path, list) in found where revisions[path] == nil {
                revisions[path] = list
                rootOf[path] = root
            }
        }
        // The linter and relative path of each draft, found before the parallel part (the session caches them).
        var work: [(reportPath: String, linter: Linter, relative: String, root: String, path: String)] = []
        for draft in drafts {
            let path = URL(fileURLWithPath: draft.absolutePath).standardizedFileURL.path
            guard let root = rootOf[path], revisions[path] != nil,
                let found = try? session.linterAndRelativePath(for: draft.absolutePath)
            else { continue }
            work.append((draft.reportPath, found.0, found.1, root, path))
        }
        var summaries: [String: [VersionSummary]] = [:]
        // One request per version, in batches: read, check on all cores, keep the summaries, drop the texts.
        var requests: [(draft: Int, commit: String)] = []
        for (index, draft) in work.enumerated() {
            for revision in revisions[draft.path]! { requests.append((index, revision.commit)) }
        }
        let batchSize = 2_000
        var batchStart = 0
        while batchStart < requests.count {
            let batch = Array(requests[batchStart..<min(requests.count, batchStart + batchSize)])
            batchStart += batch.count
            var texts: [[UInt8]?] = Array(repeating: nil, count: batch.count)
            // Requests of one work tree go through its own git; most reports have one.
            for root in Set(batch.map { work[$0.draft].root }) {
                let indices = batch.indices.filter { work[batch[$0].draft].root == root }
                let asked = indices.map { index -> (commit: String, path: String) in
                    let draft = work[batch[index].draft]
                    return (batch[index].commit, String(draft.path.dropFirst(root.count + 1)))
                }
                DraftRevisions.contents(root: root, requests: asked) { position, bytes in
                    texts[indices[position]] = bytes
                }
            }
            let results = SummarySlots(count: batch.count)
            let frozenTexts = texts
            let frozenWork = work
            DispatchQueue.concurrentPerform(iterations: batch.count) { index in
                let draft = frozenWork[batch[index].draft]
                results.set(index, Self.summary(of: frozenTexts[index], draft.linter, draft.relative, draft.path))
            }
            for (index, summary) in results.values.enumerated() {
                summaries[work[batch[index].draft].reportPath, default: []].append(summary)
            }
        }
        return summaries.mapValues(Self.journey)
    }

    private static func summary(
        of bytes: [UInt8]?, _ linter: Linter, _ relative: String, _ path: String
    )
        -> VersionSummary
    {
        guard let bytes,
            let draft = try? PostcheckCore.Draft(path: path, bytes: bytes, format: DraftFormat.forPath(path)),
            linter.problem(with: draft, relativePath: relative) == nil
        else { return VersionSummary(passes: false, findings: [:]) }
        let result = linter.check(draft, relativePath: relative, scratch: .forCurrentThread)
        var findings: [String: Int] = [:]
        for finding in result.findings where finding.severity >= .warning {
            findings[finding.ruleID + "\u{1F}" + finding.match.lowercased(), default: 0] += 1
        }
        return VersionSummary(passes: result.verdict == .pass, findings: findings)
    }

    static func journey(_ versions: [VersionSummary]) -> DraftJourney {
        let first = versions.firstIndex { $0.passes }.map { $0 + 1 }
        var fixed: [String: Int] = [:]
        if let last = versions.last {
            // Each finding at most as often as any one version had it, less what the last version still has.
            var most: [String: Int] = [:]
            for version in versions.dropLast() {
                for (key, count) in version.findings { most[key] = max(most[key] ?? 0, count) }
            }
            for (key, count) in most {
                let gone = count - (last.findings[key] ?? 0)
                if gone > 0 { fixed[String(key.prefix { $0 != "\u{1F}" }), default: 0] += gone }
            }
        }
        return DraftJourney(commits: versions.count, roundsUntilPass: first, fixed: fixed)
    }
}

/// Summaries written by worker threads, each into its own slot.
private final class SummarySlots: @unchecked Sendable {
    private var slots: [ProgrammeReport.VersionSummary?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: ProgrammeReport.VersionSummary) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [ProgrammeReport.VersionSummary] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? ProgrammeReport.VersionSummary(passes: false, findings: [:]) }
    }
}
