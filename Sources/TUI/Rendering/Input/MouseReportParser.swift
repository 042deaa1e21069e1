/// Picks the terminal's mouse reports out of the key bytes before they reach readline (keypad
/// is off, so ncurses does not decode them), keeping only the wheel.
///
/// Two encodings, as terminfo's `kmous` names them:
/// - X10/normal (`\e[M` then three bytes `Cb+32`, `Cx+32`, `Cy+32`; tmux, screen);
/// - SGR 1006 (`\e[<Cb;Cx;CyM` or `…m`; xterm).
///
/// In both, `Cb` is 64 for wheel up and 65 for wheel down, plus 4/8/16 for Shift/Meta/Ctrl.
/// Other buttons are swallowed (a click must not type `[M…` into the line); every other byte
/// sequence is handed back unchanged, in order.
public struct MouseReportParser: Sendable {
  /// What one byte completed.
  public enum Output: Equatable, Sendable {
    /// Bytes for readline (a key, or a sequence that turned out not to be a mouse report).
    case keys([UInt8])
    /// The wheel turned: `up` scrolls back (older lines).
    case wheel(up: Bool)
    /// A mouse report that is not the wheel (ignored).
    case ignored
  }

  private enum State: Sendable {
    case idle, escape, bracket, x10([UInt8]), sgr([UInt8])
  }

  private var state = State.idle
  /// Longest SGR report kept (`\e[<` + `64;1000;1000` is 12): anything longer is not one.
  static let longestSGR = 16

  public init() {}

  /// Feeds one byte; returns what it completed (nil while a report may still be coming).
  public mutating func feed(_ byte: UInt8) -> Output? {
    switch state {
    case .idle:
      guard byte == 0x1B else { return .keys([byte]) }
      state = .escape
      return nil
    case .escape:
      guard byte == UInt8(ascii: "[") else { return flush([0x1B, byte]) }
      state = .bracket
      return nil
    case .bracket:
      if byte == UInt8(ascii: "M") {
        state = .x10([])
        return nil
      }
      if byte == UInt8(ascii: "<") {
        state = .sgr([])
        return nil
      }
      return flush([0x1B, UInt8(ascii: "["), byte])
    case .x10(var bytes):
      bytes.append(byte)
      guard bytes.count == 3 else {
        state = .x10(bytes)
        return nil
      }
      state = .idle
      return Self.event(button: Int(bytes[0]) - 32)
    case .sgr(var bytes):
      if byte == UInt8(ascii: "M") || byte == UInt8(ascii: "m") {
        state = .idle
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: ";")
        guard fields.count == 3, let button = Int(fields[0]) else { return .ignored }
        return byte == UInt8(ascii: "M") ? Self.event(button: button) : .ignored
      }
      let isField = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ";")
      guard isField, bytes.count < Self.longestSGR else {
        return flush([0x1B, UInt8(ascii: "["), UInt8(ascii: "<")] + bytes + [byte])
      }
      bytes.append(byte)
      state = .sgr(bytes)
      return nil
    }
  }

  private mutating func flush(_ bytes: [UInt8]) -> Output {
    state = .idle
    return .keys(bytes)
  }

  /// Wheel up/down for button codes 64/65 (modifier bits 4, 8, 16 ignored), else ignored.
  static func event(button: Int) -> Output {
    switch button & ~(4 | 8 | 16) {
    case 64: return .wheel(up: true)
    case 65: return .wheel(up: false)
    default: return .ignored
    }
  }
}
