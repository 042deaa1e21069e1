import Core
import Foundation

/// The `predict N` command.
public struct PredictCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "predict", category: .training,
    abstract: "test image N, its label and the class probabilities",
    arguments: [
      ArgumentSpec("N", "image N", .integer(Limits.sample), help: "index in the test split")
    ],
    runsInCheck: false,
    examples: ["predict 0"],
    make: { (a) throws(CommandError) in PredictCommand(index: a.integer("N") ?? 0) })

  public var index: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    try session.requireIdleModel("predict")
    try session.requireMemory("predict", images: 1, pass: .inference)
    let data = try session.requireData("predict")
    let set = data.test.count > 0 ? data.test : data.train
    guard index < set.count else {
      throw .refused(
        command: "predict", problem: "the test split has images 0 to \(set.count - 1)",
        hint: "pick one of those")
    }
    do {
      try Evaluator.checkCompatible(model: session.model, shape: set.shape)
    } catch {
      throw Session.refusal("predict", error)
    }
    let classes = set.classNames.count
    guard session.model.outputShape?.count == classes else {
      throw .refused(
        command: "predict",
        problem: "the model gives \(session.model.outputShape.map { "\($0)" } ?? "nothing"), "
          + "not \(classes) class scores",
        hint: "end the model with `dense \(classes) softmax`")
    }
    var batch = Tensor(batch: 1, shape: set.shape)
    var labels: [Int] = []
    set.gather([index], normalization: data.normalization, into: &batch, labels: &labels)
    let scores = session.model.forward(
      batch, context: ComputeContext(mode: .inference, threads: session.threads))
    let probabilities = Self.probabilities(Array(scores.storage.prefix(classes)))
    let label = labels.first ?? 0
    let image = SamplePicture.image(set, index: index)
    output.present(
      .picture(.images(title: "test image \(index)", images: [image], palette: .sequential)))
    output.present(
      .text(
        SamplePicture.probabilityBars(
          probabilities, label: label, classNames: set.classNames,
          ascii: session.chartStyle == .ascii)))
  }

  /// The outputs as probabilities: kept when they already are (a softmax row), else
  /// `softmax(x)_i = exp(x_i − max x) / Σ_j exp(x_j − max x)`.
  static func probabilities(_ scores: [Float]) -> [Float] {
    let sum = scores.reduce(0, +)
    if scores.allSatisfy({ $0 >= 0 }), abs(sum - 1) < 1e-3 { return scores }
    let top = scores.max() ?? 0
    let exps = scores.map { Float(exp(Double($0 - top))) }
    let total = exps.reduce(0, +)
    return exps.map { $0 / total }
  }
}
