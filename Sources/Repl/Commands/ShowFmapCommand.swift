/// The `show fmap L [sample=N] [ch=A-B]` command.
public struct ShowFmapCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show fmap", category: .inspect,
    abstract: "the feature maps of row L for one image",
    arguments: [
      ArgumentSpec("L", "row L", .integer(Limits.row), help: "summary row (0 is the input)")
    ],
    options: [
      OptionSpec("sample", "N", .integer(Limits.sample), default: "0", help: "test image"),
      OptionSpec(
        "ch", "A-B", .integerRange(0...4095), help: "channels to draw (default: as many as fit)"),
    ],
    runsInCheck: false,
    examples: ["show fmap 1", "show fmap 3 sample=7 ch=0-7"],
    make: { (a) throws(CommandError) in
      ShowFmapCommand(
        row: a.integer("L") ?? 0, sample: a.integer("sample") ?? 0, channels: a.range("ch"))
    })

  public var row: Int
  public var sample: Int
  public var channels: ClosedRange<Int>?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    throw .notAvailable(command: "show fmap")
  }
}
