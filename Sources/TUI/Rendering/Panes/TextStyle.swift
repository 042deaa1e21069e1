/// The look of a span of text. Without colour only `bold`/`heading` keep an attribute when
/// colour is allowed at all; with `--color never` everything is drawn plain.
public enum TextStyle: String, Sendable, CaseIterable {
  case plain
  case bold
  case dim
  case heading
  case accent
  case success
  case warning
  case error
}
