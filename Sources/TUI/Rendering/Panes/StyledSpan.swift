/// A run of text in one style.
public struct StyledSpan: Sendable, Equatable {
  public var text: String
  public var style: TextStyle

  public init(_ text: String, style: TextStyle = .plain) {
    self.text = text
    self.style = style
  }
}
