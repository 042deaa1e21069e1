import Core

/// The validated values of one command line, by argument name and option key.
///
/// Accessors return nil when a value is absent; commands then use their own defaults (the same
/// ones their ``OptionSpec`` prints in `help`).
public struct ParsedArguments: Sendable, Hashable {
  /// The command as typed (comment stripped, spaces collapsed), for messages.
  public var text: String
  public var values: [String: ArgumentValue]
  public var activation: Activation?

  public init(text: String, values: [String: ArgumentValue] = [:], activation: Activation? = nil) {
    self.text = text
    self.values = values
    self.activation = activation
  }

  public func integer(_ name: String) -> Int? {
    if case .integer(let v) = values[name] { return v }
    return nil
  }

  public func number(_ name: String) -> Double? {
    switch values[name] {
    case .number(let v): v
    case .integer(let v): Double(v)
    default: nil
    }
  }

  public func shape(_ name: String) -> Shape? {
    if case .shape(let v) = values[name] { return v }
    return nil
  }

  public func word(_ name: String) -> String? {
    if case .word(let v) = values[name] { return v }
    return nil
  }

  public func padding(_ name: String) -> Padding? {
    if case .padding(let v) = values[name] { return v }
    return nil
  }

  public func path(_ name: String) -> String? {
    if case .path(let v) = values[name] { return v }
    return nil
  }

  public func range(_ name: String) -> ClosedRange<Int>? {
    if case .range(let v) = values[name] { return v }
    return nil
  }

  public func integers(_ name: String) -> [Int]? {
    if case .integers(let v) = values[name] { return v }
    return nil
  }

  public func numbers(_ name: String) -> [Double]? {
    if case .numbers(let v) = values[name] { return v }
    return nil
  }

  public func text(_ name: String) -> String? {
    if case .text(let v) = values[name] { return v }
    return nil
  }

  /// `init=glorot|he|lecun` as an ``Initializer``.
  public func initializer(_ name: String) -> Initializer? {
    word(name).flatMap(Initializer.init(rawValue:))
  }

  /// `yes`/`no` options as a Bool.
  public func flag(_ name: String) -> Bool? {
    word(name).map { $0 == "yes" }
  }
}
