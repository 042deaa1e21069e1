import Core

/// Why a command line was refused, with the data a student needs to fix it.
///
/// `description` is one line `CMD: what is wrong; what to do`; presenters put `error: ` (or
/// `FILE:LINE: error: `) in front. A refused command changes nothing.
public enum CommandError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The first word is no command; `suggestion` is the nearest name, if close enough.
  case unknownCommand(word: String, suggestion: String?)
  /// A command family word alone (`show`) that needs one of `choices` after it.
  case incompleteCommand(word: String, choices: [String])
  /// A `key=value` whose key the command does not have.
  case unknownOption(command: String, key: String, suggestion: String?, valid: [String])
  /// The same key twice.
  case duplicateOption(command: String, key: String)
  /// A required positional argument is missing.
  case missingArgument(command: String, argument: String, usage: String)
  /// A value that does not read as its kind (`input 28by28`, `conv x 3`).
  case invalidValue(command: String, argument: String, value: String, expected: String)
  /// A number outside its allowed range (`conv 0 3`, `dropout 1.5`).
  case outOfRange(command: String, argument: String, value: String, expected: String)
  /// Words left over after every argument was read.
  case unexpectedWord(command: String, word: String, usage: String)
  /// The network refused the edit (shape arithmetic inside).
  case shape(command: String, ShapeError)
  /// A command whose machinery is not wired in this build.
  case notAvailable(command: String)
  /// Any other refusal: `problem` then `hint`.
  case refused(command: String, problem: String, hint: String)

  /// The command word(s) the error is about (for `FILE:LINE:` reports and tests).
  public var command: String {
    switch self {
    case let .unknownCommand(word, _), let .incompleteCommand(word, _): word
    case let .unknownOption(c, _, _, _), let .duplicateOption(c, _), let .missingArgument(c, _, _),
      let .invalidValue(c, _, _, _), let .outOfRange(c, _, _, _), let .unexpectedWord(c, _, _),
      let .shape(c, _), let .notAvailable(c), let .refused(c, _, _):
      c
    }
  }

  public var description: String {
    switch self {
    case let .unknownCommand(word, suggestion):
      if let suggestion { return "\(word): unknown command; did you mean `\(suggestion)`?" }
      return "\(word): unknown command; type `help` for the list"
    case let .incompleteCommand(word, choices):
      return "\(word): needs one more word; use one of: "
        + choices.map { "`\(word) \($0)`" }.joined(separator: ", ")
    case let .unknownOption(command, key, suggestion, valid):
      let hint =
        if let suggestion { "did you mean `\(suggestion)=`?" } else if valid.isEmpty {
          "this command takes no key=value options"
        } else { "valid keys: " + valid.joined(separator: ", ") }
      return "\(command): unknown option `\(key)`; \(hint)"
    case let .duplicateOption(command, key):
      return "\(command): `\(key)=` is given twice; keep one"
    case let .missingArgument(command, argument, usage):
      return "\(command): missing \(argument); usage: \(usage)"
    case let .invalidValue(command, argument, value, expected):
      return "\(command): `\(value)` is not a valid \(argument); expected \(expected)"
    case let .outOfRange(command, argument, value, expected):
      return "\(command): \(argument) `\(value)` is out of range; expected \(expected)"
    case let .unexpectedWord(command, word, usage):
      return "\(command): unexpected `\(word)`; usage: \(usage)"
    case let .shape(command, error):
      if case .noInput = error { return "\(command): \(error)" }
      return error.description
    case let .notAvailable(command):
      return
        "\(command): not available yet; this build has no trainer, data sets or pictures wired in"
    case let .refused(command, problem, hint):
      return "\(command): \(problem); \(hint)"
    }
  }
}
