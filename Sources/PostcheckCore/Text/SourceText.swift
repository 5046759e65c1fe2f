/// A draft's bytes, known to be valid UTF-8, with an index of line starts.
///
/// Everything inside postcheck works with UTF-8 byte offsets into `bytes`; lines and columns are computed only when
/// a finding is reported, from the offset the matcher produced (never by searching the text again).
public struct SourceText: Sendable {
    public let bytes: [UInt8]
    /// Byte offset where each line starts; lines end at LF, CRLF or a lone CR.
    public let lineStarts: [Int]
    /// Code points and UTF-16 units before every `checkpointStride`-th byte, so a column or UTF-16 offset costs at
    /// most one stride of scanning even on a 10 MB line with a finding every few bytes.
    private let checkpoints: [Counts]
    private static let checkpointStride = 256

    private struct Counts: Sendable {
        var scalars: Int
        var utf16: Int
    }

    public init(validating bytes: [UInt8]) throws(TextDecodingError) {
        do {
            try bytes.withUnsafeBufferPointer { buffer throws(TextDecodingError) in try validateUTF8(buffer) }
        }
        self.bytes = bytes
        self.lineStarts = Self.computeLineStarts(bytes)
        self.checkpoints = Self.computeCheckpoints(bytes)
    }

    /// Bytes already known to be valid UTF-8 (produced by postcheck itself).
    init(trustedUTF8 bytes: [UInt8]) {
        self.bytes = bytes
        self.lineStarts = Self.computeLineStarts(bytes)
        self.checkpoints = Self.computeCheckpoints(bytes)
    }

    public init(_ string: String) {
        self.bytes = Array(string.utf8)
        self.lineStarts = Self.computeLineStarts(bytes)
        self.checkpoints = Self.computeCheckpoints(bytes)
    }

    private static func computeCheckpoints(_ bytes: [UInt8]) -> [Counts] {
        var checkpoints: [Counts] = []
        checkpoints.reserveCapacity(bytes.count / checkpointStride + 1)
        var counts = Counts(scalars: 0, utf16: 0)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                checkpoints.append(counts)
                let chunk = count(buffer, start..<min(start + checkpointStride, buffer.count))
                counts.scalars += chunk.scalars
                counts.utf16 += chunk.utf16
                start += checkpointStride
            }
        }
        if bytes.count % checkpointStride == 0 { checkpoints.append(counts) }
        return checkpoints
    }

    /// Code points and UTF-16 units in `range` of valid UTF-8: every byte but a continuation byte (10xxxxxx)
    /// starts a code point, and a four-byte lead (11110xxx) starts one that takes two UTF-16 units. Eight bytes at a
    /// time: shifting a word left by one puts each byte's bit 6 under its bit 7.
    @inline(__always)
    private static func count(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Counts {
        var continuation = 0
        var fourByte = 0
        var index = range.lowerBound
        let end = range.upperBound
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            let high: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                continuation &+= (word & ~(word << 1) & high).nonzeroBitCount
                fourByte &+= (word & (word << 1) & (word << 2) & (word << 3) & high).nonzeroBitCount
                index += 8
            }
        }
        while index < end {
            let byte = buffer[index]
            continuation &+= byte & 0xC0 == 0x80 ? 1 : 0
            fourByte &+= byte >= 0xF0 ? 1 : 0
            index += 1
        }
        let scalars = range.count - continuation
        return Counts(scalars: scalars, utf16: scalars &+ fourByte)
    }

    /// Code points and UTF-16 units in `bytes[0..<offset]`.
    private func counts(before offset: Int) -> Counts {
        let offset = min(max(offset, 0), bytes.count)
        let checkpoint = offset / Self.checkpointStride
        var counts = checkpoints[checkpoint]
        let rest = bytes.withUnsafeBufferPointer { Self.count($0, (checkpoint * Self.checkpointStride)..<offset) }
        counts.scalars += rest.scalars
        counts.utf16 += rest.utf16
        return counts
    }

    /// Code points and UTF-16 units in `bytes[start..<end]`: counted directly when the stretch is short, else as
    /// the difference of the counts before each end.
    private func counts(from start: Int, to end: Int) -> Counts {
        if end - start <= Self.checkpointStride {
            return bytes.withUnsafeBufferPointer { Self.count($0, start..<end) }
        }
        let before = counts(before: end)
        let atStart = counts(before: start)
        return Counts(scalars: before.scalars - atStart.scalars, utf16: before.utf16 - atStart.utf16)
    }

    private static func computeLineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        let count = bytes.count
        // Without a carriage return, every line ends at a line feed: jump from one to the next.
        let withoutCR: Bool = bytes.withUnsafeBufferPointer { buffer in
            guard firstIndex(of: 0x0D, in: buffer, 0..<count) == nil else { return false }
            while let newline = firstIndex(of: 0x0A, in: buffer, index..<count) {
                starts.append(newline + 1)
                index = newline + 1
            }
            return true
        }
        if withoutCR { return starts }
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    public var lineCount: Int { lineStarts.count }

    /// 0-based line containing `offset`.
    public func lineIndex(containing offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Byte range of a 0-based line without its line terminator.
    public func lineContentRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    /// 1-based line and 1-based column in Unicode code points of a byte offset.
    public func location(of offset: Int) -> TextLocation {
        let offset = min(max(offset, 0), bytes.count)
        let line = lineIndex(containing: offset)
        let inLine = counts(from: min(lineStarts[line], offset), to: offset)
        return TextLocation(line: line + 1, column: inLine.scalars + 1, utf16Column: inLine.utf16 + 1)
    }

    /// UTF-16 code-unit offset of a byte offset from the start of the text (for LanguageTool/LSP/browser clients).
    public func utf16Offset(of offset: Int) -> Int {
        counts(before: offset).utf16
    }

    /// Byte offset of a 1-based line and code-point column (inverse of `location(of:)`), or nil if out of range.
    public func offset(line: Int, column: Int) -> Int? {
        guard line >= 1 && line <= lineStarts.count && column >= 1 else { return nil }
        let range = lineContentRange(line - 1)
        var index = range.lowerBound
        var remaining = column - 1
        while remaining > 0 {
            guard index < range.upperBound else { return nil }
            index += 1
            while index < range.upperBound && bytes[index] & 0xC0 == 0x80 { index += 1 }
            remaining -= 1
        }
        return index
    }

    public func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}

/// A reported position: 1-based line, 1-based column in Unicode code points, and the UTF-16 column for clients
/// that count that way.
public struct TextLocation: Sendable, Hashable, Codable {
    public let line: Int
    public let column: Int
    public let utf16Column: Int

    public init(line: Int, column: Int, utf16Column: Int) {
        self.line = line
        self.column = column
        self.utf16Column = utf16Column
    }
}
