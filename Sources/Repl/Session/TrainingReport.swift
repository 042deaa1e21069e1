import Core
import Foundation
import Rendering

/// Training events as text: epoch lines, live progress, the stop line and the loss chart.
///
/// Pure functions (no terminal), shared by line mode, `run` mode and `wait`.
///
/// Everything printed is deterministic for the same seed and threads; wall-clock times appear
/// only when `timings` is true (`--timings`).
public enum TrainingReport {
  /// `epoch 1/3  loss 0.2345  acc 93.12%  test loss 0.1234  test acc 95.00%` (accuracy parts
  /// left out for an autoencoder, test parts when no test images were evaluated); with
  /// `seconds` (`--timings`) also `4.4s`, and with `images` the epoch's speed, `images/seconds`
  /// (`5431 img/s`; the seconds include the test evaluation unless `test=0`).
  public static func epochLine(
    _ summary: EpochSummary, epochs: Int, seconds: Double? = nil, images: Int? = nil
  ) -> String {
    var parts = ["epoch \(summary.epoch)/\(epochs)", "loss \(fixed(summary.trainLoss, 4))"]
    if let acc = summary.trainAccuracy { parts.append("acc \(percent(acc))") }
    if let loss = summary.testLoss { parts.append("test loss \(fixed(loss, 4))") }
    if let acc = summary.testAccuracy { parts.append("test acc \(percent(acc))") }
    if let seconds { parts.append(String(format: "%.1fs", seconds)) }
    if let seconds, let images, seconds > 0 {
      parts.append(String(format: "%.0f img/s", Double(images) / seconds))
    }
    return parts.joined(separator: "  ")
  }

  /// The one-line live display put in front of the prompt: `[epoch 1/3 42% loss 0.2345] `.
  public static func progressPrompt(_ step: StepProgress, epochs: Int) -> String {
    let share = step.stepsPerEpoch > 0 ? step.step * 100 / step.stepsPerEpoch : 0
    var text = "[epoch \(step.epoch)/\(epochs) \(share)% loss \(fixed(step.runningLoss, 4))"
    if let acc = step.runningAccuracy { text += " acc \(percent(acc))" }
    return text + "] "
  }

  /// What a training prints when it begins.
  public static func startLine(_ plan: TrainingPlan) -> String {
    "training \(plan.epochs) epoch\(plan.epochs == 1 ? "" : "s") of \(plan.stepsPerEpoch) steps "
      + "(\(plan.trainingImages) images, batch \(plan.batchSize), \(plan.optimizer) "
      + "lr=\(formatNumber(plan.learningRate))"
      + (plan.schedule == .constant ? "" : " sched=\(plan.schedule)") + ", loss=\(plan.loss))"
  }

  /// A setting change as a chart mark: `^` under the first step that used the new value.
  public static func mark(for change: SettingChange) -> ChartMark {
    ChartMark(index: change.step - 1, symbol: "^", label: change.description)
  }

  /// The line after the last epoch: finished, stopped by the user, or the numerical fault.
  public static func stopLine(_ reason: StopReason, completedSteps: Int) -> String {
    switch reason {
    case .finished: "training finished after \(completedSteps) steps"
    case .userStopped:
      "training stopped after \(completedSteps) steps; the weights so far are kept"
    case .numericalFault(let fault): "training stopped: \(fault)"
    }
  }

  /// The step losses of `history` as a chart of `height` lines (epoch starts marked on the
  /// x axis; `set` changes as `^` and a dotted line, listed under the chart; schedule steps
  /// are in the epoch lines, not on the chart), or nothing before any step.
  public static func lossChart(
    _ history: TrainingHistory, style: ChartStyle, width: Int = 64, height: Int = 8
  ) -> [String] {
    lossFigure(history, style: style, width: width, height: height)?.lines ?? []
  }

  /// ``lossChart(_:style:width:height:)`` with its numbers, for pages; nil before any step.
  public static func lossFigure(
    _ history: TrainingHistory, style: ChartStyle, width: Int = 64, height: Int = 8
  ) -> ChartFigure? {
    guard !history.steps.isEmpty else { return nil }
    let boundaries = epochStarts(history)
    let marks = history.changes.filter(\.byUser).map(mark(for:))
    let values = history.steps.map { Double($0.loss) }
    let chart = LossChart(
      values: values, epochBoundaries: boundaries, marks: marks, style: style)
    let title = "loss per step (\(history.steps.count) steps)"
    let notes = marks.map { "  ^ \($0.label)" }
    return ChartFigure(
      title: title, values: values, epochBoundaries: boundaries, notes: notes,
      lines: [title] + chart.render(width: width, height: height) + notes)
  }

  /// The steps where a new epoch starts.
  static func epochStarts(_ history: TrainingHistory) -> [Int] {
    history.steps.indices.filter { i in
      i > 0 && history.steps[i].epoch != history.steps[i - 1].epoch
    }
  }

  /// The running training accuracy of each step on a fixed 0…1 scale, or nothing for an
  /// autoencoder.
  public static func accuracyChart(
    _ history: TrainingHistory, style: ChartStyle, width: Int = 64, height: Int = 6
  ) -> [String] {
    accuracyFigure(history, style: style, width: width, height: height)?.lines ?? []
  }

  /// ``accuracyChart(_:style:width:height:)`` with its numbers, for pages.
  public static func accuracyFigure(
    _ history: TrainingHistory, style: ChartStyle, width: Int = 64, height: Int = 6
  ) -> ChartFigure? {
    let values = history.steps.compactMap(\.runningAccuracy).map { Double($0) }
    guard !values.isEmpty, values.count == history.steps.count else { return nil }
    let boundaries = epochStarts(history)
    let chart = LossChart(
      values: values, epochBoundaries: boundaries, style: style, yRange: 0...1)
    let title = "training accuracy per step (running mean over the epoch)"
    return ChartFigure(
      title: title, values: values, epochBoundaries: boundaries, yRange: 0...1,
      lines: [title] + chart.render(width: width, height: height))
  }

  /// `value` with `places` decimals (`0.2345`); a diverging loss of a million or more as
  /// `1.958e+09`.
  static func fixed(_ value: Float, _ places: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    if abs(value) >= 1e6 { return String(format: "%.\(places)g", Double(value)) }
    return String(format: "%.\(places)f", Double(value))
  }

  /// A share as a percentage with two decimals (`93.12%`).
  static func percent(_ share: Float) -> String { String(format: "%.2f%%", Double(share) * 100) }
}
