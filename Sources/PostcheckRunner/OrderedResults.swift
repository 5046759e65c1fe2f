import Foundation
import PostcheckCore

/// The results of drafts checked on several threads, handed on one by one in the report's order as soon as a
/// result and all those before it are in, so that a report can be written while the later drafts are checked and
/// no result needs to outlive its turn.
///
/// Workers take drafts in that same order, and never more than `window` ahead of the next one to hand on: a run
/// over a large repository then holds at most `window` results at a time, whatever its size.
final class OrderedResults: @unchecked Sendable {
    typealias Result = (report: FileReport, change: CheckSession.Change?)
    private var slots: [Result?]
    /// Positions whose result is known before any check (an input that could not be read as a draft at all).
    private let known: [Bool]
    private var claimed = 0
    private var handedOn = 0
    /// Whether a thread is handing results on; the others leave theirs to it, so that `handOn` is never called
    /// from two threads at once.
    private var handingOn = false
    private let window: Int
    private let condition = NSCondition()
    private let handOn: (Int, Result) -> Void

    /// `handOn` is called with each position and its result, in order, from one thread at a time.
    init(count: Int, known: [Int: Result], window: Int, handOn: @escaping (Int, Result) -> Void) {
        slots = Array(repeating: nil, count: count)
        var isKnown = Array(repeating: false, count: count)
        for (position, result) in known {
            slots[position] = result
            isKnown[position] = true
        }
        self.known = isKnown
        self.window = max(1, window)
        self.handOn = handOn
    }

    /// The position of the next draft to check, nil when all are taken. Waits while it is `window` or more ahead
    /// of the next result to hand on.
    func claimNext() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            // Other workers claim while this one waits: look again after every wait.
            while claimed < slots.count && known[claimed] { claimed += 1 }
            guard claimed < slots.count else { return nil }
            if claimed < handedOn + window {
                claimed += 1
                return claimed - 1
            }
            condition.wait()
        }
    }

    func set(_ position: Int, _ result: Result) {
        condition.lock()
        slots[position] = result
        condition.unlock()
        handOnReady()
    }

    /// Hands on every result that is in and has all the earlier ones handed on (after the workers end, the known
    /// results at the end of the order).
    func handOnReady() {
        condition.lock()
        guard !handingOn else {
            condition.unlock()
            return
        }
        handingOn = true
        while handedOn < slots.count, let ready = slots[handedOn] {
            slots[handedOn] = nil
            let position = handedOn
            handedOn += 1
            condition.broadcast()
            condition.unlock()
            handOn(position, ready)
            condition.lock()
        }
        handingOn = false
        condition.unlock()
    }

    /// Whether every result has been handed on.
    var isComplete: Bool {
        condition.lock()
        defer { condition.unlock() }
        return handedOn == slots.count
    }
}
