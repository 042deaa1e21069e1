import Rendering
import Testing

/// Wheel reports in both encodings become scroll events; clicks are swallowed; every other
/// byte sequence (arrows, PgUp, Meta keys, plain text) reaches readline unchanged.
@Suite struct MouseReportParserTests {
  /// Feeds `bytes` and collects what came out.
  static func run(_ bytes: [UInt8]) -> [MouseReportParser.Output] {
    var parser = MouseReportParser()
    return bytes.compactMap { parser.feed($0) }
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  static func keys(_ outputs: [MouseReportParser.Output]) -> [UInt8] {
    outputs.flatMap { output -> [UInt8] in
      if case .keys(let bytes) = output { return bytes }
      return []
    }
  }

  @Test func x10WheelUpAndDown() {
    // Cb = 64 + 32 = '`', 65 + 32 = 'a'; column 10, row 5 (+32 each).
    #expect(Self.run(Self.bytes("\u{1B}[M`*%")) == [.wheel(up: true)])
    #expect(Self.run(Self.bytes("\u{1B}[Ma*%")) == [.wheel(up: false)])
    // Shift (4) held: still the wheel; a left click (0 + 32 = ' ') is ignored.
    #expect(Self.run(Self.bytes("\u{1B}[Md*%")) == [.wheel(up: true)])
    #expect(Self.run(Self.bytes("\u{1B}[M *%")) == [.ignored])
  }

  @Test func sgrWheelAndRelease() {
    #expect(Self.run(Self.bytes("\u{1B}[<64;10;5M")) == [.wheel(up: true)])
    #expect(Self.run(Self.bytes("\u{1B}[<65;120;40M")) == [.wheel(up: false)])
    #expect(Self.run(Self.bytes("\u{1B}[<0;3;4M\u{1B}[<0;3;4m")) == [.ignored, .ignored])
  }

  @Test func otherSequencesPassThroughInOrder() {
    let text = "a\u{1B}[A\u{1B}[5~\u{1B}b\u{1B}OP"
    let outputs = Self.run(Self.bytes(text))
    #expect(Self.keys(outputs) == Self.bytes(text))
    #expect(outputs.count == outputs.filter { if case .keys = $0 { true } else { false } }.count)
  }

  @Test func aRunawaySGRIsHandedBack() {
    let text = "\u{1B}[<" + String(repeating: "1", count: 20)
    #expect(Self.keys(Self.run(Self.bytes(text))) == Self.bytes(text))
  }
}
