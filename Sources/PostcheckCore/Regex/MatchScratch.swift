import CPCRE2
import Dispatch

/// Limits that stop a runaway pattern: each `pcre2_match` call gets these budgets.
public struct MatchLimits: Sendable, Hashable {
    /// PCRE2's match limit (calls of its internal match function / JIT equivalent).
    public var matchLimit: UInt32 = 1_000_000
    /// Backtracking depth limit (interpreter only).
    public var depthLimit: UInt32 = 100_000
    /// Heap limit in KiB for the interpreter's backtracking memory.
    public var heapLimitKiB: UInt32 = 20_000
    /// Size of the JIT stack in bytes.
    public var jitStackBytes: Int = 1 << 20

    public init() {}
}

/// Why a match could not complete: a limit was hit or PCRE2 failed otherwise.
public struct MatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public let code: Int32
    public let message: String

    public init(pattern: String, code: Int32, message: String) {
        self.pattern = pattern
        self.code = code
        self.message = message
    }

    /// Not a PCRE2 code: the check's own deadline (`MatchScratch.deadline`) passed while a rule was running.
    static let timeLimitCode = Int32.min

    /// The rule was stopped by the check's deadline, in a loop over its subjects or matches.
    public static let timeLimit = MatchError(
        pattern: "", code: timeLimitCode, message: "the check's time limit was reached")

    public var isTimeLimit: Bool { code == Self.timeLimitCode }

    public var isLimit: Bool {
        [PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT]
            .contains(code) || isTimeLimit
    }

    public var description: String {
        if isTimeLimit { return "stopped: \(message)" }
        return isLimit
            ? "pattern /\(pattern)/ stopped: \(message) (it backtracks too much on this text)"
            : "pattern /\(pattern)/ failed: \(message)"
    }
}

/// The per-thread state PCRE2 needs to match: match data, a match context carrying the limits, and a JIT stack.
/// Not thread-safe; give each worker its own.
public final class MatchScratch {
    let context: OpaquePointer
    let jitStack: OpaquePointer?
    private(set) var matchData: OpaquePointer
    private var pairCapacity: Int
    /// The running check's deadline (`DispatchTime` uptime nanoseconds), set by `Linter.check` for its duration.
    /// Rules look at it in their loops over subjects, pieces and matches (`checkDeadline()`), so that one rule on a
    /// long draft cannot run far past it: the deadline between rules alone let a single slow rule take minutes.
    public private(set) var deadline: UInt64? = nil
    /// Calls of `checkDeadline()` since the clock was last read: the clock is read every 64th call.
    private var deadlineCalls: UInt8 = 0

    /// Starts (a `DispatchTime` uptime in nanoseconds) or ends (nil) a check's deadline on this thread.
    func setDeadline(_ deadline: UInt64?) {
        self.deadline = deadline
        deadlineCalls = 0
    }

    /// Throws `MatchError.timeLimit` once the deadline has passed. Cheap enough for every iteration of a loop.
    @inline(__always)
    func checkDeadline() throws(MatchError) {
        guard let deadline else { return }
        deadlineCalls &+= 1
        guard deadlineCalls & 63 == 1 else { return }
        if DispatchTime.now().uptimeNanoseconds > deadline { throw .timeLimit }
    }

    private let limits: MatchLimits
    /// Made the first time a pattern with replaced lookbehinds matches on this thread.
    private var lookbehindState: LookbehindState? = nil

    /// The match context for `pattern`: the thread's own, or for a pattern with replaced lookbehinds one whose
    /// callouts test them (`VariableLookbehind`).
    @inline(__always)
    func context(for pattern: RegexPattern) -> OpaquePointer {
        guard let lookbehind = pattern.variableLookbehind else { return context }
        let state = lookbehindState ?? LookbehindState(limits: limits, patternJITStack: jitStack)
        lookbehindState = state
        state.assertions = lookbehind.assertions
        state.deadline = deadline
        return state.patternContext
    }

    public init(limits: MatchLimits = MatchLimits()) {
        self.limits = limits
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, limits.jitStackBytes, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        pairCapacity = 32
        matchData = pcre2_match_data_create_8(UInt32(pairCapacity), nil)
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
    }

    func ensureCapacity(groups: Int) {
        guard groups + 1 > pairCapacity else { return }
        pcre2_match_data_free_8(matchData)
        pairCapacity = groups + 1
        matchData = pcre2_match_data_create_8(UInt32(pairCapacity), nil)
    }
}

extension MatchScratch {
    /// A scratch kept for the calling thread, for one-off matches (a glob, a signature, a rule's own example): a
    /// new scratch maps a megabyte of JIT stack and unmaps it again, twice per draft where they were made per call.
    public static var forCurrentThread: MatchScratch { perThread.value }

    private static let perThread = PerThread { MatchScratch() }
}
