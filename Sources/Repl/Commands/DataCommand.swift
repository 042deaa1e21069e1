import Core
import Datasets
import Foundation

/// The `data mnist|fashion|cifar10|bars|shapes [path=DIR] [pad=P] [train=N test=N size=N
/// noise=X seed=N]` command.
///
/// `pad=P` frames every image with P zero pixels per side after loading (``DataPadding``):
/// `data mnist pad=2` gives LeNet-5's 32x32x1 digits.
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
  /// Most pixel bytes a synthetic set may take (train + test images · size²).
  public static let maxSyntheticBytes = 1_000_000_000

  public static let spec = CommandSpec(
    name: "data", category: .data,
    abstract: "load mnist, fashion, cifar10, bars or shapes",
    discussion: [
      "mnist without path= uses the sample built into the binary; path=DIR reads the four IDX files (.gz or not)",
      "fashion reads IDX files, cifar10 the binary version; bars and shapes are 28x28x1, 4 classes",
      "without path=, --data-dir DIR is searched for DIR/NAME; `download mnist` fetches the files",
      "bars and shapes take train=, test=, size=, noise= and seed= (the same options, the same images)",
      "pad=P frames each image with P black pixels per side: mnist pad=2 is 32x32",
      "a data set that fails to load leaves the previous one in place",
      "your own images: `data folder DIR`; a pixel CSV: `data csv FILE`",
    ],
    arguments: [
      ArgumentSpec("NAME", "data set", .choice(names), help: names.joined(separator: ", "))
    ],
    options: [
      OptionSpec("path", "DIR", .file(extensions: []), help: "folder holding the data set's files"),
      DataPadding.option,
      OptionSpec(
        "train", "N", .integer(1...1_000_000), help: "synthetic sets: training images (4000)"),
      OptionSpec("test", "N", .integer(1...1_000_000), help: "synthetic sets: test images (800)"),
      OptionSpec("size", "N", .integer(8...256), help: "synthetic sets: image side in pixels (28)"),
      OptionSpec("noise", "X", .number(0...1), help: "synthetic sets: pixel noise 0..1 (0.08)"),
      OptionSpec("seed", "N", .integer(0...Int.max), help: "synthetic sets: generator seed (1)"),
    ],
    runsInCheck: true,
    examples: [
      "data mnist", "data mnist pad=2", "data bars", "data shapes train=1000 noise=0.2",
      "data cifar10 path=~/data/cifar-10-batches-bin",
    ],
    make: { (a) throws(CommandError) in
      let synthetic = SyntheticOptions()
      let name = a.word("NAME") ?? "mnist"
      let given = ["train", "test", "size", "noise", "seed"].filter { a.values[$0] != nil }
      if let key = given.first, !["bars", "shapes"].contains(name) {
        throw .refused(
          command: "data", problem: "\(key)= is for the synthetic sets only",
          hint: "use it with `data bars` or `data shapes`")
      }
      if a.path("path") != nil, ["bars", "shapes"].contains(name) {
        throw .refused(
          command: "data", problem: "\(name) is generated, it has no files",
          hint: "leave out path=")
      }
      return DataCommand(
        name: name, path: a.path("path"), padding: a.integer("pad") ?? 0,
        synthetic: SyntheticOptions(
          trainCount: a.integer("train") ?? synthetic.trainCount,
          testCount: a.integer("test") ?? synthetic.testCount,
          size: a.integer("size") ?? synthetic.size,
          noise: a.number("noise").map { Float($0) } ?? synthetic.noise,
          seed: a.integer("seed").map { UInt64($0) } ?? synthetic.seed),
        givenOptions: given.map { key in
          "\(key)=" + (a.integer(key).map(String.init) ?? a.number(key).map { "\($0)" } ?? "")
        })
    })

  public var name: String
  public var path: String?
  /// Zero pixels added on each side of every image (`pad=P`).
  public var padding = 0
  /// Counts, size, noise and seed of `bars` and `shapes`.
  public var synthetic = SyntheticOptions()
  /// The synthetic options as typed (`train=1000`), for ``normalized``.
  public var givenOptions: [String] = []

  /// The command as `save` writes it.
  public var normalized: String {
    (["data \(name)"] + (path.map { ["path=\($0)"] } ?? [])
      + (padding > 0 ? ["pad=\(padding)"] : []) + givenOptions).joined(separator: " ")
  }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if session.mode == .check {
      session.dataShape = Self.shapes[name]
      if ["bars", "shapes"].contains(name) {
        session.dataShape = Shape(height: synthetic.size, width: synthetic.size, channels: 1)
      }
      session.dataShape = session.dataShape.map { DataPadding.shape($0, padding: padding) }
      session.dataCommand = normalized
      return
    }
    let images = synthetic.trainCount + synthetic.testCount
    let bytes = images * synthetic.size * synthetic.size
    if ["bars", "shapes"].contains(name), padding > 0 {
      let side = Shape(height: synthetic.size, width: synthetic.size, channels: 1)
      try DataPadding.check(padding, images: images, shape: side, "data")
    }
    if ["bars", "shapes"].contains(name), bytes > Self.maxSyntheticBytes {
      throw .refused(
        command: "data", problem: "that is \(bytes / 1_000_000) MB of pixels",
        hint:
          "use fewer images or a smaller size (at most \(Self.maxSyntheticBytes / 1_000_000) MB)")
    }
    guard let dataset = DatasetName(rawValue: name) else {
      throw .refused(command: "data", problem: "unknown data set \(name)", hint: "see `help data`")
    }
    var splits: DataSplits
    do {
      splits = try DataCatalog.load(
        dataset, path: path.map { URL(fileURLWithPath: $0, isDirectory: true) },
        dataDirs: session.options.dataSearchFolders.map { URL(fileURLWithPath: $0, isDirectory: true) },
        synthetic: synthetic)
    } catch {
      throw Session.refusal("data", error)
    }
    splits = try DataPadding.apply(padding, to: splits, command: "data")
    session.data = splits
    session.dataCommand = normalized
    output.present(.text([DatasetInfo(splits).lines[0]]))
  }
}
