import Core
import Datasets
import Foundation

/// The `data folder DIR [gray|rgb] [size=HxW] [pad=P] [split=X] [seed=N]` command: your own
/// images, one sub-folder per class (resized first, then framed by `pad=P` zero pixels).
public struct DataFolderCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "data folder", category: .data,
    abstract: "load your own images: one sub-folder of PNG/PGM/PPM files per class",
    discussion: [
      "DIR/cats/*.png, DIR/dogs/*.pgm …: classes are the sub-folders in sorted order",
      "files are read by content: PNG (libpng), PGM and PPM (P2, P3, P5, P6, up to 16 bits)",
      "size=HxW resizes every image by area averaging (default: the first image's size)",
      "pad=P then frames each image with P black pixels per side",
      "gray uses luma 0.299R+0.587G+0.114B; default: rgb if any image is in colour, else gray",
      "split=X puts X of each class in the test split, drawn with the seed (default `seed N`)",
      "files that cannot be read are listed and skipped; a folder with no image changes nothing",
    ],
    arguments: [
      ArgumentSpec("DIR", "folder", .file(extensions: []), help: "folder of class folders"),
      ArgumentSpec(
        "gray|rgb", "colour", .choice(ImageColor.allCases.map(\.rawValue)), optional: true,
        help: "gray (1 channel) or rgb (3 channels)"),
    ],
    options: [
      OptionSpec("size", "HxW", .shape(words: []), help: "resize every image to HxW"),
      DataPadding.option,
      OptionSpec(
        "split", "X", .number(0...0.9), default: "0.2", help: "share of each class kept for test"),
      OptionSpec("seed", "N", .integer(0...Int.max), help: "split seed (default: `seed N`)"),
    ],
    runsInCheck: true,
    examples: [
      "data folder ~/pets size=32x32 rgb", "data folder digits gray size=28x28 pad=2 split=0.1",
    ],
    make: { (a) throws(CommandError) in
      var color = a.word("gray|rgb").flatMap(ImageColor.init(rawValue:))
      if let size = a.shape("size"), size.channels != 1 {
        guard size.channels == 3, color != .gray else {
          throw .refused(
            command: "data folder", problem: "size=\(size) has \(size.channels) channels",
            hint: "give size=HxW and gray or rgb")
        }
        color = .rgb
      }
      guard a.shape("size").map({ $0.height <= 1024 && $0.width <= 1024 }) ?? true else {
        throw .refused(
          command: "data folder", problem: "size= is larger than 1024x1024",
          hint: "use a smaller size such as 64x64")
      }
      return DataFolderCommand(
        path: a.path("DIR") ?? "", color: color, size: a.shape("size"),
        padding: a.integer("pad") ?? 0,
        split: a.number("split") ?? 0.2, seed: a.integer("seed").map { UInt64($0) })
    })

  public var path: String
  public var color: ImageColor?
  public var size: Shape?
  /// Zero pixels added on each side of every image, after resizing (`pad=P`).
  public var padding = 0
  public var split: Double
  public var seed: UInt64?

  /// The command as `save` writes it.
  public var normalized: String {
    var words = ["data folder", path]
    if let color { words.append(color.rawValue) }
    if let size { words.append("size=\(size.height)x\(size.width)") }
    if padding > 0 { words.append("pad=\(padding)") }
    words.append("split=\(formatDouble(split))")
    if let seed { words.append("seed=\(seed)") }
    return words.joined(separator: " ")
  }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if session.mode == .check, let size, let color {
      session.dataShape = DataPadding.shape(
        Shape(height: size.height, width: size.width, channels: color.channels), padding: padding)
      session.dataCommand = normalized
      return
    }
    let folder = URL(fileURLWithPath: UserDataPath.resolve(path, in: session), isDirectory: true)
    var load: UserDataLoad
    do {
      load = try ImageFolder(folder).load(
        ImageFolderOptions(
          height: size?.height, width: size?.width, color: color, testFraction: split,
          seed: seed ?? session.seed))
    } catch DataFileError.missingFolder(let missing) {
      throw .refused(
        command: "data folder", problem: "no folder `\(missing)`",
        hint: "check the name; it should hold one sub-folder of images per class")
    } catch {
      throw Session.refusal("data folder", error)
    }
    load.data = try DataPadding.apply(padding, to: load.data, command: "data folder")
    UserDataPath.install(load, command: normalized, in: session, output: output)
  }
}
