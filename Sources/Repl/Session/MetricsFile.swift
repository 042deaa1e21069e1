import Core
import Foundation

/// `metrics.jsonl` as `export training`'s train.py writes it, read back for `show curve FILE`:
/// one JSON object per line, `{"kind": "step", "phase", "epoch", "step", "loss", "lr"}` or
/// `{"kind": "epoch", "phase", "epoch", "epochs", "step", "loss", "acc"?, "test_loss"?,
/// "test_acc"?}`. Steps count from 1 in each phase; here they run on across phases.
public struct MetricsFile: Sendable {
  /// The steps and epochs, in file order.
  public var history = TrainingHistory()
  /// Each epoch line's `epochs` (its phase's epoch count), beside ``TrainingHistory/epochs``.
  public var epochCounts: [Int] = []
  /// Each epoch line's phase (1-based).
  public var phases: [Int] = []
  /// How many processes trained (the largest `processes` of an epoch line; 1 without).
  public var processes = 1

  /// A line that is not a metrics record.
  public struct LineError: Error, Sendable, Equatable {
    public var line: Int
    public var problem: String

    public init(line: Int, problem: String) {
      self.line = line
      self.problem = problem
    }
  }

  /// Parses `text`; blank lines are skipped, anything else must be a step or epoch record.
  public init(parsing text: String) throws(LineError) {
    var offset = 0
    var lastStep = 0
    var currentPhase = 1
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      let number = index + 1
      guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      else { throw LineError(line: number, problem: "not a JSON object") }
      func value(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }
      func finite(_ key: String) throws(LineError) -> Float {
        guard let v = value(key), v.isFinite else {
          throw LineError(line: number, problem: "no finite number `\(key)`")
        }
        return Float(v)
      }
      guard let kind = object["kind"] as? String, kind == "step" || kind == "epoch" else {
        throw LineError(line: number, problem: "`kind` is neither \"step\" nor \"epoch\"")
      }
      let phase = Int(value("phase") ?? 1)
      if phase != currentPhase {
        offset += lastStep
        currentPhase = phase
      }
      guard let stepValue = value("step"), stepValue >= 0, stepValue < 1e12 else {
        throw LineError(line: number, problem: "no step number")
      }
      let step = Int(stepValue)
      lastStep = step
      let epoch = Int(min(max(value("epoch") ?? 1, 0), 1e9))
      let loss = try finite("loss")
      if kind == "step" {
        history.steps.append(
          StepProgress(
            epoch: epoch, step: step, stepsPerEpoch: 0, globalStep: offset + step, loss: loss,
            runningLoss: loss, runningAccuracy: nil))
        if let lr = value("lr") { history.learningRates.append(Float(lr)) }
      } else {
        func optional(_ key: String) -> Float? { value(key).flatMap { $0.isFinite ? Float($0) : nil } }
        history.epochs.append(
          EpochSummary(
            epoch: epoch, trainLoss: loss, trainAccuracy: optional("acc"),
            testLoss: optional("test_loss"), testAccuracy: optional("test_acc")))
        epochCounts.append(Int(min(max(value("epochs") ?? Double(epoch), 1), 1e9)))
        phases.append(phase)
        processes = max(processes, Int(min(max(value("processes") ?? 1, 1), 1e6)))
      }
    }
  }
}
