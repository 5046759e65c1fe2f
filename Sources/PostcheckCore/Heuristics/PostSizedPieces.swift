/// Heuristics judge a post as a whole (its tone, its share of promotional words). Text far longer than any post
/// (over 64 KB: an archive, a generated file) is judged paragraph by paragraph instead, and a paragraph that long
/// sentence by sentence, then in 64 KB slices: the result means something, and memory stays in proportion to a
/// post rather than to the file.
extension CheckInput {
    static let wholeTextLimit = 64 * 1024

    func postSizedPieces(of subject: Subject) -> [Range<Int>] {
        let limit = Self.wholeTextLimit
        guard subject.range.count > limit else { return [subject.range] }
        let text = subject.raw ? draft.source.bytes : draft.masked
        let blocks = subject.raw ? [] : draft.blocks.map(\.range).filter { subject.range.contains($0.lowerBound) }
        var pieces: [Range<Int>] = []
        for block in blocks.isEmpty ? [subject.range] : blocks {
            if block.count <= limit {
                pieces.append(block)
                continue
            }
            for sentence in SentenceSplitter.sentences(in: text, range: block) {
                var start = sentence.lowerBound
                while start < sentence.upperBound {
                    var end = min(start + limit, sentence.upperBound)
                    while end < sentence.upperBound && text[end] & 0xC0 == 0x80 { end += 1 }
                    pieces.append(start..<end)
                    start = end
                }
            }
        }
        return pieces
    }
}
