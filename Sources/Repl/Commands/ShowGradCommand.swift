import Core
import Foundation
import Rendering

/// The `show grad L [sample=N] [ch=A-B]` command: dLoss/dActivation maps of a row.
public struct ShowGradCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show grad", category: .inspect,
    abstract: "how the loss of one image changes with each activation of row L (backprop)",
    discussion: [
      "Maps of ∂Loss/∂a for row L's output: bright and dark cells push the loss up and down.",
      "Below a max-pool only the winner of each window gets a gradient; the rest get 0.",
    ],
    arguments: [
      ArgumentSpec("L", "row L", .integer(Limits.row), help: "summary row (0 is the input)")
    ],
    options: [
      .testImage,
      .drawnChannels,
    ],
    runsInCheck: false,
    examples: ["show grad 1", "show grad 2 sample=4 ch=0-3"],
    make: { (a) throws(CommandError) in
      ShowGradCommand(
        row: a.integer("L") ?? 0, sample: a.integer("sample") ?? 0, channels: a.range("ch"))
    })

  public var row: Int
  public var sample: Int
  public var channels: ClosedRange<Int>?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show grad"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .training)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let g = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try RowGradient.compute(
        model: model, data: set, normalization: normalization, index: sample, row: row,
        threads: session.threads)
    }
    let shape = g.shape
    let page = channels ?? 0...(ShowFmapCommand.pageSize(shape) - 1)
    guard page.lowerBound < shape.channels else {
      throw Session.refusal(
        name, InspectionError.noSuchChannel(channel: page.lowerBound, channels: shape.channels, row: row))
    }
    let shown = page.lowerBound..<min(page.upperBound + 1, shape.channels)
    let area = shape.height * shape.width
    let images: [CaptionedImage]
    if shape.isFlat {
      images = [
        CaptionedImage(
          values: Array(g.gradient.storage[shown]), width: shown.count, height: 1, caption: "")
      ]
    } else {
      images = shown.map { c in
        CaptionedImage(
          values: Array(g.gradient.storage[(c * area)..<((c + 1) * area)]), width: shape.width,
          height: shape.height, caption: "ch \(c)")
      }
    }
    output.present(
      .picture(
        .images(
          title: "∂Loss/∂a at row \(row) (\(g.layer)), test image \(sample)",
          images: images, palette: .diverging)))
    let values = g.gradient.storage
    let largest = values.map(abs).max() ?? 0
    let nonZero = values.filter { $0 != 0 }.count
    var lines = [
      "row \(row) `\(g.layer)` \(shape), test image \(sample) (label "
        + "\(InspectionSupport.className(g.label, in: set)))",
      "loss \(String(format: "%.4f", Double(g.loss))); ∂Loss/∂a from "
        + "\(String(format: "%.3g", Double(values.min() ?? 0))) to "
        + "\(String(format: "%.3g", Double(values.max() ?? 0))) (largest |·| "
        + "\(String(format: "%.3g", Double(largest)))); zero is the middle shade",
      "\(grouped(nonZero)) of \(grouped(values.count)) activations get a gradient; a step "
        + "down the gradient (a − lr·g) lowers the loss",
    ]
    if let routing = g.maxPoolRouting {
      let pools = routing.rows.map { "row \($0)" }.joined(separator: ", ")
      lines.append(
        "max-pool (\(pools)) routes the gradient to the largest cell of each window: "
          + "\(grouped(routing.nonZero)) of \(grouped(routing.cells)) cells non-zero, "
          + (routing.offMaximum == 0
            ? "every one a window's maximum"
            : "\(routing.offMaximum) NOT a window's maximum"))
    }
    if shown.upperBound < shape.channels {
      let next = shown.upperBound
      lines.append(
        "showing channels \(shown.lowerBound)-\(next - 1) of \(shape.channels); use "
          + "ch=\(next)-\(min(next + shown.count, shape.channels) - 1)")
    }
    output.present(.text(InspectionSupport.wrapped(lines)))
  }
}
