import XCTest

@testable import PostcheckCore

/// The byte-keyed table behind the tone memo must answer as a `Dictionary` keyed by the same bytes would,
/// through growth, colliding slots, keys that are prefixes of each other, the empty key and a reset.
final class ByteKeyedTableTests: XCTestCase {
    func testAnswersAsADictionaryWould() {
        var generator = SystemRandomNumberGenerator()
        // A small alphabet makes many keys share prefixes and repeat.
        let alphabet: [UInt8] = Array("ab".utf8) + Array("é".utf8)
        var table = ByteKeyedTable<Int>()
        var reference: [[UInt8]: Int] = [:]
        for round in 0..<5_000 {
            let key = (0..<Int.random(in: 0..<7, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            // The key sits inside a larger buffer, as a word inside a draft.
            let buffer = [0x20] + key + [0x20]
            let range = 1..<(1 + key.count)
            if let known = reference[key] {
                XCTAssertEqual(table.index(of: buffer, range).map { table[$0] }, known)
            } else {
                XCTAssertNil(table.index(of: buffer, range), "\(key) was never inserted")
                table.insert(buffer, range, value: round)
                reference[key] = round
            }
        }
        XCTAssertEqual(table.count, reference.count)
        XCTAssertGreaterThan(table.count, 64, "the table grew past its first capacity")
        for (key, value) in reference {
            XCTAssertEqual(table.index(of: key, 0..<key.count).map { table[$0] }, value)
        }
        table.removeAll()
        XCTAssertEqual(table.count, 0)
        for key in reference.keys { XCTAssertNil(table.index(of: key, 0..<key.count)) }
        table.insert(Array("slecht".utf8), 0..<6, value: 7)
        XCTAssertEqual(table.index(of: Array("slechte".utf8), 0..<6).map { table[$0] }, 7)
        XCTAssertNil(table.index(of: Array("slechte".utf8), 0..<7))
    }
}
