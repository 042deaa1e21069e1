/// The F1 help over the notebook: the key list and the commands, wrapped at word boundaries,
/// scrolled by `scroll` lines (PgUp/PgDn while it is open); the last row says how to go on or
/// close it.
public enum HelpPane {
  public static func render(_ lines: [StyledLine], width: Int, height: Int, scroll: Int)
    -> [StyledLine]
  {
    guard width > 0, height > 0 else { return [] }
    let all = lines.flatMap { $0.wrapped(width: width) }
    let room = max(1, height - 1)
    let first = max(0, min(scroll, all.count - room))
    let end = min(all.count, first + room)
    var out = Array(all[first..<end])
    let position =
      end < all.count ? "lines \(first + 1)-\(end) of \(all.count): PgDn more, " : ""
    if height >= 2 {
      out.append(StyledLine("-- help \(position)F1 closes --", style: .accent).ellipsized(width: width))
    }
    return out
  }

  /// Lines `lines` take at `width` (for clamping the scroll).
  public static func lineCount(_ lines: [StyledLine], width: Int) -> Int {
    lines.reduce(0) { $0 + $1.wrapped(width: width).count }
  }
}
