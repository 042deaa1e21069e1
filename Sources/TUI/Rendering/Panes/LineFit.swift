/// How a line wider than its pane is fitted: prose wraps at word boundaries; a table row or a
/// picture row never wraps (a wrapped row would break a column or a number in two) and is cut,
/// ending in `…`.
public enum LineFit: String, Sendable, CaseIterable {
  case wrap
  case cut
}
