/// One positional argument of a command: `F` in `conv F K`.
public struct ArgumentSpec: Sendable, Hashable {
  /// Short name as usage lines print it (`F`, `K`, `FILE`).
  public var name: String
  /// What error messages call it (`filters F`, `kernel K`).
  public var title: String
  /// What it means, for `help CMD`.
  public var help: String
  public var kind: ValueKind
  /// Optional arguments may be left out (`help [CMD]`, `leaky_relu [A]`).
  public var isOptional: Bool

  public init(
    _ name: String, _ title: String, _ kind: ValueKind, optional: Bool = false, help: String
  ) {
    self.name = name
    self.title = title
    self.kind = kind
    self.isOptional = optional
    self.help = help
  }

  var usage: String {
    if case .rows = kind { return "\(name) [M …]" }
    return isOptional ? "[\(name)]" : name
  }
}

/// One `key=value` option of a command: `stride=S` in `conv F K [stride=S]`.
public struct OptionSpec: Sendable, Hashable {
  public var key: String
  /// Placeholder in usage lines (`S` in `stride=S`).
  public var placeholder: String
  public var help: String
  public var kind: ValueKind
  /// The value used when the option is absent, as text for `help` (nil when absent means
  /// "not set", such as `limit`).
  public var defaultText: String?

  public init(
    _ key: String, _ placeholder: String, _ kind: ValueKind, default defaultText: String? = nil,
    help: String
  ) {
    self.key = key
    self.placeholder = placeholder
    self.kind = kind
    self.defaultText = defaultText
    self.help = help
  }

  var usage: String { "[\(key)=\(placeholder)]" }
}
