import Core
import Dispatch
import Foundation
import Rendering
import Repl
import TUI

/// Drains a background training's events on its own queue, `framesPerSecond` times a second,
/// and pushes the results to the UI: the training pane, epoch lines into the `train` cell, the
/// live feature maps of one row, and the status line.
///
/// It never runs on the training thread nor on the UI thread (events, not callbacks): the
/// trainer only appends to its ``EventChannel``, the UI only draws what is pushed, so drawing
/// cannot slow the training beyond the UI's own frame cap. It also owns the status line, which
/// the session's queue updates with ``setModelStatus(dataset:model:)``.
final class TrainingMonitor: @unchecked Sendable {
  private let trainer: Trainer
  private let app: TUIApp
  private let queue = DispatchQueue(label: "cnnrepl.tui.training", qos: .utility)
  private let timer: any DispatchSourceTimer
  private let lock = NSLock()
  private var builder: TrainingDisplayBuilder
  private var cell: Int?
  private var featureRow: (row: Int, layer: String)?
  /// What the picture pane follows; feature maps again at every training's start.
  private var live = LiveTrainingPicture.featureMaps
  /// The next live picture brings the pane up (`show stats` asked before the first
  /// measurement: its cell has no picture of its own to show the pane).
  private var showsNextPicture = false
  private var fields = StatusFields()

  init(trainer: Trainer, app: TUIApp, framesPerSecond: Int, showTimings: Bool) {
    self.trainer = trainer
    self.app = app
    builder = TrainingDisplayBuilder(showTimings: showTimings)
    timer = DispatchSource.makeTimerSource(queue: queue)
    let interval = 1.0 / Double(min(60, max(1, framesPerSecond)))
    timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(10))
    timer.setEventHandler { [weak self] in self?.tick() }
  }

  func start() { timer.resume() }

  func stop() { timer.cancel() }

  /// Where the next training's lines go (the cell of the `train` command).
  func setCell(_ number: Int) { locked { cell = number } }

  /// The row whose activations the feature-map picture shows, and its layer text.
  func setFeatureRow(_ row: Int?, layer: String) {
    locked { featureRow = row.map { ($0, layer) } }
  }

  /// The picture the pane follows from now until the training ends (`show stats` while
  /// training asks for the row statistics).
  func follow(_ picture: LiveTrainingPicture) {
    locked {
      live = picture
      showsNextPicture = true
    }
  }

  /// The session's part of the status line (pushed at once, with the training part).
  func setModelStatus(dataset: String, model: String) {
    let status = locked { () -> StatusFields in
      fields.dataset = dataset
      fields.model = model
      return fields
    }
    app.setStatus(status)
  }

  /// Forgets the last training (the model it trained is gone): the training pane goes back to
  /// its one idle line.
  func clear() {
    let status = locked { () -> StatusFields? in
      guard !builder.isRunning else { return nil }
      builder = TrainingDisplayBuilder(showTimings: builder.showTimings)
      fields.training = ""
      fields.message = ""
      return fields
    }
    guard let status else { return }
    app.setTraining(nil)
    app.setStatus(status)
  }

  /// Whether a training runs, as far as the drained events tell.
  var isTraining: Bool { locked { builder.isRunning } }

  private func locked<T>(_ body: () -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body()
  }

  private func tick() {
    let events = trainer.events.drain()
    let stopped = events.isEmpty && !trainer.isRunning
    guard !events.isEmpty || (stopped && isTraining) else { return }
    let (update, display, status, target, row, live) = locked {
      () -> (
        TrainingDisplayBuilder.Update, TrainingDisplay?, StatusFields, Int?, (Int, String)?,
        LiveTrainingPicture
      ) in
      let update =
        stopped ? builder.trainerStopped(history: trainer.history) : builder.consume(events)
      if update.started {
        self.live = .featureMaps
        showsNextPicture = false
      }
      fields.training = builder.statusText
      fields.message = builder.isRunning ? "Ctrl-C stops" : ""
      return (update, builder.display, fields, self.cell, featureRow, self.live)
    }
    guard update.changed else { return }
    app.setTraining(display)
    app.setStatus(status)
    if !update.lines.isEmpty {
      app.appendOutput(
        update.lines.map { StyledLine($0, style: .dim, fit: TUIPresenter.fit(of: $0)) },
        toCell: target)
    }
    if live == .rowStatistics, let statistics = update.statistics {
      let show = locked { () -> Bool in
        defer { showsNextPicture = false }
        return showsNextPicture
      }
      app.setPicture(RowStatisticsReport.picture(statistics), for: .featureMaps, show: show)
    }
    if live == .featureMaps, let snapshot = update.snapshot, let (row, layer) = row,
      let picture = FeatureMapPicture.picture(
        activations: snapshot.activations, row: row, layer: layer, step: snapshot.step)
    {
      app.setPicture(picture, for: .featureMaps)
    }
  }
}
