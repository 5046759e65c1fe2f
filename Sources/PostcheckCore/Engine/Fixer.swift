/// Applies fixes to a draft's bytes: sorted by position, a fix that overlaps one already taken is left for the next
/// round, and the result must still be valid UTF-8 (a fix never splits a character).
public enum Fixer {
    public struct Outcome: Sendable {
        public let bytes: [UInt8]
        /// The fixes applied, in file order, with ranges in the input bytes.
        public let applied: [Fix]
    }

    public static func apply(_ fixes: [Fix], to bytes: [UInt8]) -> Outcome {
        let ordered = fixes.sorted {
            ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var applied: [Fix] = []
        var cursor = 0
        for fix in ordered {
            guard fix.range.lowerBound >= cursor, fix.range.upperBound <= bytes.count,
                isBoundary(bytes, fix.range.lowerBound), isBoundary(bytes, fix.range.upperBound)
            else { continue }
            if let last = applied.last, last.range == fix.range { continue }
            output += bytes[cursor..<fix.range.lowerBound]
            output += Array(fix.replacement.utf8)
            cursor = fix.range.upperBound
            applied.append(fix)
        }
        output += bytes[cursor...]
        return Outcome(bytes: output, applied: applied)
    }

    private static func isBoundary(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }
}

/// A unified diff (`diff -u` style, three lines of context) between two versions of a file.
public enum UnifiedDiff {
    public static func render(path: String, old: [UInt8], new: [UInt8]) -> String {
        let a = lines(old)
        let b = lines(new)
        guard a != b else { return "" }
        let script = editScript(a, b)
        // Group edits into hunks with three lines of context on each side.
        var hunks: [[(kind: Character, line: String, oldIndex: Int, newIndex: Int)]] = []
        var current: [(Character, String, Int, Int)] = []
        var trailingContext = 0
        var pendingContext: [(Character, String, Int, Int)] = []
        for step in script {
            if step.0 == " " {
                if current.isEmpty {
                    pendingContext.append(step)
                    if pendingContext.count > 3 { pendingContext.removeFirst() }
                } else {
                    current.append(step)
                    trailingContext += 1
                    if trailingContext == 6 {
                        hunks.append(Array(current.dropLast(3)))
                        pendingContext = Array(current.suffix(3))
                        current = []
                        trailingContext = 0
                    }
                }
            } else {
                if current.isEmpty { current = pendingContext }
                pendingContext = []
                current.append(step)
                trailingContext = 0
            }
        }
        if !current.isEmpty { hunks.append(Array(current.dropLast(max(0, trailingContext - 3)))) }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        for hunk in hunks {
            let oldCount = hunk.filter { $0.kind != "+" }.count
            let newCount = hunk.filter { $0.kind != "-" }.count
            let oldStart = (hunk.first { $0.kind != "+" }?.oldIndex ?? hunk[0].oldIndex) + (oldCount == 0 ? 0 : 1)
            let newStart = (hunk.first { $0.kind != "-" }?.newIndex ?? hunk[0].newIndex) + (newCount == 0 ? 0 : 1)
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for step in hunk { out += String(step.kind) + step.line }
        }
        return out
    }

    /// Line-level edit script from a longest-common-subsequence table; past 4,000 lines a side, the changed middle
    /// (after the common head and tail) is shown as one replacement.
    private static func editScript(_ a: [String], _ b: [String]) -> [(Character, String, Int, Int)] {
        var head = 0
        while head < a.count && head < b.count && a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head && tail < b.count - head && a[a.count - 1 - tail] == b[b.count - 1 - tail] {
            tail += 1
        }
        var script: [(Character, String, Int, Int)] = (0..<head).map { (" ", a[$0], $0, $0) }
        let middleA = Array(a[head..<(a.count - tail)])
        let middleB = Array(b[head..<(b.count - tail)])
        if middleA.count <= 4000 && middleB.count <= 4000 {
            let width = middleB.count + 1
            var table = [UInt16](repeating: 0, count: (middleA.count + 1) * width)
            for i in stride(from: middleA.count - 1, through: 0, by: -1) {
                for j in stride(from: middleB.count - 1, through: 0, by: -1) {
                    table[i * width + j] =
                        middleA[i] == middleB[j]
                        ? table[(i + 1) * width + j + 1] + 1 : max(table[(i + 1) * width + j], table[i * width + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < middleA.count || j < middleB.count {
                if i < middleA.count && j < middleB.count && middleA[i] == middleB[j] {
                    script.append((" ", middleA[i], head + i, head + j))
                    i += 1
                    j += 1
                } else if i < middleA.count
                    && (j == middleB.count || table[(i + 1) * width + j] >= table[i * width + j + 1])
                {
                    script.append(("-", middleA[i], head + i, head + j))
                    i += 1
                } else {
                    script.append(("+", middleB[j], head + i, head + j))
                    j += 1
                }
            }
        } else {
            script += middleA.enumerated().map { ("-", $1, head + $0, head) }
            script += middleB.enumerated().map { ("+", $1, head + middleA.count, head + $0) }
        }
        script += (0..<tail).map { (" ", a[a.count - tail + $0], a.count - tail + $0, b.count - tail + $0) }
        return script
    }

    /// Lines with their terminators; a last line without one gets the `\ No newline at end of file` marker.
    private static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(String(decoding: bytes[start...index], as: UTF8.self))
            start = index + 1
        }
        if start < bytes.count {
            result.append(String(decoding: bytes[start...], as: UTF8.self) + "\n\\ No newline at end of file\n")
        }
        return result
    }
}
