import Core
import FrontEnds
import Repl
import Rendering
import TestSupport
import Testing

/// The training pane's state from a real training's events (the oracle: the plan and the
/// trainer's own history).
struct TrainingDisplayBuilderTests {
  static func train(epochs: Int, snapshotEvery: Int?, statisticsEvery: Int? = nil) throws
    -> [TrainingEvent]
  {
    let model = Sequential(seed: 3)
    try model.setStack(
      input: Shape(height: 8, width: 8, channels: 1),
      specs: [.conv(filters: 4, kernel: 3, activation: .relu), .flatten, .dense(units: 4)])
    let data = DataSplits(
      name: "lines", train: SyntheticImages.lines(count: 64),
      test: SyntheticImages.lines(count: 16, seed: 2))
    var events: [TrainingEvent] = []
    var options = TrainingOptions(epochs: epochs, batchSize: 16, snapshotEvery: snapshotEvery)
    options.statisticsEvery = statisticsEvery
    try Trainer().run(model: model, data: data, options: options, onEvent: { events.append($0) })
    return events
  }

  /// A drain keeps its newest row statistics (for the live `show stats` picture) and says
  /// when a training started (the pane goes back to feature maps).
  @Test func keepsTheNewestStatisticsAndNotesTheStart() throws {
    let events = try Self.train(epochs: 1, snapshotEvery: nil, statisticsEvery: 2)
    var builder = TrainingDisplayBuilder()
    let first = builder.consume(Array(events.prefix(2)))  // started, step 1
    #expect(first.started && first.statistics == nil)
    let rest = builder.consume(Array(events.dropFirst(2)))
    #expect(!rest.started)
    #expect(rest.statistics?.step == 4)  // steps 2 and 4 measured; the newest is kept
    #expect(rest.statistics?.rows.count == 4)
  }

  /// A `set lr=` arriving after 5 drained points (steps may be coalesced away) is marked at
  /// point 5 and printed in the cell.
  @Test func settingChangeBecomesAMarkAndALine() throws {
    let events = try Self.train(epochs: 1, snapshotEvery: nil)
    let steps = events.filter { if case .step = $0 { true } else { false } }
    let change = SettingChange(setting: .learningRate, from: 0.001, to: 0.0001, step: 9)
    var builder = TrainingDisplayBuilder()
    _ = builder.consume([events[0]] + steps.prefix(3))
    let update = builder.consume([.changed(change)])
    #expect(update.lines == ["lr 0.001 → 0.0001 at step 9"])
    #expect(builder.display?.marks == [ChartMark(index: 3, symbol: "^", label: change.description)])
    _ = builder.consume([.changed(SettingChange(setting: .learningRate, from: 1, to: 2, step: 10, byUser: false))])
    #expect(builder.display?.marks.count == 1)
  }

  @Test func foldsAWholeTrainingIntoTheDisplay() throws {
    let events = try Self.train(epochs: 2, snapshotEvery: 2)
    var builder = TrainingDisplayBuilder()
    let update = builder.consume(events)
    let display = try #require(builder.display)
    #expect(display.epochs == 2)
    #expect(display.stepsPerEpoch == 4)
    #expect(display.epoch == 2 && display.step == 4)
    #expect(display.fraction == 1)
    #expect(display.loss.count == 8)
    #expect(display.accuracy.count == 8)
    #expect(display.expectedPoints == 8)
    #expect(display.epochBoundaries == [4, 8])
    #expect(display.imagesPerSecond.map { $0 > 0 } == true)
    #expect(builder.state == "done" && !builder.isRunning)
    #expect(update.ended)
    #expect(update.lines.count == 4)  // start, two epochs, the end
    #expect(update.lines[1].hasPrefix("epoch 1/2  loss "))
    #expect(update.lines.last == "training finished after 8 steps")
    #expect(
      update.lines.first
        == "training 2 epochs of 4 steps (64 images, batch 16, adam lr=0.001, loss=ce)")
    #expect(update.snapshot?.activations.count == 4)  // input and three rows
    // The newest epoch's line stays in the pane; the test results are points at epoch ends.
    #expect(display.epochLine == update.lines[2])
    let summaries = events.compactMap { if case .epochEnd(let e, _) = $0 { e } else { nil } }
    #expect(display.testLoss.map(\.index) == [3, 7])
    #expect(display.testLoss.map(\.value) == summaries.compactMap { $0.testLoss.map(Double.init) })
    #expect(display.testAccuracy.map(\.value) == summaries.compactMap { $0.testAccuracy.map(Double.init) })
  }

  @Test func drainsInPiecesGiveTheSameDisplay() throws {
    let events = try Self.train(epochs: 1, snapshotEvery: nil)
    var whole = TrainingDisplayBuilder()
    _ = whole.consume(events)
    var pieces = TrainingDisplayBuilder()
    var sawRunning = false
    for event in events {
      _ = pieces.consume([event])
      if pieces.isRunning { sawRunning = pieces.statusText.hasPrefix("training 1/1") || sawRunning }
    }
    #expect(sawRunning)
    #expect(pieces.display?.loss == whole.display?.loss)
    #expect(pieces.statusText == "training done")
  }

  @Test func pauseAndAnEndTakenByAnotherDrainer() throws {
    var builder = TrainingDisplayBuilder()
    let plan = TrainingPlan(
      epochs: 1, stepsPerEpoch: 10, batchSize: 4, trainingImages: 40, testImages: 0,
      optimizer: .adam, learningRate: 0.001, loss: .crossEntropy, isClassifier: true)
    _ = builder.consume([.started(plan), .paused(step: 3)])
    #expect(builder.state == "paused" && builder.isRunning)
    #expect(builder.statusText == "paused 1/1 0%")
    _ = builder.consume([.resumed(step: 3)])
    #expect(builder.state == "training")
    let end = builder.trainerStopped()
    #expect(end.ended && builder.state == "done")
    #expect(!builder.trainerStopped().changed)
  }

  /// `wait` drained the events: the builder completes the series from the trainer's history.
  @Test func anotherDrainerTookTheTailOfTheEvents() throws {
    let events = try Self.train(epochs: 2, snapshotEvery: nil)
    var complete = TrainingDisplayBuilder()
    _ = complete.consume(events)
    let steps = events.compactMap { if case .step(let s, _) = $0 { s } else { nil } }
    let epochs = events.compactMap { if case .epochEnd(let e, _) = $0 { e } else { nil } }
    var partial = TrainingDisplayBuilder()
    _ = partial.consume(Array(events.prefix(3)))
    let end = partial.trainerStopped(history: TrainingHistory(steps: steps, epochs: epochs))
    #expect(end.ended)
    #expect(partial.display?.loss == complete.display?.loss)
    #expect(partial.display?.epochBoundaries == complete.display?.epochBoundaries)
    #expect(partial.display?.step == 4 && partial.display?.epoch == 2)
    #expect(partial.display?.testLoss == complete.display?.testLoss)
    #expect(partial.display?.testAccuracy == complete.display?.testAccuracy)
    #expect(partial.display?.epochLine == complete.display?.epochLine)
  }
}
