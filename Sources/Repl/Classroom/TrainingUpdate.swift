import Rendering

/// The training pane for one watcher: the display with only the loss and accuracy points the
/// watcher does not have yet (those from `lossFrom` and `accuracyFrom` on), so a long training
/// costs each frame only its new points.
///
/// `run` changes when a new training starts (the watcher then drops its points).
public struct TrainingUpdate: Sendable, Equatable {
  public var run: Int
  public var lossFrom: Int
  public var accuracyFrom: Int
  public var display: TrainingDisplay?

  public init(run: Int, lossFrom: Int = 0, accuracyFrom: Int = 0, display: TrainingDisplay?) {
    self.run = run
    self.lossFrom = lossFrom
    self.accuracyFrom = accuracyFrom
    self.display = display
  }

  /// The update that takes a watcher holding `lossCount`/`accuracyCount` points of `run` to
  /// `display` of `currentRun` (everything when the run changed).
  public static func delta(
    to display: TrainingDisplay?, run currentRun: Int, from run: Int, lossCount: Int,
    accuracyCount: Int
  ) -> TrainingUpdate {
    guard var d = display else { return TrainingUpdate(run: currentRun, display: nil) }
    let sameRun =
      run == currentRun && lossCount <= d.loss.count
      && accuracyCount <= d.accuracy.count
    let lossFrom = sameRun ? lossCount : 0
    let accuracyFrom = sameRun ? accuracyCount : 0
    d.loss = Array(d.loss[lossFrom...])
    d.accuracy = Array(d.accuracy[accuracyFrom...])
    return TrainingUpdate(
      run: currentRun, lossFrom: lossFrom, accuracyFrom: accuracyFrom, display: d)
  }

  /// `previous` (of run `previousRun`) with this update applied.
  public func applied(to previous: TrainingDisplay?, previousRun: Int) -> TrainingDisplay? {
    guard var d = display else { return nil }
    let old = previousRun == run ? previous : nil
    d.loss = Array((old?.loss ?? []).prefix(lossFrom)) + d.loss
    d.accuracy = Array((old?.accuracy ?? []).prefix(accuracyFrom)) + d.accuracy
    return d
  }
}
