import Core
import Foundation
import Rendering

/// The `show gradcam N [L]` command: Grad-CAM of test image N on conv row L (default: the last
/// conv-like row), after Selvaraju et al. 2017 (see ``GradCAM`` for the formula).
public struct ShowGradCAMCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show gradcam", category: .inspect,
    abstract: "which parts of test image N a conv row uses for its class (Grad-CAM)",
    discussion: [
      "heat = relu(Σ_c dz/dA_c ⊙ A_c), scaled to its maximum: each position's share of the",
      "class logit z (HiResCAM's element-wise form; equal to Grad-CAM after global average",
      "pooling, and still meaningful after maxpool → flatten → dense)",
    ],
    arguments: [
      ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image"),
      ArgumentSpec(
        "L", "row L", .integer(1...Limits.row.upperBound), optional: true,
        help: "a conv row (default: the last one)"),
    ],
    runsInCheck: false,
    examples: ["show gradcam 0", "show gradcam 3 1"],
    make: { (a) throws(CommandError) in
      ShowGradCAMCommand(index: a.integer("N") ?? 0, row: a.integer("L"))
    })

  public var index: Int
  public var row: Int?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show gradcam"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .training)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let cam = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try GradCAM.compute(
        model: model, data: set, normalization: normalization, index: index, row: row,
        threads: session.threads)
    }
    let label = InspectionSupport.className(cam.classIndex, in: set)
    var input = SamplePicture.image(set, index: index)
    input.caption = "image"
    output.present(
      .picture(
        .images(
          title: "Grad-CAM of test image \(index) for class \(label) on row \(cam.row) "
            + "(\(model.specs[cam.row - 1].description))",
          images: [input, InspectionSupport.image(cam.heat, caption: "grad-cam")],
          palette: .sequential)))
    var lines = [
      "p(\(label)) = \(String(format: "%.3f", Double(cam.probability))); map "
        + "\(cam.coarse.height)x\(cam.coarse.width) scaled up"
    ]
    if cam.heat.maximum > 0 {
      lines.append("bright: regions whose maps raise the class score")
    } else {
      lines.append("all 0: gradient times activation of row \(cam.row) is 0 or less everywhere;")
      lines.append("no region raises the score through them here (try another row or image)")
    }
    output.present(.text(lines))
  }
}
