import Foundation
import XCTest

@testable import PostcheckCore

/// The JSON layout every report and API response uses, written straight into bytes.
final class JSONTextWriterTests: XCTestCase {
    private let value = JSONValue.object([
        ("empty", .array([])), ("none", .object([])),
        (
            "items",
            .array([
                .int(-5), .int(Int.min), .double(0.5), .bool(true), .null,
                .string("q\"b\\n\nt\tc\u{1}é👍🏽"),
            ])
        ),
        ("nested", .object([("k", .array([.object([("x", .int(10))])]))])),
    ])

    func testLayoutEscapesAndNumbers() {
        let expected = """
            {
              "empty": [],
              "none": {},
              "items": [
                -5,
                -9223372036854775808,
                0.5,
                true,
                null,
                "q\\"b\\\\n\\nt\\tc\\u0001é👍🏽"
              ],
              "nested": {
                "k": [
                  {
                    "x": 10
                  }
                ]
              }
            }
            """
        XCTAssertEqual(value.serialized(), expected)
        XCTAssertEqual(
            value.serialized(compact: true),
            #"{"empty":[],"none":{},"items":[-5,-9223372036854775808,0.5,true,null,"q\"b\\n\nt\tc\u0001é👍🏽"],"nested":{"k":[{"x":10}]}}"#
        )
        // Both forms are JSON that reads back to the same values.
        for text in [value.serialized(), value.serialized(compact: true)] {
            let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            XCTAssertEqual((object?["items"] as? [Any])?.last as? String, "q\"b\\n\nt\tc\u{1}é👍🏽")
        }
    }

    func testStreamingWritesWhatTheTreeWrites() {
        var json = JSONTextWriter()
        json.beginObject()
        json.key("empty")
        json.beginArray()
        json.endArray()
        json.key("none")
        json.beginObject()
        json.endObject()
        json.key("items")
        json.beginArray()
        json.int(-5)
        json.int(Int.min)
        json.double(0.5)
        json.bool(true)
        json.optionalString(nil)
        json.string("q\"b\\n\nt\tc\u{1}é👍🏽")
        json.endArray()
        json.key(named: "nested")
        json.value(.object([("k", .array([.object([("x", .int(10))])]))]))
        json.endObject()
        XCTAssertEqual(json.text, value.serialized())
    }
}
