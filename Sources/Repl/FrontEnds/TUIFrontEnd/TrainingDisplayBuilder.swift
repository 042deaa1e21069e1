import Core
import Foundation
import Rendering
import Repl

/// Folds a training's events into what the TUI shows: the training pane's
/// ``TrainingDisplay`` (progress, speed, ETA, loss and accuracy per step, epoch boundaries),
/// notebook lines (start, each epoch, the end; worded as line mode's ``TrainingReport``) and the
/// status word.
///
/// Pure (no terminal, no clock), so it is tested with a real ``Trainer`` or hand-made events.
public struct TrainingDisplayBuilder: Sendable {
  public private(set) var display: TrainingDisplay?
  /// `idle`, `training`, `paused`, `stopped`, `done` or `failed`.
  public private(set) var state = "idle"
  /// Put each epoch's wall-clock seconds on its line (`--timings`).
  public var showTimings = false
  private var plan: TrainingPlan?
  private var lastStep = 0

  public init(showTimings: Bool = false) { self.showTimings = showTimings }

  /// Whether a training has started and not yet reported its end.
  public var isRunning: Bool { state == "training" || state == "paused" }

  /// What one drain of events changes.
  public struct Update: Sendable {
    /// Lines for the `train` command's cell.
    public var lines: [String] = []
    /// The newest snapshot (the probe image's activations) in this drain.
    public var snapshot: (step: Int, activations: [Tensor])?
    /// The newest row statistics in this drain.
    public var statistics: RowStatistics?
    /// A training started in this drain.
    public var started = false
    /// The display or the state changed.
    public var changed = false
    /// The training's last event arrived.
    public var ended = false
  }

  public mutating func consume(_ events: [TrainingEvent]) -> Update {
    var update = Update()
    for event in events {
      update.changed = true
      switch event {
      case .started(let plan):
        self.plan = plan
        lastStep = 0
        update.started = true
        state = "training"
        display = TrainingDisplay(
          epoch: 1, epochs: plan.epochs, step: 0, stepsPerEpoch: plan.stepsPerEpoch,
          expectedPoints: plan.totalSteps)
        update.lines.append(TrainingReport.startLine(plan))
      case .step(let step, let timing):
        lastStep = step.globalStep
        guard var d = display else { continue }
        d.epoch = step.epoch
        d.step = step.step
        d.stepsPerEpoch = step.stepsPerEpoch
        d.imagesPerSecond = timing.imagesPerSecond
        d.etaSeconds = timing.eta
        d.loss.append(Double(step.loss))
        if let accuracy = step.runningAccuracy { d.accuracy.append(Double(accuracy)) }
        display = d
      case .epochEnd(let summary, let seconds):
        let line = TrainingReport.epochLine(
          summary, epochs: plan?.epochs ?? summary.epoch, seconds: showTimings ? seconds : nil,
          images: plan?.trainingImages)
        if var d = display {
          let end = max(0, d.loss.count - 1)
          d.epochBoundaries.append(d.loss.count)
          d.epochLine = line
          if let loss = summary.testLoss { d.testLoss.append(ChartPoint(index: end, value: Double(loss))) }
          if let accuracy = summary.testAccuracy {
            d.testAccuracy.append(ChartPoint(index: end, value: Double(accuracy)))
          }
          display = d
        }
        update.lines.append(line)
      case .snapshot(let step, let activations):
        update.snapshot = (step, activations)
      case .statistics(let statistics):
        update.statistics = statistics
      case .paused:
        state = "paused"
        display?.state = state
      case .resumed:
        state = "training"
        display?.state = state
      case .changed(let change):
        if change.byUser, var d = display {
          // At the next point: the channel may drop step events, so points ≠ steps.
          var mark = TrainingReport.mark(for: change)
          mark.index = d.loss.count
          d.marks.append(mark)
          display = d
        }
        update.lines.append(change.description)
      case .stopped(let reason):
        switch reason {
        case .finished: state = "done"
        case .userStopped: state = "stopped"
        case .numericalFault: state = "failed"
        }
        display?.state = state
        update.lines.append(TrainingReport.stopLine(reason, completedSteps: lastStep))
        update.ended = true
      }
    }
    return update
  }

  /// Ends a training whose `stopped` event another drainer took (the `wait` command drains
  /// the channel itself): the state becomes `done`, and the series are completed from the
  /// trainer's own `history` when given.
  public mutating func trainerStopped(history: TrainingHistory? = nil) -> Update {
    guard isRunning else { return Update() }
    state = "done"
    display?.state = state
    if let history, let last = history.steps.last, var d = display {
      d.loss = history.steps.map { Double($0.loss) }
      d.accuracy = history.steps.compactMap { $0.runningAccuracy.map(Double.init) }
      d.epoch = last.epoch
      d.step = last.step
      let steps = d.stepsPerEpoch
      d.epochBoundaries = history.epochs.map { min(history.steps.count, $0.epoch * steps) }
      d.marks = history.changes.filter(\.byUser).map(TrainingReport.mark(for:))
      let ends = d.epochBoundaries.map { max(0, $0 - 1) }
      d.testLoss = zip(ends, history.epochs).compactMap { end, epoch in
        epoch.testLoss.map { ChartPoint(index: end, value: Double($0)) }
      }
      d.testAccuracy = zip(ends, history.epochs).compactMap { end, epoch in
        epoch.testAccuracy.map { ChartPoint(index: end, value: Double($0)) }
      }
      if let last = history.epochs.last {
        d.epochLine = TrainingReport.epochLine(
          last, epochs: plan?.epochs ?? last.epoch, images: plan?.trainingImages)
      }
      display = d
    }
    return Update(lines: [], snapshot: nil, statistics: nil, changed: true, ended: true)
  }

  /// The status line's training field: `idle`, `training 1/3 42%`, `paused 1/3`, `done`.
  public var statusText: String {
    guard let d = display, isRunning else { return state == "idle" ? "" : "training \(state)" }
    let percent = Int((d.fraction * 100).rounded(.down))
    return "\(state) \(d.epoch)/\(d.epochs) \(percent)%"
  }
}
