import Core
import Foundation
import Rendering

/// The `show reconstruction N` command: test image N, what an autoencoder makes of it and the
/// absolute error, side by side, with the image's mean squared error (``Core/Reconstruction``).
public struct ShowReconstructionCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show reconstruction", category: .inspect,
    abstract: "an autoencoder's output beside test image N, and the error",
    discussion: [
      "MSE = Σ (output − input)² / (H·W·C): the mse loss of this one image",
      "|error| = |output − input| at each pixel (mean over channels)",
      "each picture is scaled to its own range; the lines give the ranges",
      "needs a model whose output has its input's shape: an autoencoder",
    ],
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    runsInCheck: false,
    examples: ["show reconstruction 0", "show reconstruction 7"],
    make: { (a) throws(CommandError) in ShowReconstructionCommand(index: a.integer("N") ?? 0) })

  public var index: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show reconstruction"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let result = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try Reconstruction.compute(
        model: model, data: set, normalization: normalization, index: index,
        threads: session.threads)
    }
    let label = InspectionSupport.className(result.label, in: set)
    output.present(
      .picture(
        .images(
          title: "test image \(index) (label \(label)): input, output, |error|",
          images: [
            InspectionSupport.image(result.input, caption: "input"),
            InspectionSupport.image(result.output, caption: "output"),
            InspectionSupport.image(result.error, caption: "|error|"),
          ], palette: .sequential)))
    let count = set.shape.count
    output.present(
      .text([
        "MSE = Σ (output − input)² / \(grouped(count)) = \(Self.value(result.meanSquaredError))"
          + " (the mse loss of this image)",
        "input from \(Self.value(result.input.minimum)) to \(Self.value(result.input.maximum)), "
          + "output from \(Self.value(result.output.minimum)) to "
          + "\(Self.value(result.output.maximum)),",
        "|error| up to \(Self.value(result.error.maximum)); each picture scaled to its own range",
      ]))
  }

  /// 4 significant digits (`0.01234`, `1.5e-05`).
  static func value(_ x: Float) -> String { String(format: "%.4g", Double(x)) }
}
