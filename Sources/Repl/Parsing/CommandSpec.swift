/// A command as data: its name, help, typed arguments and options, and how to build it.
///
/// One table of these (``CommandRegistry/all``) feeds the parser, `help`, `help CMD`, Tab
/// completion and every "did you mean" message, so they cannot disagree.
public struct CommandSpec: Sendable {
  /// One or two words, lower case: `conv`, `save model`, `show fmap`.
  public var name: String
  public var category: CommandCategory
  /// One line for the `help` list.
  public var abstract: String
  /// More lines for `help CMD` (formulas, what the output means).
  public var discussion: [String]
  public var arguments: [ArgumentSpec]
  public var options: [OptionSpec]
  /// Accepts a trailing activation name (`conv 32 3 relu`, Keras' `activation=`).
  public var takesActivation: Bool
  /// Adds one layer (a ``LayerCommand``): also takes `from=N`, read row N instead of the row
  /// above. `from=` is every layer command's, so usage lines and "valid keys" leave it out and
  /// `help CMD` gives it one line.
  public var placesLayer: Bool
  /// Runs in `cnnrepl check` (shape checking); false for data loading, training and pictures.
  public var runsInCheck: Bool
  public var examples: [String]
  /// What the command does to a background training (the full screen follows a training that
  /// starts; recovery skips every training command when autosaved weights replace them).
  public var training: TrainingRole
  /// Builds the command from validated arguments; may refuse combinations.
  public var make: @Sendable (ParsedArguments) throws(CommandError) -> any ReplCommand

  public init(
    name: String, category: CommandCategory, placesLayer: Bool = false, abstract: String,
    discussion: [String] = [],
    arguments: [ArgumentSpec] = [], options: [OptionSpec] = [], takesActivation: Bool = false,
    runsInCheck: Bool = true, examples: [String] = [], training: TrainingRole = .none,
    make: @escaping @Sendable (ParsedArguments) throws(CommandError) -> any ReplCommand
  ) {
    self.name = name
    self.category = category
    self.abstract = abstract
    self.discussion = discussion
    self.arguments = arguments
    self.options = options
    self.takesActivation = takesActivation
    self.placesLayer = placesLayer
    self.runsInCheck = runsInCheck
    self.examples = examples
    self.training = training
    self.make = make
  }

  /// The usage line, for example `conv F K [stride=S] [pad=P] [ACT]`.
  public var usage: String {
    var words = [name]
    words += arguments.map(\.usage)
    words += options.map(\.usage)
    if takesActivation { words.append("[ACT]") }
    return words.joined(separator: " ")
  }

  /// The option with this key, if any (`from` for every layer command).
  public func option(_ key: String) -> OptionSpec? {
    options.first { $0.key == key } ?? (placesLayer && key == "from" ? .readFrom : nil)
  }
}

/// What a command does to the background training.
public enum TrainingRole: Sendable, Equatable {
  /// Nothing (most commands).
  case none
  /// Starts one (`train`, `resume`).
  case starts
  /// Steers or waits for the running one (`pause`, `stop`, `wait`).
  case controls
}
