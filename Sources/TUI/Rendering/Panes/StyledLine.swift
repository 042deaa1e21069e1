/// One line of styled text (no newlines), as spans. A string literal is a plain line.
public struct StyledLine: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
  public var spans: [StyledSpan]

  public init(spans: [StyledSpan]) { self.spans = spans }

  public init(_ text: String, style: TextStyle = .plain) {
    spans = [StyledSpan(text, style: style)]
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The text without styles.
  public var text: String { spans.map(\.text).joined() }
  public var description: String { text }

  /// The display width in terminal columns.
  public var columns: Int { spans.reduce(0) { $0 + TextWidth.columns(of: $1.text) } }

  /// Splits into lines of at most `width` columns (hard wrap; an empty line stays one line).
  public func wrapped(width: Int) -> [StyledLine] {
    guard width > 0 else { return [self] }
    var lines: [StyledLine] = []
    var current: [StyledSpan] = []
    var used = 0
    for span in spans {
      var chunk = ""
      for ch in span.text {
        let w = TextWidth.columns(of: ch)
        if used + w > width {
          if !chunk.isEmpty { current.append(StyledSpan(chunk, style: span.style)) }
          lines.append(StyledLine(spans: current))
          current = []
          chunk = ""
          used = 0
        }
        chunk.append(ch)
        used += w
      }
      if !chunk.isEmpty { current.append(StyledSpan(chunk, style: span.style)) }
    }
    lines.append(StyledLine(spans: current))
    return lines
  }

  /// The first `width` columns (a wide character that would straddle the edge is dropped).
  public func truncated(width: Int) -> StyledLine {
    var out: [StyledSpan] = []
    var used = 0
    for span in spans {
      let room = width - used
      guard room > 0 else { break }
      let cut = TextWidth.prefix(span.text, columns: room)
      if !cut.isEmpty { out.append(StyledSpan(cut, style: span.style)) }
      used += TextWidth.columns(of: cut)
    }
    return StyledLine(spans: out)
  }
}
