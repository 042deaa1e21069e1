import Rendering

/// The `show sample N` command.
public struct ShowSampleCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show sample", category: .data,
    abstract: "draw image N of a split in the terminal, with its label",
    arguments: [
      ArgumentSpec("N", "image N", .integer(Limits.sample), help: "index in the training split")
    ],
    options: [
      OptionSpec("split", "S", .choice(["train", "test"]), default: "train", help: "which split")
    ],
    runsInCheck: false,
    examples: ["show sample 0", "show sample 3 split=test"],
    make: { (a) throws(CommandError) in
      ShowSampleCommand(index: a.integer("N") ?? 0, split: a.word("split") ?? "train")
    })

  public var index: Int
  public var split: String = "train"

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let data = try session.requireData("show sample")
    let set = split == "test" ? data.test : data.train
    guard index < set.count else {
      throw .refused(
        command: "show sample", problem: "the \(split) split has images 0 to \(set.count - 1)",
        hint: "pick one of those")
    }
    let image = SamplePicture.image(set, index: index)
    output.present(
      .picture(.images(title: "\(split) image \(index)", images: [image], palette: .sequential)))
  }
}
