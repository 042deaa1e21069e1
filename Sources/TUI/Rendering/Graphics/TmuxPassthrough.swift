/// tmux's passthrough: an escape sequence tmux should hand to the terminal it runs in, unread.
///
/// `ESC P tmux ; <sequence with every ESC doubled> ESC \`. tmux (3.3 and later) forwards it
/// only when its `allow-passthrough` option is `on` (or `all`); otherwise it drops it silently.
public enum TmuxPassthrough {
  /// `sequence` wrapped for tmux.
  public static func wrap(_ sequence: String) -> String {
    var out = "\u{1B}Ptmux;"
    out.reserveCapacity(sequence.utf8.count + 16)
    for scalar in sequence.unicodeScalars {
      if scalar == "\u{1B}" { out.unicodeScalars.append("\u{1B}") }
      out.unicodeScalars.append(scalar)
    }
    return out + "\u{1B}\\"
  }

  /// The sequence inside a passthrough wrapper (escapes undoubled), nil when `text` is not one.
  public static func unwrap(_ text: String) -> String? {
    let prefix = "\u{1B}Ptmux;"
    let suffix = "\u{1B}\\"
    guard text.hasPrefix(prefix), text.hasSuffix(suffix) else { return nil }
    let body = Array(text.unicodeScalars.dropFirst(prefix.unicodeScalars.count)
      .dropLast(suffix.unicodeScalars.count))
    var out = String.UnicodeScalarView()
    var i = 0
    while i < body.count {
      if body[i] == "\u{1B}" {
        guard i + 1 < body.count, body[i + 1] == "\u{1B}" else { return nil }
        i += 1
      }
      out.append(body[i])
      i += 1
    }
    return String(out)
  }
}
