import Core
import Foundation
import Rendering
/// The `show occlusion N [size=K]` command.
public struct ShowOcclusionCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show occlusion", category: .inspect,
    abstract: "how much hiding each patch of test image N costs",
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    options: [
      OptionSpec("size", "K", .integer(1...64), default: "4", help: "side of the patch"),
      OptionSpec(
        "fill", "X", .number(0...1), default: "0",
        help: "patch pixel value (0 black: on dark-background digits grey 0.5 adds a false blob)"),
    ],
    runsInCheck: false,
    examples: ["show occlusion 0", "show occlusion 3 size=6"],
    make: { (a) throws(CommandError) in
      ShowOcclusionCommand(
        index: a.integer("N") ?? 0, size: a.integer("size") ?? 4, fill: a.number("fill") ?? 0)
    })

  public var index: Int
  public var size: Int
  /// The patch's pixel value. 0 (black) by default: MNIST-like digits are bright strokes on a
  /// black background, so a black patch only removes ink, while grey 0.5 paints a new stroke-like
  /// blob that the model reacts to on its own.
  public var fill: Double = 0

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show occlusion"
    try InspectionSupport.requireIdleModel(name, in: session, images: 64, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let map = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try OcclusionMap.compute(
        model: model, data: set, normalization: normalization, index: index, patch: size,
        fill: Float(fill), threads: session.threads)
    }
    let label = InspectionSupport.className(map.label, in: set)
    var input = SamplePicture.image(set, index: index)
    input.caption = "image"
    output.present(
      .picture(
        .images(
          title: "occlusion of test image \(index) (label \(label)), patch \(map.patch)x\(map.patch)"
            + " fill \(Self.format(fill)), stride \(map.stride)",
          images: [input, InspectionSupport.image(map.heat, caption: "drop")],
          palette: .sequential)))
    output.present(
      .text([
        "p(\(label)) = \(Self.format(map.baseProbability)) unoccluded; "
          + "drop from \(Self.format(map.heat.minimum)) to \(Self.format(map.heat.maximum))",
        "bright: hiding this region lowers p(\(label)) most",
      ]))
  }

  /// Three decimals; values that round to zero print as `0.000`, never `-0.000`.
  static func format<T: BinaryFloatingPoint>(_ x: T) -> String {
    let value = Double(x)
    return String(format: "%.3f", abs(value) < 0.0005 ? 0 : value)
  }
}
