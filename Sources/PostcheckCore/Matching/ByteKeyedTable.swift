#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash table keyed by byte strings, for words looked up straight from a draft's bytes. Looking a word up makes
/// no `String`, and the hash (FNV-1a) costs little next to `Hasher`'s SipHash on a short word; seeding against
/// collision attacks matters less here than in `Dictionary`, because a draft can only slow its own check.
/// Keys are copied into one arena; values sit in insertion order.
struct ByteKeyedTable<Value> {
    /// Entry number + 1 per slot; 0 is an empty slot. The capacity is a power of two, at most half full.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Where each key ends in `arena` (it starts where the one before ends).
    private var keyEnds: [Int] = []
    private var arena: [UInt8] = []
    private(set) var values: [Value] = []

    init() { slots = [Int32](repeating: 0, count: 64) }

    var count: Int { values.count }

    /// The entry number of `range` of `bytes`, if it is a key.
    func index(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        index(of: UnsafeBufferPointer(rebasing: bytes[range]), hash: Self.hash(bytes, range))
    }

    func index(of bytes: [UInt8], _ range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { index(of: $0, range) }
    }

    /// Adds a key that is not in the table yet, and returns its entry number.
    @discardableResult
    mutating func insert(_ bytes: [UInt8], _ range: Range<Int>, value: Value) -> Int {
        bytes.withUnsafeBufferPointer { insert($0, range, value: value) }
    }

    @discardableResult
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, value: Value) -> Int {
        let hash = Self.hash(bytes, range)
        if (values.count + 1) * 2 > slots.count { grow() }
        arena.append(contentsOf: bytes[range])
        keyEnds.append(arena.count)
        hashes.append(hash)
        values.append(value)
        place(values.count - 1, hash: hash)
        return values.count - 1
    }

    subscript(entry: Int) -> Value { values[entry] }

    mutating func removeAll() {
        for slot in slots.indices { slots[slot] = 0 }
        hashes.removeAll(keepingCapacity: true)
        keyEnds.removeAll(keepingCapacity: true)
        arena.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    private func index(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            let entry = stored - 1
            if hashes[entry] == hash {
                let start = entry == 0 ? 0 : keyEnds[entry - 1]
                if keyEnds[entry] - start == key.count && arena.withUnsafeBufferPointer({ Self.equal($0, start, key) })
                {
                    return entry
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `key` is stored at `start` of the arena: short keys (most words) byte by byte, without a call.
    @inline(__always)
    private static func equal(
        _ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ key: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        guard key.count > 16 else {
            for offset in 0..<key.count where arena[start + offset] != key[offset] { return false }
            return true
        }
        return memcmp(arena.baseAddress! + start, key.baseAddress!, key.count) == 0
    }

    private mutating func place(_ entry: Int, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        for entry in hashes.indices { place(entry, hash: hashes[entry]) }
    }

    /// FNV-1a, 64 bits, with the high bits folded in: slots are picked by the low bits.
    @inline(__always)
    static func hash(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in range {
            hash = (hash ^ UInt64(buffer[index])) &* 0x100_0000_01b3
        }
        return hash ^ (hash >> 29)
    }
}

extension ByteKeyedTable: Sendable where Value: Sendable {}
