#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first `byte` in `buffer[range]`, found with the C library's `memchr` (vectorized): the draft-wide passes
/// look for rare bytes (`<` of a comment, a line break) and spend most of their time between them.
@inline(__always)
func firstIndex(of byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    guard let base = buffer.baseAddress, !range.isEmpty else { return nil }
    guard let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
    return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
}
