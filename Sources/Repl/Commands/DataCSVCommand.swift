import Core
import Datasets
import Foundation

/// The `data csv FILE [label=first|last] [shape=HxWxC] [pad=P] [split=X] [seed=N]` command: a
/// Kaggle-style pixel CSV (each image framed by `pad=P` zero pixels once read).
public struct DataCSVCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "data csv", category: .data,
    abstract: "load images from a pixel CSV (Kaggle's digit recognizer format)",
    discussion: [
      "one image per row: a label column and the pixels 0-255 (row by row, HWC for colour)",
      "a first row that is not all numbers is a header; classes are 0 … the largest label",
      "784 pixel columns are 28x28x1, k² columns kxkx1; other sizes need shape=HxWxC",
      "pad=P frames each image with P black pixels per side (pad=2: 28x28 to 32x32)",
      "split=X puts X of each class in the test split, drawn with the seed (default `seed N`)",
      "bad rows are listed and skipped; a file with no usable row changes nothing",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["csv", "csv.gz"]), help: "the CSV file")
    ],
    options: [
      OptionSpec(
        "label", "first|last", .choice(PixelCSVOptions.LabelColumn.allCases.map(\.rawValue)),
        default: "first", help: "which column holds the label"),
      OptionSpec("shape", "HxWxC", .shape(words: []), help: "image size (when not inferred)"),
      DataPadding.option,
      OptionSpec(
        "split", "X", .number(0...0.9), default: "0.2", help: "share of each class kept for test"),
      OptionSpec("seed", "N", .integer(0...Int.max), help: "split seed (default: `seed N`)"),
    ],
    runsInCheck: true,
    examples: [
      "data csv train.csv", "data csv train.csv pad=2",
      "data csv pixels.csv label=last shape=8x8x1 split=0.25",
    ],
    make: { (a) throws(CommandError) in
      DataCSVCommand(
        path: a.path("FILE") ?? "",
        label: a.word("label").flatMap(PixelCSVOptions.LabelColumn.init(rawValue:)) ?? .first,
        shape: a.shape("shape"), padding: a.integer("pad") ?? 0, split: a.number("split") ?? 0.2,
        seed: a.integer("seed").map { UInt64($0) })
    })

  public var path: String
  public var label: PixelCSVOptions.LabelColumn
  public var shape: Shape?
  /// Zero pixels added on each side of every image (`pad=P`).
  public var padding = 0
  public var split: Double
  public var seed: UInt64?

  /// The command as `save` writes it.
  public var normalized: String {
    var words = ["data csv", path, "label=\(label.rawValue)"]
    if let shape { words.append("shape=\(shape)") }
    if padding > 0 { words.append("pad=\(padding)") }
    words.append("split=\(formatDouble(split))")
    if let seed { words.append("seed=\(seed)") }
    return words.joined(separator: " ")
  }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if session.mode == .check, let shape {
      session.dataShape = DataPadding.shape(shape, padding: padding)
      session.dataCommand = normalized
      return
    }
    let file = URL(fileURLWithPath: UserDataPath.resolve(path, in: session))
    var load: UserDataLoad
    do {
      load = try PixelCSV(file).load(
        PixelCSVOptions(
          label: label, shape: shape, testFraction: split, seed: seed ?? session.seed))
    } catch {
      throw Session.refusal("data csv", error)
    }
    load.data = try DataPadding.apply(padding, to: load.data, command: "data csv")
    UserDataPath.install(load, command: normalized, in: session, output: output)
  }
}
