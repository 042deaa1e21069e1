/// The lines of a session script. `\n`, `\r\n` (a file saved on Windows) and `\r` each end a
/// line; a line end at the very end adds no empty line. (In Swift `\r\n` is one `Character`,
/// so splitting at `"\n"` would read a CRLF script as one long command.)
public enum ScriptLines {
  public static func split(_ text: String) -> [String] {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}
