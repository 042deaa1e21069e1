/// The `--color auto|always|never` option.
public enum ColorChoice: String, Sendable, CaseIterable {
  case auto
  case always
  case never
}
