import CPCRE2
import Dispatch

/// Lookbehind assertions of any length, which PCRE2 (before 10.43, and then only up to 255 characters) refuses but
/// Vale's regular expressions (.NET-style `regexp2`) accept: `(?<!:[^ ]+?):\s[A-Z]` in Google's `Colons`,
/// `(?<=\w+ )` elsewhere.
///
/// The technique: each lookbehind that PCRE2 cannot compile is replaced in the pattern by a callout `(?C<n>)`, and
/// its body is compiled on its own as `(?C254)(?:<body>)(?C255)`. When the match reaches the callout at offset `p`,
/// the body is matched in the same subject, where callout 255 accepts only an end at exactly `p` and callout 254 gives
/// up once a match attempt starts after `p`: the assertion holds if the body can end at `p`, as a lookbehind means. The body
/// sees the whole subject, so its own `\b`, `$` and lookarounds behave as they would inside the pattern.
///
/// Limits, said in docs/vale-compatibility.md: a body's capture groups are kept in the pattern's numbering but never
/// set (Vale does not report them either); a body with named groups or with a variable lookbehind of its own is
/// left as it is, and PCRE2's error stands. Each test scans the subject from its start up to `p`, so a pattern that
/// opens with such a lookbehind costs more on long blocks; PCRE2's match limits bound it as any other match.
struct VariableLookbehind: Sendable {
    /// A replaced assertion: its body, compiled alone, and whether it is negative (`(?<!`).
    struct Assertion: @unchecked Sendable {
        let body: RegexPattern
        let negative: Bool
    }

    /// The pattern with callouts in place of the replaced assertions.
    let rewrittenSource: String
    /// Assertion `n - 1` for callout number `n`.
    let assertions: [Assertion]

    /// Rewrites `source`, or nil when it has no lookbehind that PCRE2 rejects for its length (or too many of them).
    init?(source: String, options: RegexOptions) {
        let bytes = Array(source.utf8)
        let flags = Self.leadingFlags(bytes)
        var output: [UInt8] = []
        var assertions: [Assertion] = []
        var index = 0
        var copiedUpTo = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index = Self.skipEscape(bytes, index)
            case UInt8(ascii: "["):
                index = Self.skipClass(bytes, index)
            case UInt8(ascii: "(") where Self.opensLookbehind(bytes, index):
                guard let close = Self.closingParenthesis(bytes, from: index) else { return nil }
                let body = Array(bytes[(index + 4)..<close])
                let negative = bytes[index + 3] == UInt8(ascii: "!")
                guard Self.isTooVariable(flags + Array("(?<=".utf8) + body + [UInt8(ascii: ")")], options: options)
                else {
                    index = close + 1
                    continue
                }
                guard assertions.count < 253, let captures = Self.captureCount(body),
                    let compiled = try? RegexPattern(
                        String(
                            decoding: flags + Array("(?C254)(?:".utf8) + body + Array(")(?C255)".utf8), as: UTF8.self),
                        options: options.union(.withoutLookbehindRewrite))
                else { return nil }
                assertions.append(Assertion(body: compiled, negative: negative))
                output += bytes[copiedUpTo..<index]
                output += Array("(?C\(assertions.count))".utf8)
                // The body's groups keep their numbers in the pattern, never set: `(?:()()){0}`.
                if captures > 0 {
                    output +=
                        Array("(?:".utf8) + Array(repeating: Array("()".utf8), count: captures).flatMap { $0 }
                        + Array("){0}".utf8)
                }
                index = close + 1
                copiedUpTo = index
            default:
                index += 1
            }
        }
        guard !assertions.isEmpty else { return nil }
        output += bytes[copiedUpTo...]
        rewrittenSource = String(decoding: output, as: UTF8.self)
        self.assertions = assertions
    }

    /// Whether PCRE2 refuses `pattern` because a lookbehind's length is not fixed.
    private static func isTooVariable(_ pattern: [UInt8], options: RegexOptions) -> Bool {
        do {
            _ = try RegexPattern(
                String(decoding: pattern, as: UTF8.self), options: options.union(.withoutLookbehindRewrite))
            return false
        } catch {
            return error.code == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH
        }
    }

    /// `(?i)`, `(?m)`, … at the very start of the pattern: they apply to the bodies too.
    private static func leadingFlags(_ bytes: [UInt8]) -> [UInt8] {
        var end = 0
        while end + 2 < bytes.count, bytes[end] == UInt8(ascii: "("), bytes[end + 1] == UInt8(ascii: "?") {
            var scan = end + 2
            while scan < bytes.count, bytes[scan].isASCIILetterOrFlagSign { scan += 1 }
            guard scan < bytes.count, scan > end + 2, bytes[scan] == UInt8(ascii: ")") else { break }
            end = scan + 1
        }
        return Array(bytes[0..<end])
    }

    private static func opensLookbehind(_ bytes: [UInt8], _ index: Int) -> Bool {
        index + 3 < bytes.count && bytes[index + 1] == UInt8(ascii: "?") && bytes[index + 2] == UInt8(ascii: "<")
            && (bytes[index + 3] == UInt8(ascii: "=") || bytes[index + 3] == UInt8(ascii: "!"))
    }

    /// The index just past an escape at `index` (`\Q…\E` included).
    private static func skipEscape(_ bytes: [UInt8], _ index: Int) -> Int {
        guard index + 1 < bytes.count else { return bytes.count }
        if bytes[index + 1] == UInt8(ascii: "Q") {
            var scan = index + 2
            while scan + 1 < bytes.count, !(bytes[scan] == UInt8(ascii: "\\") && bytes[scan + 1] == UInt8(ascii: "E")) {
                scan += 1
            }
            return min(scan + 2, bytes.count)
        }
        return index + 2
    }

    /// The index just past a character class opening at `index` (`[]a]`, `[^]a]` and `[[:alpha:]]` included).
    private static func skipClass(_ bytes: [UInt8], _ index: Int) -> Int {
        var scan = index + 1
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "^") { scan += 1 }
        if scan < bytes.count, bytes[scan] == UInt8(ascii: "]") { scan += 1 }
        while scan < bytes.count {
            switch bytes[scan] {
            case UInt8(ascii: "\\"): scan = skipEscape(bytes, scan)
            case UInt8(ascii: "]"): return scan + 1
            case UInt8(ascii: "[") where scan + 1 < bytes.count && bytes[scan + 1] == UInt8(ascii: ":"):
                var end = scan + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: ":") && bytes[end + 1] == UInt8(ascii: "]")) {
                    end += 1
                }
                scan = end + 2
            default: scan += 1
            }
        }
        return bytes.count
    }

    /// The `)` that closes the group opening at `open`.
    private static func closingParenthesis(_ bytes: [UInt8], from open: Int) -> Int? {
        var depth = 0
        var index = open
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index = skipEscape(bytes, index)
            case UInt8(ascii: "["): index = skipClass(bytes, index)
            case UInt8(ascii: "("):
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index }
                index += 1
            default: index += 1
            }
        }
        return nil
    }

    /// The numbered capture groups in a body; nil when it has named ones (they cannot be kept unset by name) or
    /// branch resets.
    private static func captureCount(_ body: [UInt8]) -> Int? {
        var count = 0
        var index = 0
        while index < body.count {
            switch body[index] {
            case UInt8(ascii: "\\"): index = skipEscape(body, index)
            case UInt8(ascii: "["): index = skipClass(body, index)
            case UInt8(ascii: "("):
                let next = index + 1 < body.count ? body[index + 1] : 0
                if next == UInt8(ascii: "?") {
                    let kind = index + 2 < body.count ? body[index + 2] : 0
                    let third = index + 3 < body.count ? body[index + 3] : 0
                    let named =
                        kind == UInt8(ascii: "P") || kind == UInt8(ascii: "'") || kind == UInt8(ascii: "|")
                        || (kind == UInt8(ascii: "<") && third != UInt8(ascii: "=") && third != UInt8(ascii: "!"))
                    if named { return nil }
                } else if next != UInt8(ascii: "*") {
                    count += 1
                }
                index += 1
            default: index += 1
            }
        }
        return count
    }
}

extension UInt8 {
    fileprivate var isASCIILetterOrFlagSign: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || self == UInt8(ascii: "-") || self == UInt8(ascii: "^")
    }
}

/// What the callouts need while a pattern with replaced lookbehinds matches on one thread: the assertions of the
/// pattern matching, a match data and context for the bodies, and the offset a body must end at.
final class LookbehindState {
    var assertions: [VariableLookbehind.Assertion] = []
    /// Where the body being matched must end.
    var bodyEnd: Int = 0
    /// The running check's deadline (`MatchScratch.deadline`): each assertion is a match of its own, which the
    /// pattern's match limit does not count, so the callout looks at the clock (every 64th test).
    var deadline: UInt64? = nil
    private var tests: UInt8 = 0

    /// Whether the deadline has passed, read every 64th call.
    func pastDeadline() -> Bool {
        guard let deadline else { return false }
        tests &+= 1
        return tests & 63 == 0 && DispatchTime.now().uptimeNanoseconds > deadline
    }
    let bodyMatchData: OpaquePointer
    let bodyContext: OpaquePointer
    /// The bodies match while the pattern's own JIT code is running: they need a JIT stack of their own.
    private let bodyJITStack: OpaquePointer?
    /// The context the pattern itself matches with: the thread's limits and JIT stack, and the assertion callout.
    let patternContext: OpaquePointer

    init(limits: MatchLimits, patternJITStack: OpaquePointer?) {
        bodyMatchData = pcre2_match_data_create_8(1, nil)
        bodyContext = pcre2_match_context_create_8(nil)
        patternContext = pcre2_match_context_create_8(nil)
        for context in [bodyContext, patternContext] {
            pcre2_set_match_limit_8(context, limits.matchLimit)
            pcre2_set_depth_limit_8(context, limits.depthLimit)
            pcre2_set_heap_limit_8(context, limits.heapLimitKiB)
        }
        bodyJITStack = pcre2_jit_stack_create_8(32 * 1024, 256 * 1024, nil)
        if let bodyJITStack { pcre2_jit_stack_assign_8(bodyContext, nil, UnsafeMutableRawPointer(bodyJITStack)) }
        if let patternJITStack {
            pcre2_jit_stack_assign_8(patternContext, nil, UnsafeMutableRawPointer(patternJITStack))
        }
        let me = Unmanaged.passUnretained(self).toOpaque()
        pcre2_set_callout_8(patternContext, assertionCallout, me)
        pcre2_set_callout_8(bodyContext, bodyEndCallout, me)
    }

    deinit {
        pcre2_match_data_free_8(bodyMatchData)
        pcre2_match_context_free_8(bodyContext)
        pcre2_match_context_free_8(patternContext)
        if let bodyJITStack { pcre2_jit_stack_free_8(bodyJITStack) }
    }
}

/// At a replaced assertion: does its body end here? 0 goes on, 1 backtracks, a negative value ends the match with
/// that error (a body that hit a match limit, or `PCRE2_ERROR_CALLOUT` past the check's deadline).
private func assertionCallout(
    _ block: UnsafeMutablePointer<pcre2_callout_block_8>?, _ data: UnsafeMutableRawPointer?
)
    -> Int32
{
    guard let block, let data else { return 0 }
    let state = Unmanaged<LookbehindState>.fromOpaque(data).takeUnretainedValue()
    let index = Int(block.pointee.callout_number) - 1
    guard index >= 0, index < state.assertions.count else { return 0 }
    let assertion = state.assertions[index]
    if state.pastDeadline() { return PCRE2_ERROR_CALLOUT }
    let position = block.pointee.current_position
    state.bodyEnd = position
    assertion.body.noteScan(of: position)
    let rc = pcre2_match_8(
        assertion.body.matchCode, block.pointee.subject, block.pointee.subject_length, 0,
        UInt32(PCRE2_NO_UTF_CHECK), state.bodyMatchData, state.bodyContext)
    if rc < 0 && rc != PCRE2_ERROR_NOMATCH { return rc }
    let holds = rc >= 0
    return holds != assertion.negative ? 0 : 1
}

/// In a body: at its start (254), stop once attempts start past the assertion's offset; at its end (255), accept
/// only an end at that offset.
private func bodyEndCallout(
    _ block: UnsafeMutablePointer<pcre2_callout_block_8>?, _ data: UnsafeMutableRawPointer?
)
    -> Int32
{
    guard let block, let data else { return 1 }
    let state = Unmanaged<LookbehindState>.fromOpaque(data).takeUnretainedValue()
    if block.pointee.start_match > state.bodyEnd { return PCRE2_ERROR_NOMATCH }
    if block.pointee.callout_number == 254 { return 0 }
    return block.pointee.current_position == state.bodyEnd ? 0 : 1
}
