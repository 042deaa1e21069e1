import Core

/// Turns a background training's events into epoch lines and a live progress text, keeping
/// what it needs between drains (the epoch count of the plan, the last step seen).
public struct TrainingFeed: Sendable {
  /// Print wall-clock seconds after each epoch line (`--timings`).
  public var showTimings = false
  /// Epochs of the current plan (1 before any `started` event).
  public private(set) var epochs = 1
  private var lastStep = 0
  /// Training images per epoch of the current plan (for the speed on `--timings` lines).
  private var imagesPerEpoch: Int?

  /// `epochs`: the planned count until a `started` event says it (`status` in the TUI, which
  /// drains the events itself, still knows it).
  public init(showTimings: Bool = false, epochs: Int = 1) {
    self.showTimings = showTimings
    self.epochs = epochs
  }

  /// What a batch of drained events says.
  public struct Update: Sendable, Equatable {
    /// Lines to print (start, epoch ends, pause, the stop line), oldest first.
    public var lines: [String] = []
    /// The latest progress (`[epoch 1/3 42% loss 0.2345] `), if a step arrived.
    public var progress: String?
    /// True when the training's last event arrived.
    public var ended = false
  }

  /// Reads `events` (in order) into an ``Update``.
  public mutating func consume(_ events: [TrainingEvent]) -> Update {
    var update = Update()
    for event in events {
      switch event {
      case .started(let plan):
        epochs = plan.epochs
        imagesPerEpoch = plan.trainingImages
        lastStep = 0
        update.lines.append(TrainingReport.startLine(plan))
      case .step(let step, _):
        lastStep = step.globalStep
        update.progress = TrainingReport.progressPrompt(step, epochs: epochs)
      case .epochEnd(let summary, let seconds):
        update.lines.append(
          TrainingReport.epochLine(
            summary, epochs: epochs, seconds: showTimings ? seconds : nil, images: imagesPerEpoch))
      case .snapshot, .statistics: break
      case .paused(let step): update.lines.append("training paused after step \(step)")
      case .resumed(let step): update.lines.append("training resumed after step \(step)")
      case .changed(let change): update.lines.append(change.description)
      case .stopped(let reason):
        update.lines.append(TrainingReport.stopLine(reason, completedSteps: lastStep))
        update.ended = true
      }
    }
    return update
  }
}
