import Core
import Foundation
import Rendering
/// The `show dream L CH [steps=S]` command.
public struct ShowDreamCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show dream", category: .inspect,
    abstract: "the input that most excites channel CH of row L",
    arguments: [
      ArgumentSpec("L", "row L", .integer(1...Limits.row.upperBound), help: "summary row"),
      ArgumentSpec("CH", "channel CH", .integer(0...65_535), help: "channel of that row"),
    ],
    options: [
      OptionSpec("steps", "S", .integer(1...10_000), default: "50", help: "gradient ascent steps")
    ],
    runsInCheck: false,
    examples: ["show dream 1 0", "show dream 3 5 steps=100"],
    make: { (a) throws(CommandError) in
      ShowDreamCommand(
        row: a.integer("L") ?? 1, channel: a.integer("CH") ?? 0, steps: a.integer("steps") ?? 50)
    })

  public var row: Int
  public var channel: Int
  public var steps: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show dream"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .training)
    let model = session.model
    let normalization = session.data?.normalization ?? .unit
    let dream = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try Dream.run(
        model: model, row: row, channel: channel, normalization: normalization,
        options: DreamOptions(steps: steps), threads: session.threads)
    }
    let images = dream.image.enumerated().map { c, grid in
      InspectionSupport.image(grid, caption: dream.image.count > 1 ? "in \(c)" : "dream")
    }
    output.present(
      .picture(
        .images(
          title: "row \(row) channel \(channel): the input it likes best (\(steps) steps)",
          images: images, palette: .sequential)))
    output.present(
      .text(Self.lines(dream)))
  }

  /// What was climbed: the contrast of a map (cells above the map's own mean), or the mean.
  static func lines(_ dream: Dream) -> [String] {
    func f(_ x: Float) -> String { String(format: "%.3f", Double(x)) }
    let mean =
      "mean activation \(f(dream.activationBefore)) (grey + noise) -> \(f(dream.activationAfter))"
    guard let before = dream.contrastBefore, let after = dream.contrastAfter else { return [mean] }
    if after == 0, dream.activationAfter == 0 {
      return [
        mean + ": the channel stays 0 (its activation cuts",
        "everything off); the picture follows what raises its pre-activation",
      ]
    }
    return [
      "contrast (cells above the map's mean) \(f(before)) (grey + noise) -> \(f(after))",
      "mean activation \(f(dream.activationBefore)) -> \(f(dream.activationAfter)); climbing the "
        + "contrast,",
      "not the mean, keeps the dream from becoming a flat bright square: it shows the",
      "pattern the channel detects",
    ]
  }
}
