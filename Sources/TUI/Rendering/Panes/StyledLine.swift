/// One line of styled text (no newlines), as spans. A string literal is a plain line that
/// wraps; `fit: .cut` marks a table or picture row that must never wrap.
public struct StyledLine: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
  public var spans: [StyledSpan]
  public var fit: LineFit

  public init(spans: [StyledSpan], fit: LineFit = .wrap) {
    self.spans = spans
    self.fit = fit
  }

  public init(_ text: String, style: TextStyle = .plain, fit: LineFit = .wrap) {
    spans = [StyledSpan(text, style: style)]
    self.fit = fit
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The text without styles.
  public var text: String { spans.map(\.text).joined() }
  public var description: String { text }

  /// The display width in terminal columns.
  public var columns: Int { spans.reduce(0) { $0 + TextWidth.columns(of: $1.text) } }

  /// The line as it stands in a pane `width` columns wide: wrapped at word boundaries
  /// (``wrapped(width:)``) or, for `.cut`, one line ending in `…` when it is too wide.
  public func fitted(width: Int) -> [StyledLine] {
    switch fit {
    case .wrap: return wrapped(width: width)
    case .cut: return [ellipsized(width: width)]
    }
  }

  /// Columns `shift ..< shift + width` of the line: `…` first when columns were skipped on
  /// the left, `…` last when more follow on the right.
  public func shifted(by shift: Int, width: Int) -> StyledLine {
    guard shift > 0 else { return ellipsized(width: width) }
    guard width > 1 else { return StyledLine(spans: [], fit: fit) }
    var out: [StyledSpan] = [StyledSpan("…", style: spans.first?.style ?? .plain)]
    var skipped = 0
    for span in spans {
      var text = ""
      for ch in span.text {
        if skipped < shift + 1 {
          skipped += TextWidth.columns(of: ch)
        } else {
          text.append(ch)
        }
      }
      if !text.isEmpty { out.append(StyledSpan(text, style: span.style)) }
    }
    return StyledLine(spans: out, fit: fit).ellipsized(width: width)
  }

  /// The line cut to `width` columns, its last column `…` when anything was cut.
  public func ellipsized(width: Int) -> StyledLine {
    guard width > 0 else { return StyledLine(spans: [], fit: fit) }
    guard columns > width else { return self }
    var cut = truncated(width: width - 1)
    cut.spans.append(StyledSpan("…", style: spans.last?.style ?? .plain))
    return cut
  }

  /// Splits into lines of at most `width` columns, breaking after the last space that fits
  /// (a word longer than the width is broken where it must be). Continuation lines keep the
  /// line's own indentation (up to half the width), so an indented list stays indented; an
  /// empty line stays one line.
  public func wrapped(width: Int) -> [StyledLine] {
    guard width > 0, columns > width else { return [self] }
    let cells = spans.flatMap { span in span.text.map { (character: $0, style: span.style) } }
    let leading = cells.prefix { $0.character == " " }.count
    let indent = leading < width / 2 ? leading : 0
    var lines: [StyledLine] = []
    var start = 0
    var first = true
    while start < cells.count {
      let room = first ? width : width - indent
      var end = start
      var used = 0
      var lastBreak: Int?
      while end < cells.count {
        let w = TextWidth.columns(of: cells[end].character)
        if used + w > room { break }
        if cells[end].character == " ", end > start { lastBreak = end }
        used += w
        end += 1
      }
      if end < cells.count, let breakAt = lastBreak, cells[end].character != " " {
        end = breakAt
      }
      if end == start { end = start + 1 }
      var piece = Array(cells[start..<end])
      while piece.count > 1, piece.last?.character == " " { piece.removeLast() }
      let pad = Array(
        repeating: (character: Character(" "), style: TextStyle.plain), count: first ? 0 : indent)
      lines.append(Self.line(from: pad + piece, fit: fit))
      start = end
      while start < cells.count, cells[start].character == " " { start += 1 }
      first = false
    }
    return lines.isEmpty ? [self] : lines
  }

  /// Groups per-character styles back into spans.
  private static func line(from cells: [(character: Character, style: TextStyle)], fit: LineFit)
    -> StyledLine
  {
    var spans: [StyledSpan] = []
    for cell in cells {
      if let last = spans.last, last.style == cell.style {
        spans[spans.count - 1].text.append(cell.character)
      } else {
        spans.append(StyledSpan(String(cell.character), style: cell.style))
      }
    }
    return StyledLine(spans: spans, fit: fit)
  }

  /// Splits into lines of at most `width` columns (hard wrap; an empty line stays one line).
  public func hardWrapped(width: Int) -> [StyledLine] {
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
          lines.append(StyledLine(spans: current, fit: fit))
          current = []
          chunk = ""
          used = 0
        }
        chunk.append(ch)
        used += w
      }
      if !chunk.isEmpty { current.append(StyledSpan(chunk, style: span.style)) }
    }
    lines.append(StyledLine(spans: current, fit: fit))
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
    return StyledLine(spans: out, fit: fit)
  }
}
