import CPCRE2
import Foundation

/// Options that change how a pattern is compiled.
public struct RegexOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let caseInsensitive = RegexOptions(rawValue: 1 << 0)
    /// `^` and `$` match at line starts and ends (Vale's templates always add `(?m)`).
    public static let multiline = RegexOptions(rawValue: 1 << 1)
    /// Matched by PCRE2's interpreter, not compiled to machine code: for patterns matched a few times on short
    /// texts, where compiling costs more than it saves.
    public static let interpreted = RegexOptions(rawValue: 1 << 2)
    /// Compiled as written: a lookbehind PCRE2 refuses for its length stays an error (`VariableLookbehind` compiles
    /// bodies with it, so that they never nest).
    static let withoutLookbehindRewrite = RegexOptions(rawValue: 1 << 3)
}

/// A pattern that PCRE2 could not compile: PCRE2's message and the offset (in UTF-8 code units of the pattern).
public struct RegexCompileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pattern: String
    public let message: String
    public let offset: Int
    /// PCRE2's error code.
    public var code: Int32 = 0

    public var description: String {
        "invalid regular expression at offset \(offset): \(message) in /\(pattern)/"
    }
}

/// A compiled PCRE2 pattern over UTF-8 subjects. Compiled once, shared by all threads; matching state lives in a
/// `MatchScratch`, one per thread.
///
/// Compiled to machine code (PCRE2's JIT) only once it has scanned enough text to pay for it
/// (`jitThreshold` bytes): JIT-compiling a large word list takes longer than the interpreter needs for a short draft,
/// and the 71 rules of the Vale packages spent 10 ms of every start in the JIT. A word list that the shared scan tries
/// only at its candidate places never scans, and stays interpreted: anchored there, it matches as fast either way.
///
/// Compiled with UTF and UCP so that `\b`, `\w` and case folding are Unicode-aware (é, ë, ç, ß), and with
/// `NEWLINE_ANYCRLF` so that `$` and `.` treat CRLF drafts like LF ones.
public final class RegexPattern: @unchecked Sendable {
    public let source: String
    public let options: RegexOptions
    /// Number of capture groups in the pattern.
    public let captureCount: Int
    /// Whether PCRE2's JIT has compiled this pattern (once it has scanned `jitThreshold` bytes, or
    /// `compileToMachineCode()` was called).
    public var isJITCompiled: Bool { postcheck_atomic_load_pointer(jitSlot) != nil }
    /// Bytes scanned (not anchored) after which a pattern is compiled to machine code.
    static let jitThreshold = 16 * 1024
    /// Named groups and their numbers.
    public let groupNames: [String: Int]
    /// When set, every match of this pattern starts where one of these texts starts (compared without case): the
    /// linter then finds candidate places for many such patterns in one scan (`LiteralPrefilter`) and tries this
    /// pattern only there. Set by the rule that built the pattern, before it is shared.
    public internal(set) var startTexts: [String]? = nil
    /// Those of `startTexts` that every match starting with them has a word boundary right after: whole tokens of a
    /// word list before its closing `\b` or `(?![\p{L}\p{N}_])`, or texts followed by `\b` in the pattern
    /// (`\b(am|is)\b…`). Where one that ends with an ASCII letter, digit or `_` is followed by another, the boundary
    /// cannot hold: the shared scan leaves such places out (`ass` in "assistant", `be` in "because"), which PCRE2
    /// would otherwise try and reject one by one.
    public internal(set) var wordEndTexts: Set<String> = []

    /// The interpreted code; `jitSlot` holds a JIT-compiled copy once there is one (`matchCode` picks).
    private let code: OpaquePointer
    private let jitSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let scannedBytes: UnsafeMutablePointer<Int>
    private let jitLock = NSLock()
    /// Set when the pattern opens with a run of a class and a literal byte (`RunAnchor`): searched from that byte.
    let runAnchor: RunAnchor?
    /// Set when lookbehinds PCRE2 refuses for their length were replaced by callouts (`VariableLookbehind`).
    let variableLookbehind: VariableLookbehind?

    public init(_ source: String, options: RegexOptions = []) throws(RegexCompileError) {
        self.source = source
        self.options = options
        var flags = UInt32(PCRE2_UTF | PCRE2_UCP)
        if options.contains(.caseInsensitive) { flags |= UInt32(PCRE2_CASELESS) }
        if options.contains(.multiline) { flags |= UInt32(PCRE2_MULTILINE) }

        let context = pcre2_compile_context_create_8(nil)
        defer { pcre2_compile_context_free_8(context) }
        pcre2_set_newline_8(context, UInt32(PCRE2_NEWLINE_ANYCRLF))

        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        func compile(_ text: String) -> OpaquePointer? {
            text.utf8.withContiguousStorageIfAvailable { buffer in
                pcre2_compile_8(buffer.baseAddress, buffer.count, flags, &errorCode, &errorOffset, context)
            }
                ?? {
                    var copy = Array(text.utf8)
                    return copy.withUnsafeMutableBufferPointer { buffer in
                        pcre2_compile_8(buffer.baseAddress, buffer.count, flags, &errorCode, &errorOffset, context)
                    }
                }()
        }
        var compiled = compile(source)
        var lookbehind: VariableLookbehind? = nil
        if compiled == nil, errorCode == PCRE2_ERROR_LOOKBEHIND_NOT_FIXED_LENGTH,
            !options.contains(.withoutLookbehindRewrite),
            let rewritten = VariableLookbehind(source: source, options: options)
        {
            let original = (errorCode, errorOffset)
            compiled = compile(rewritten.rewrittenSource)
            // Anything else wrong with the pattern PCRE2 reports before the lookbehind's length: keep its own error.
            if compiled == nil { (errorCode, errorOffset) = original } else { lookbehind = rewritten }
        }
        guard let compiled else {
            throw RegexCompileError(
                pattern: source, message: pcre2ErrorMessage(errorCode), offset: errorOffset, code: errorCode)
        }
        self.code = compiled
        self.variableLookbehind = lookbehind
        jitSlot = .allocate(capacity: 1)
        jitSlot.initialize(to: nil)
        scannedBytes = .allocate(capacity: 1)
        scannedBytes.initialize(to: 0)

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        self.captureCount = Int(count)
        self.groupNames = Self.readGroupNames(compiled)
        self.runAnchor = lookbehind == nil ? RunAnchor(source: source, options: options) : nil
    }

    deinit {
        if let jit = jitSlot.pointee { pcre2_code_free_8(OpaquePointer(jit)) }
        pcre2_code_free_8(code)
        jitSlot.deallocate()
        scannedBytes.deallocate()
    }

    /// The code to match with: the JIT-compiled copy once there is one.
    @inline(__always)
    var matchCode: OpaquePointer {
        postcheck_atomic_load_pointer(jitSlot).map(OpaquePointer.init) ?? code
    }

    /// Counts a scan of `byteCount` bytes, and compiles the pattern to machine code once the scans add up to
    /// `jitThreshold`. Once compiled, nothing is counted: threads on other cores then only read the published code.
    @inline(__always)
    func noteScan(of byteCount: Int) {
        guard !options.contains(.interpreted), postcheck_atomic_load_pointer(jitSlot) == nil else { return }
        if postcheck_atomic_add(scannedBytes, byteCount) >= Self.jitThreshold { compileToMachineCode() }
    }

    /// Compiles a copy of the pattern with PCRE2's JIT (where the library has one) and publishes it, once; threads
    /// matching meanwhile go on with the interpreted code, which the copy leaves untouched.
    public func compileToMachineCode() {
        guard !options.contains(.interpreted) else { return }
        jitLock.lock()
        defer { jitLock.unlock() }
        guard postcheck_atomic_load_pointer(jitSlot) == nil, let copy = pcre2_code_copy_8(code) else { return }
        guard pcre2_jit_compile_8(copy, UInt32(PCRE2_JIT_COMPLETE)) == 0 else {
            pcre2_code_free_8(copy)
            // No JIT here: stop counting towards it.
            _ = postcheck_atomic_add(scannedBytes, Int.min / 2)
            return
        }
        postcheck_atomic_store_pointer(jitSlot, UnsafeMutableRawPointer(copy))
    }

    private static func readGroupNames(_ code: OpaquePointer) -> [String: Int] {
        var nameCount: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        guard nameCount > 0 else { return [:] }
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard let table else { return [:] }
        var names: [String: Int] = [:]
        for index in 0..<Int(nameCount) {
            let entry = table + index * Int(entrySize)
            let number = Int(entry[0]) << 8 | Int(entry[1])
            let nameStart = entry + 2
            var length = 0
            while length < Int(entrySize) - 2 && nameStart[length] != 0 { length += 1 }
            let name = String(decoding: UnsafeBufferPointer(start: nameStart, count: length), as: UTF8.self)
            names[name] = number
        }
        return names
    }

    /// Whether this PCRE2 build has a JIT compiler at all.
    public static var jitAvailable: Bool {
        var available: UInt32 = 0
        pcre2_config_8(UInt32(PCRE2_CONFIG_JIT), &available)
        return available == 1
    }

    /// Escapes a literal string so that it matches itself.
    public static func escape(_ literal: String) -> String {
        var out = ""
        out.reserveCapacity(literal.utf8.count)
        for character in literal.unicodeScalars {
            if "\\^$.|?*+()[]{}/-#".unicodeScalars.contains(character) { out.append("\\") }
            out.unicodeScalars.append(character)
        }
        return out
    }
}

func pcre2ErrorMessage(_ code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
    guard length > 0 else { return "PCRE2 error \(code)" }
    return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
}

extension RegexPattern {
    /// Sets `startTexts` from each token's leading texts, and `wordEndTexts` from those with a boundary after them:
    /// the whole ones when `tokensEndPattern` (nothing but the closing word boundary follows the tokens), and those
    /// the token itself follows with `\b`. A text that is also a mere beginning for another token is none.
    func setLeadingTexts(_ lists: [TokenTrie.LeadingTexts], tokensEndPattern: Bool) {
        startTexts = lists.flatMap(\.texts)
        let bounded = { (list: TokenTrie.LeadingTexts) in list.whole && tokensEndPattern || list.boundaryAfter }
        let beginnings = Set(lists.filter { !bounded($0) }.flatMap(\.texts))
        wordEndTexts = Set(lists.filter(bounded).flatMap(\.texts)).subtracting(beginnings)
    }
}
