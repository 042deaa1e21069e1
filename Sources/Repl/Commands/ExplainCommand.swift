/// The `explain L` command: the arithmetic behind summary row L (see ``LayerExplanation``).
public struct ExplainCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "explain", category: .inspect,
    abstract: "the formulas behind row L's size, parameters, MACs and receptive field",
    arguments: [
      ArgumentSpec("L", "row L", .integer(1...Limits.row.upperBound), help: "summary row")
    ],
    runsInCheck: true,
    examples: ["explain 1"],
    make: { (a) throws(CommandError) in ExplainCommand(row: a.integer("L") ?? 1) })

  public var row: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let model = session.model
    guard model.inputShape != nil, !model.isEmpty else {
      throw .refused(
        command: "explain", problem: "the model has no layers",
        hint: "build one first (`input 28x28x1`, `conv 8 3 relu`, … or `preset`)")
    }
    guard (1...model.layers.count).contains(row) else {
      throw .refused(
        command: "explain", problem: "there is no row \(row)",
        hint: "pick a row from 1 to \(model.layers.count)")
    }
    output.present(.text(LayerExplanation(model: model, row: row).lines))
  }
}
