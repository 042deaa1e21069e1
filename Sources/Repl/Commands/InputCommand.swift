import Core

/// `input HxWxC` / `input data`: row 0 of the model.
public struct InputCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "input", category: .model,
    abstract: "the input shape HxWxC, or `data` for the data set's",
    discussion: [
      "Row 0 of the summary. Changing it later keeps the layers when they still fit.",
      "`input 28` is refused: give height, width and channels (28x28x1), or HxW for one channel.",
    ],
    arguments: [
      ArgumentSpec(
        "SHAPE", "shape", .shape(words: ["data"]), help: "HxWxC, e.g. 28x28x1, or `data`")
    ],
    examples: ["input 28x28x1", "input 32x32x3", "input data"],
    make: { (a) throws(CommandError) in
      if case .shape(let s)? = a.values["SHAPE"] { return InputCommand(shape: s) }
      return InputCommand(shape: nil)
    })

  /// nil means "the loaded data set's shape".
  public var shape: Shape?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    guard let shape = shape ?? session.dataShape else {
      throw .refused(
        command: "input", problem: "no data set is loaded",
        hint: "load one with `data mnist` or give a size such as 28x28x1")
    }
    try session.setInput(shape, output: output)
  }
}
