/// What a terminal answered to the graphics query: the kitty query's `ESC _ G i=31 ; OK ESC \`
/// and the primary device attributes (DA1) `ESC [ ? 64 ; 4 ; … c`, where attribute 4 means sixel.
///
/// Terminals answer in order, and every terminal answers DA1, so the DA1 answer ends the wait:
/// a kitty answer has come before it or will not come.
public struct TerminalGraphicsAnswer: Sendable, Equatable {
  /// The terminal accepted the kitty query.
  public var kitty = false
  /// DA1 lists attribute 4 (sixel graphics).
  public var sixel = false
  /// The DA1 answer has arrived (nothing more is coming).
  public var complete = false

  public init(kitty: Bool = false, sixel: Bool = false, complete: Bool = false) {
    self.kitty = kitty
    self.sixel = sixel
    self.complete = complete
  }

  /// What to write to ask: the kitty query, then DA1 (`ESC [ c`).
  public static let query = KittyGraphics.query + "\u{1B}[c"

  /// Reads the answers in `bytes` (anything else the terminal sent, such as a key pressed
  /// meanwhile, is skipped).
  public static func parse(_ bytes: [UInt8]) -> TerminalGraphicsAnswer {
    var answer = TerminalGraphicsAnswer()
    let esc: UInt8 = 0x1B
    var i = 0
    while i < bytes.count {
      guard bytes[i] == esc, i + 1 < bytes.count else {
        i += 1
        continue
      }
      if bytes[i + 1] == UInt8(ascii: "_") {
        // APC: up to ESC \ (or BEL).
        var j = i + 2
        while j < bytes.count && bytes[j] != esc && bytes[j] != 0x07 { j += 1 }
        let body = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
        if body.hasPrefix("G"), let semicolon = body.firstIndex(of: ";") {
          let keys = body[body.index(after: body.startIndex)..<semicolon].split(separator: ",")
          if keys.contains("i=31") && body[body.index(after: semicolon)...].hasPrefix("OK") {
            answer.kitty = true
          }
        }
        i = j + 1
      } else if bytes[i + 1] == UInt8(ascii: "["), i + 2 < bytes.count,
        bytes[i + 2] == UInt8(ascii: "?")
      {
        var j = i + 3
        while j < bytes.count && (bytes[j] == UInt8(ascii: ";") || (48...57).contains(bytes[j])) {
          j += 1
        }
        if j < bytes.count && bytes[j] == UInt8(ascii: "c") {
          let attributes = String(decoding: bytes[(i + 3)..<j], as: UTF8.self)
            .split(separator: ";")
          if attributes.dropFirst().contains("4") { answer.sixel = true }
          answer.complete = true
        }
        i = j
      } else {
        i += 1
      }
    }
    return answer
  }
}
