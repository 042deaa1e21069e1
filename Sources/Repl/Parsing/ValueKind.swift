import Core

/// What a positional argument or a `key=value` option accepts, with its range.
///
/// The parser validates every value against its kind before a command is built, and `help`,
/// Tab completion and error messages describe values from the same case.
public enum ValueKind: Sendable, Hashable {
  /// A whole number in `range` (`_` separators allowed: `60_000`).
  case integer(ClosedRange<Int>)
  /// A decimal number in `range` (`0.5`, `1e-3`).
  case number(ClosedRange<Double>)
  /// A square kernel side: `3` or `3x3`, in `range`.
  case kernel(ClosedRange<Int>)
  /// An image size `HxWxC` (or `HxW` for one channel), or one of `words` (`input data`).
  case shape(words: [String])
  /// `valid`, `same` or a number of pixels `P` in `0...maxPixels`.
  case padding(maxPixels: Int)
  /// One word out of a fixed list (dataset names, optimisers, `yes`/`no`).
  case choice([String])
  /// A file path whose name ends in one of `extensions` (no dot).
  case file(extensions: [String])
  /// A row range `A-B` (or one row `A`) with both ends in `range`.
  case integerRange(ClosedRange<Int>)
  /// The name of a command (the topic of `help`).
  case commandName
  /// The rest of the line: a model-building command (`insert 3 conv 8 3`).
  case layerCommand
  /// One or more row numbers in the range, each a word of its own (`add 1 3`); takes every
  /// positional word left.
  case rows(ClosedRange<Int>)
  /// A learning-rate schedule: `step:N:F` or `cosine` (``Core/LearningRateSchedule``).
  case schedule
  /// Two whole numbers `A,B` in the range: a position `Y,X` or a move `DY,DX`.
  case pair(ClosedRange<Int>)
  /// One of `names` (a named kernel), or numbers separated by commas, `counts` telling how
  /// many (`0,1,0,1,-4,1,0,1,0`: 9 numbers, a 3x3 kernel row by row).
  case kernelValues(names: [String], counts: [Int])

  /// How `help` and error messages describe an accepted value.
  public var expectation: String {
    switch self {
    case .integer(let r): "a whole number from \(grouped(r.lowerBound)) to \(grouped(r.upperBound))"
    case .number(let r):
      "a number from \(formatDouble(r.lowerBound)) to \(formatDouble(r.upperBound))"
    case .kernel(let r): "a kernel size K or KxK, K from \(r.lowerBound) to \(r.upperBound)"
    case .shape(let words):
      "a size HxWxC such as 28x28x1"
        + (words.isEmpty ? "" : " or " + words.map { "`\($0)`" }.joined(separator: ", "))
    case .padding(let p): "valid, same or a number of pixels from 0 to \(p)"
    case .choice(let words): "one of " + words.joined(separator: ", ")
    case .file(let ext):
      ext.isEmpty
        ? "a path" : "a file name ending in " + ext.map { ".\($0)" }.joined(separator: " or ")
    case .integerRange(let r): "a range A-B with A and B from \(r.lowerBound) to \(r.upperBound)"
    case .commandName: "a command name"
    case .layerCommand: "a layer command such as `conv 8 3`"
    case .rows(let r): "row numbers from \(r.lowerBound) to \(grouped(r.upperBound)), such as `1` or `1 3`"
    case .schedule: "step:N:F (lr times F every N epochs) or cosine"
    case .pair(let r): "two whole numbers A,B from \(grouped(r.lowerBound)) to \(grouped(r.upperBound))"
    case let .kernelValues(names, counts):
      names.first.map { "a name such as \($0), or " + Self.counts(counts) + " numbers a,b,c,…" }
        ?? Self.counts(counts) + " numbers a,b,c,… (" + Self.squares(counts) + ", row by row)"
    }
  }

  /// Words Tab completion offers for this value (empty when free-form).
  public var completionWords: [String] {
    switch self {
    case .shape(let words): words + ["28x28x1", "32x32x3"]
    case .padding: ["valid", "same"]
    case .choice(let words): words
    case .commandName: CommandRegistry.names
    case .schedule: ["cosine", "step:"]
    case .kernelValues(let names, _): names
    default: []
    }
  }

  /// `9 (3x3) or 25 (5x5)`: how many numbers a square kernel of each allowed size takes.
  static func numberCounts(_ counts: [Int]) -> String {
    counts.map { "\($0) (\(squares([$0])))" }.joined(separator: " or ")
  }

  /// `9 or 25`.
  static func counts(_ counts: [Int]) -> String {
    counts.map(String.init).joined(separator: " or ")
  }

  /// `3x3 or 5x5`: the square each count fills.
  static func squares(_ counts: [Int]) -> String {
    counts.map { n in
      let side = Int(Double(n).squareRoot().rounded())
      return "\(side)x\(side)"
    }.joined(separator: " or ")
  }
}

/// Shortest form of a Double for messages: `1` not `1.0`, `0.001`.
public func formatDouble(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  return "\(value)"
}
