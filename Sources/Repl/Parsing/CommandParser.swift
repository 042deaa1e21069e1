import Core

/// Turns one line of the session language into a command, using only ``CommandRegistry``.
///
/// Rules: `#` starts a comment; blank lines give nil; command names and option keys are
/// case-insensitive and never abbreviated; `key=value` options may come in any order, between
/// or after positional arguments; a layer command may end with an activation name.
public enum CommandParser {
  /// A line split into words with its comment removed.
  public static func words(of line: String) -> [String] {
    let code =
      line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    return code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
  }

  /// The spec a line starts with and how many words its name took, or the error for an
  /// unknown first word.
  public static func matchCommand(_ words: [String]) throws(CommandError) -> (CommandSpec, Int) {
    guard let first = words.first?.lowercased() else {
      throw .unknownCommand(word: "", suggestion: nil)
    }
    if words.count >= 2, let spec = CommandRegistry.spec(named: first + " " + words[1].lowercased())
    {
      return (spec, 2)
    }
    if let spec = CommandRegistry.spec(named: first) { return (spec, 1) }
    let family = CommandRegistry.names.filter { $0.hasPrefix(first + " ") }
    if !family.isEmpty {
      let seconds = family.map { String($0.dropFirst(first.count + 1)) }
      guard words.count >= 2 else { throw .incompleteCommand(word: first, choices: seconds) }
      let second = words[1].lowercased()
      let near = EditDistance.suggestion(for: second, among: seconds)
      throw .unknownCommand(word: "\(first) \(second)", suggestion: near.map { "\(first) \($0)" })
    }
    let firstWords = Array(Set(CommandRegistry.names.map { String($0.split(separator: " ")[0]) }))
      .sorted()
    throw .unknownCommand(
      word: first, suggestion: EditDistance.suggestion(for: first, among: firstWords))
  }

  /// Parses `line`; nil for a blank or comment-only line.
  public static func parse(_ line: String) throws(CommandError) -> (any ReplCommand)? {
    guard let (spec, arguments) = try parseArguments(line) else { return nil }
    return try command(spec, arguments)
  }

  /// Builds the command `spec` describes from its validated `arguments`; a layer command
  /// with `from=N` becomes a ``PlacedLayerCommand``.
  public static func command(_ spec: CommandSpec, _ arguments: ParsedArguments)
    throws(CommandError) -> any ReplCommand
  {
    let command = try spec.make(arguments)
    if let from = arguments.integer("from"), let layer = command as? any LayerCommand {
      return PlacedLayerCommand(placing: layer, from: from)
    }
    return command
  }

  /// Parses `line` into its spec and validated values without building the command.
  public static func parseArguments(_ line: String) throws(CommandError) -> (
    CommandSpec, ParsedArguments
  )? {
    let words = words(of: line)
    guard !words.isEmpty else { return nil }
    let (spec, used) = try matchCommand(words)
    var parsed = ParsedArguments(text: words.joined(separator: " "))
    var next = 0
    var i = used
    while i < words.count {
      let word = words[i]
      if next < spec.arguments.count, spec.arguments[next].kind == .layerCommand {
        parsed.values[spec.arguments[next].name] = .text(words[i...].joined(separator: " "))
        next += 1
        i = words.count
        break
      }
      if let eq = word.firstIndex(of: "="), eq != word.startIndex {
        let key = word[..<eq].lowercased()
        let value = String(word[word.index(after: eq)...])
        guard let option = spec.option(key) else {
          let keys = spec.options.map(\.key)
          throw .unknownOption(
            command: spec.name, key: key,
            suggestion: EditDistance.suggestion(for: key, among: keys),
            valid: keys)
        }
        guard parsed.values[key] == nil else {
          throw .duplicateOption(command: spec.name, key: key)
        }
        parsed.values[key] = try parseValue(
          value, kind: option.kind, command: spec.name, title: "`\(key)`")
        i += 1
        continue
      }
      if spec.takesActivation, parsed.activation == nil, let activation = Activation(name: word) {
        if next < spec.arguments.count, !spec.arguments[next].isOptional {
          let argument = spec.arguments[next]
          throw .missingArgument(command: spec.name, argument: argument.title, usage: spec.usage)
        }
        parsed.activation = activation
        i += 1
        if case .leakyRelu = activation, i < words.count,
          let alpha = Double(words[i].replacingOccurrences(of: "_", with: ""))
        {
          guard (0...1).contains(alpha) else {
            throw .outOfRange(
              command: spec.name, argument: "leaky_relu slope", value: words[i],
              expected: ValueKind.number(0...1).expectation)
          }
          parsed.activation = .leakyRelu(alpha: Float(alpha))
          i += 1
        }
        continue
      }
      if next < spec.arguments.count {
        let argument = spec.arguments[next]
        if case .rows(let range) = argument.kind {
          guard
            case .integer(let row) = try parseValue(
              word, kind: .integer(range), command: spec.name, title: argument.title)
          else { continue }
          parsed.values[argument.name] = .integers((parsed.integers(argument.name) ?? []) + [row])
          i += 1
          continue  // the same argument takes the next number too
        }
        if argument.kind == .commandName, i + 1 < words.count,
          CommandRegistry.spec(named: word.lowercased() + " " + words[i + 1].lowercased()) != nil
        {
          parsed.values[argument.name] = .word(word.lowercased() + " " + words[i + 1].lowercased())
          i += 2
        } else {
          parsed.values[argument.name] = try parseValue(
            word, kind: argument.kind, command: spec.name, title: argument.title)
          i += 1
        }
        next += 1
        continue
      }
      throw .unexpectedWord(command: spec.name, word: word, usage: spec.usage)
    }
    if let missing = spec.arguments[next...].first(where: {
      !$0.isOptional && parsed.values[$0.name] == nil
    }) {
      throw .missingArgument(command: spec.name, argument: missing.title, usage: spec.usage)
    }
    return (spec, parsed)
  }

  /// Reads one value of `kind`, or throws the error that names `title` and the expectation.
  public static func parseValue(
    _ text: String, kind: ValueKind, command: String, title: String
  ) throws(CommandError) -> ArgumentValue {
    func invalid() -> CommandError {
      .invalidValue(command: command, argument: title, value: text, expected: kind.expectation)
    }
    func outOfRange() -> CommandError {
      .outOfRange(command: command, argument: title, value: text, expected: kind.expectation)
    }
    let lower = text.lowercased()
    switch kind {
    case .integer(let range):
      guard let value = parseInteger(text) else { throw invalid() }
      guard range.contains(value) else { throw outOfRange() }
      return .integer(value)
    case .rows(let range):
      guard let value = parseInteger(text) else { throw invalid() }
      guard range.contains(value) else { throw outOfRange() }
      return .integers([value])
    case .number(let range):
      guard let value = Double(text.replacingOccurrences(of: "_", with: "")), value.isFinite,
        !text.isEmpty
      else { throw invalid() }
      guard range.contains(value) else { throw outOfRange() }
      return .number(value)
    case .kernel(let range):
      let sides = lower.split(separator: "x", omittingEmptySubsequences: false).map {
        parseInteger(String($0))
      }
      guard (1...2).contains(sides.count), let side = sides[0], sides.allSatisfy({ $0 == side })
      else {
        if sides.count == 2, sides.allSatisfy({ $0 != nil }) {
          throw CommandError.invalidValue(
            command: command, argument: title, value: text,
            expected: "a square kernel (K or KxK); non-square kernels are not supported")
        }
        throw invalid()
      }
      guard range.contains(side) else { throw outOfRange() }
      return .integer(side)
    case .shape(let words):
      if words.contains(lower) { return .word(lower) }
      let parts = lower.split(separator: "x", omittingEmptySubsequences: false).map {
        parseInteger(String($0))
      }
      guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil }),
        let shape = Shape(parsing: lower.replacingOccurrences(of: "_", with: ""))
      else {
        if parts.count >= 2, parts.count <= 3, parts.allSatisfy({ $0 != nil }) {
          throw outOfRange()
        }
        throw invalid()
      }
      guard [shape.height, shape.width, shape.channels].allSatisfy({ $0 <= maxShapeSide }) else {
        throw CommandError.outOfRange(
          command: command, argument: title, value: text,
          expected: "each of H, W and C from 1 to \(grouped(maxShapeSide))")
      }
      return .shape(shape)
    case .padding(let maxPixels):
      if lower == "valid" { return .padding(.valid) }
      if lower == "same" { return .padding(.same) }
      guard let pixels = parseInteger(text) else { throw invalid() }
      guard (0...maxPixels).contains(pixels) else { throw outOfRange() }
      return .padding(.explicit(pixels))
    case .choice(let words):
      guard words.contains(lower) else {
        if let near = EditDistance.suggestion(for: lower, among: words) {
          throw CommandError.invalidValue(
            command: command, argument: title, value: text,
            expected: "\(kind.expectation) (did you mean `\(near)`?)")
        }
        throw invalid()
      }
      return .word(lower)
    case .file(let extensions):
      guard !text.isEmpty,
        extensions.isEmpty || extensions.contains(where: { lower.hasSuffix("." + $0) })
      else { throw invalid() }
      return .path(HomeFolder.expand(text))
    case .pair(let range):
      let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
        parseInteger(String($0))
      }
      guard parts.count == 2, let a = parts[0], let b = parts[1] else { throw invalid() }
      guard range.contains(a), range.contains(b) else { throw outOfRange() }
      return .integers([a, b])
    case .integerRange(let range):
      let ends = text.split(separator: "-", omittingEmptySubsequences: false).map {
        parseInteger(String($0))
      }
      guard (1...2).contains(ends.count), let low = ends[0], let high = ends[ends.count - 1] else {
        throw invalid()
      }
      guard range.contains(low), range.contains(high), low <= high else { throw outOfRange() }
      return .range(low...high)
    case .commandName:
      let family = CommandRegistry.names.filter { $0.hasPrefix(lower + " ") }
      if CommandRegistry.spec(named: lower) == nil, !family.isEmpty {
        throw CommandError.incompleteCommand(
          word: lower, choices: family.map { String($0.dropFirst(lower.count + 1)) })
      }
      guard CommandRegistry.spec(named: lower) != nil else {
        throw CommandError.unknownCommand(
          word: lower, suggestion: EditDistance.suggestion(for: lower, among: CommandRegistry.names)
        )
      }
      return .word(lower)
    case .layerCommand:
      return .text(text)
    case .schedule:
      guard LearningRateSchedule(parsing: lower) != nil else { throw invalid() }
      return .word(lower)
    case let .kernelValues(names, counts):
      if names.contains(lower) { return .word(lower) }
      let parts = text.split(separator: ",", omittingEmptySubsequences: false)
      let numbers = parts.map { Double($0.replacingOccurrences(of: "_", with: "")) }
      guard !text.isEmpty, numbers.allSatisfy({ $0?.isFinite == true }) else {
        if parts.count == 1, let near = EditDistance.suggestion(for: lower, among: names) {
          throw CommandError.invalidValue(
            command: command, argument: title, value: text,
            expected: "\(kind.expectation) (did you mean `\(near)`?)")
        }
        throw invalid()
      }
      guard counts.contains(numbers.count) else {
        throw CommandError.refused(
          command: command,
          problem: numbers.count == 1
            ? "1 number makes no square kernel" : "\(numbers.count) numbers make no square kernel",
          hint: "give \(ValueKind.numberCounts(counts)) numbers, row by row, separated by commas")
      }
      return .numbers(numbers.compactMap { $0 })
    }
  }

  /// Largest H, W or C an `input` size may have.
  public static let maxShapeSide = 4096

  /// `60_000` → 60000; nil for anything that is not a plain whole number.
  public static func parseInteger(_ text: String) -> Int? {
    let digits = text.replacingOccurrences(of: "_", with: "")
    guard !digits.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__") else {
      return nil
    }
    return Int(digits)
  }
}
