import Core
import Foundation
import Rendering

/// The `show stats [n=N]` command: per row, activation and gradient numbers on one batch.
///
/// On an idle model it measures the first `n` training images. While a training runs it shows
/// the training's own newest measurement (16 images of a batch, every 100 steps in an
/// interactive session), and the full screen's picture pane follows the new ones until the
/// training ends.
public struct ShowStatsCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show stats", category: .inspect,
    abstract: "per row: activations (min, mean, max, zeros) and gradient sizes on one batch",
    discussion: [
      "Gradients that shrink row by row toward the input vanish; ones that grow explode;",
      "a relu row with 100% zeros is dead. Computed without changing the model.",
      "While training: the training's own batches, live in the picture pane (F2).",
    ],
    options: [
      OptionSpec("n", "N", .integer(1...1024), default: "64", help: "training images in the batch")
    ],
    runsInCheck: false,
    examples: ["show stats", "show stats n=256"],
    make: { (a) throws(CommandError) in ShowStatsCommand(count: a.integer("n") ?? 64) })

  public var count: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show stats"
    session.settleTraining()
    if session.trainer.isRunning {
      output.present(.follow(.rowStatistics))
      guard let stats = session.trainer.latestStatistics else {
        let every = session.options.statisticsEvery.map { "every \($0) steps" } ?? "never"
        output.present(
          .text(
            InspectionSupport.wrapped([
              "the training measures its batches \(every); none yet. The picture pane shows "
                + "them as they come."
            ])))
        return
      }
      present(stats, to: output)
      return
    }
    let data = try session.requireData(name)
    let set = data.train.count > 0 ? data.train : data.test
    try InspectionSupport.requireIdleModel(
      name, in: session, images: min(count, set.count), pass: .training)
    let model = session.model
    let stats = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try RowStatistics.compute(
        model: model, data: set, normalization: data.normalization, count: count,
        threads: session.threads)
    }
    present(stats, to: output)
  }

  private func present(_ stats: RowStatistics, to output: any Presenter) {
    output.present(.picture(RowStatisticsReport.picture(stats)))
    output.present(
      .text(
        InspectionSupport.wrapped([RowStatisticsReport.heading(stats)])
          + RowStatisticsReport.table(stats)
          + InspectionSupport.wrapped(RowStatisticsReport.verdicts(stats))))
  }
}
