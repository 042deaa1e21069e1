import Core

/// The `data mnist|fashion|cifar10|bars|shapes [path=DIR]` command.
public struct DataCommand: ReplCommand {
  /// Image shape of each data set, known without loading it (`cnnrepl check` uses this).
  public static let shapes: [String: Shape] = [
    "mnist": Shape(height: 28, width: 28, channels: 1),
    "fashion": Shape(height: 28, width: 28, channels: 1),
    "cifar10": Shape(height: 32, width: 32, channels: 3),
    "bars": Shape(height: 28, width: 28, channels: 1),
    "shapes": Shape(height: 28, width: 28, channels: 1),
  ]
  public static let names = ["mnist", "fashion", "cifar10", "bars", "shapes"]

  public static let spec = CommandSpec(
    name: "data", category: .data,
    abstract: "load mnist, fashion, cifar10, bars or shapes",
    discussion: [
      "mnist without path= uses the sample built into the binary; path=DIR reads the four IDX files (.gz or not)",
      "fashion reads IDX files, cifar10 the binary version; bars and shapes are 28x28x1, 4 classes",
    ],
    arguments: [
      ArgumentSpec("NAME", "data set", .choice(names), help: names.joined(separator: ", "))
    ],
    options: [
      OptionSpec("path", "DIR", .file(extensions: []), help: "folder holding the data set's files")
    ],
    runsInCheck: true,
    examples: ["data mnist", "data bars", "data cifar10 path=~/data/cifar-10-batches-bin"],
    make: { (a) throws(CommandError) in
      DataCommand(name: a.word("NAME") ?? "mnist", path: a.path("path"))
    })

  public var name: String
  public var path: String?

  /// The command as `save` writes it.
  public var normalized: String { "data \(name)" + (path.map { " path=\($0)" } ?? "") }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if session.mode == .check {
      session.dataShape = Self.shapes[name]
      session.dataCommand = normalized
      return
    }
    // Wiring point: load with Datasets (respecting session.options.dataDirectory), then set
    // session.dataShape / session.dataCommand and present `data info`-style text.
    throw .notAvailable(command: "data")
  }
}
