import Foundation
import PostcheckCore

/// Results written by worker threads, each into its own slot.
final class ReportSlots: @unchecked Sendable {
    typealias Slot = (report: FileReport, change: CheckSession.Change?)
    private var slots: [Slot?]
    private var claimed = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The index of the next draft no worker has taken yet, nil when all are taken.
    func claimNext() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard claimed < slots.count else { return nil }
        claimed += 1
        return claimed - 1
    }

    func set(_ index: Int, _ report: Slot) {
        lock.lock()
        slots[index] = report
        lock.unlock()
    }

    var values: [Slot?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
