import Core
import Foundation
import Rendering

/// The `show filters L` command.
public struct ShowFiltersCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show filters", category: .inspect,
    abstract: "the learned kernels of the conv layer at row L",
    arguments: [
      ArgumentSpec(
        "L", "row L", .integer(1...Limits.row.upperBound), help: "summary row of a conv layer")
    ],
    runsInCheck: false,
    examples: ["show filters 1"],
    make: { (a) throws(CommandError) in ShowFiltersCommand(row: a.integer("L") ?? 1) })

  public var row: Int

  /// The most output channels one picture shows.
  static let limit = 32

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show filters"
    try InspectionSupport.requireIdleModel(name, in: session, images: 0, pass: .inference)
    let model = session.model
    let filters = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try Filters.compute(model: model, row: row)
    }
    var images: [CaptionedImage] = []
    for (o, inputs) in filters.kernels.prefix(Self.limit).enumerated() {
      for (i, grid) in inputs.enumerated() {
        images.append(InspectionSupport.image(grid, caption: inputs.count > 1 ? "\(o).\(i)" : "\(o)"))
      }
    }
    let size = filters.kernels.first?.first.map { "\($0.height)x\($0.width)" } ?? "?"
    let view = filters.view == .perInputChannel ? "one per input channel" : "mean over inputs"
    output.present(
      .picture(
        .images(
          title: "row \(row) (\(filters.layer)): \(filters.kernels.count) filters \(size), \(view)",
          images: images, palette: .diverging), pane: .filters))
    var lines = [
      "weights from \(Self.format(filters.range.lowerBound)) to "
        + "\(Self.format(filters.range.upperBound)); zero is the middle shade,",
      "each kernel scaled to its own largest weight",
    ]
    if filters.kernels.count > Self.limit {
      lines.append("showing filters 0-\(Self.limit - 1) of \(filters.kernels.count)")
    }
    output.present(.text(lines))
  }

  static func format(_ x: Float) -> String { String(format: "%.3f", Double(x)) }
}
