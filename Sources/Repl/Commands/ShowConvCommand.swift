import Core
import Foundation
import Rendering

/// The `show conv L [at=Y,X] [ch=F] [in=A-B] [sample=N]` command: one output value of a conv
/// row worked out as a dot product.
public struct ShowConvCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show conv", category: .inspect,
    abstract: "one output of conv row L as a dot product: patch × kernel, summed, plus bias",
    discussion: [
      "z = b + Σ over input channels and kernel cells of patch × kernel; the output is act(z),",
      "the same number the feature map holds there (`show fmap L`).",
    ],
    arguments: [
      ArgumentSpec("L", "row L", .integer(1...Limits.row.upperBound), help: "a conv row")
    ],
    options: [
      OptionSpec("at", "Y,X", .pair(0...65_535), default: "its strongest cell", help: "output position"),
      OptionSpec("ch", "F", .integer(0...4095), default: "0", help: "output channel (filter)"),
      OptionSpec(
        "in", "A-B", .integerRange(0...4095), default: "0-2",
        help: "input channels whose grids are drawn (every sum is listed)"),
      .testImage,
    ],
    runsInCheck: false,
    examples: ["show conv 1 at=13,13", "show conv 3 at=4,5 ch=2 sample=7"],
    make: { (a) throws(CommandError) in
      let at = a.integers("at")
      return ShowConvCommand(
        row: a.integer("L") ?? 1, at: at.map { ($0[0], $0[1]) }, filter: a.integer("ch") ?? 0,
        inputs: a.range("in"), sample: a.integer("sample") ?? 0)
    })

  public var row: Int
  public var at: (y: Int, x: Int)?
  public var filter: Int
  public var inputs: ClosedRange<Int>?
  public var sample: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show conv"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let step = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try ConvolutionStep.compute(
        model: session.model, data: set, normalization: normalization, index: sample, row: row,
        filter: filter, at: at, threads: session.threads)
    }
    let k = step.kernel
    let channels = step.patches.count
    let drawn = (inputs ?? 0...2).clamped(to: 0...(channels - 1))
    output.present(
      .picture(
        .images(
          title: "row \(step.inputRow) channel \(drawn.lowerBound) → row \(row) filter "
            + "\(filter); the number below is the map's cell (\(step.y), \(step.x))",
          images: [
            InspectionSupport.image(
              step.inputMaps[drawn.lowerBound],
              caption: "row \(step.inputRow) ch \(drawn.lowerBound)"),
            InspectionSupport.image(step.outputMap, caption: "row \(row) ch \(filter)"),
          ], palette: .sequential)))
    let last = k - 1
    let d = step.dilation
    var lines = [
      "row \(row) `\(step.layer)`, filter \(filter), output (\(step.y), \(step.x)), test image "
        + "\(sample) (label \(InspectionSupport.className(step.label, in: set)))",
      "its window on row \(step.inputRow): rows \(step.origin.y)-\(step.origin.y + last * d), "
        + "columns \(step.origin.x)-\(step.origin.x + last * d)"
        + (d > 1 ? " (every \(d)th cell)" : "")
        + (step.padding.contains(true) ? "; `pad` cells are padding and read 0" : ""),
    ]
    for c in drawn where c < channels {
      lines.append(
        "input channel \(c): patch × kernel = products; their sum "
          + NumberBlocks.cell(step.channelSums[c]).trimmingCharacters(in: .whitespaces))
      let blocks = [
        NumberBlocks.grid(step.patches[c], width: k, title: "patch", marked: step.padding),
        NumberBlocks.grid(step.kernels[c], width: k, title: "kernel"),
        NumberBlocks.grid(step.products[c], width: k, title: "products"),
      ]
      lines += NumberBlocks.layout(blocks)
    }
    if channels > drawn.count {
      lines.append("sums of all \(channels) input channels (`in=A-B` draws others):")
      let cells = step.channelSums.enumerated().map { "\($0.offset):" + NumberBlocks.cell($0.element) }
      var line = " "
      for cell in cells {
        if line.count + cell.count + 1 > 80 {
          lines.append(line)
          line = " "
        }
        line += " " + cell
      }
      lines.append(line)
    }
    let sum = step.channelSums.reduce(0, +)
    lines.append(
      "Σ products over \(channels) input channel\(channels == 1 ? "" : "s") \(Self.number(sum))"
        + "  + bias \(Self.number(step.bias))  = z \(Self.number(step.preActivation))")
    if let activation = step.activation {
      lines.append("\(activation.name)(z) = \(Self.number(step.result))")
    }
    let difference = abs(step.result - step.featureMapValue)
    let same = difference <= 1e-4 * max(1, abs(step.featureMapValue))
    lines.append(
      "feature map row \(row), channel \(filter), cell (\(step.y), \(step.x)): "
        + "\(Self.number(step.featureMapValue)) — "
        + (same
          ? "the same number" + (difference > 0 ? " (up to rounding)" : "")
          : "DIFFERENT by \(String(format: "%.3g", Double(difference)))"))
    output.present(.text(InspectionSupport.wrapped(lines)))
  }

  /// A number with 4 decimals (`0.4321`, `-1.0000`).
  static func number(_ x: Float) -> String {
    let text = String(format: "%.4f", Double(x))
    return text == "-0.0000" ? "0.0000" : text
  }
}
