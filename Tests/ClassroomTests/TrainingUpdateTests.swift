import Classroom
import Repl
import Rendering
import Testing

/// A watcher gets only the points it lacks, and a new run replaces its points.
struct TrainingUpdateTests {
  static func display(_ loss: [Double]) -> TrainingDisplay {
    TrainingDisplay(
      epoch: 1, epochs: 1, step: loss.count, stepsPerEpoch: 10, loss: loss,
      accuracy: loss.map { 1 - $0 })
  }

  @Test func deltasCarryOnlyNewPointsAndRebuildTheDisplay() {
    let first = Self.display([0.9, 0.8])
    let u1 = TrainingUpdate.delta(to: first, run: 1, from: -1, lossCount: 0, accuracyCount: 0)
    #expect(u1.lossFrom == 0 && u1.display?.loss == [0.9, 0.8])
    let seen = u1.applied(to: nil, previousRun: -1)
    #expect(seen == first)

    let second = Self.display([0.9, 0.8, 0.7, 0.6])
    let u2 = TrainingUpdate.delta(to: second, run: 1, from: 1, lossCount: 2, accuracyCount: 2)
    #expect(u2.lossFrom == 2 && u2.display?.loss == [0.7, 0.6])
    #expect(u2.applied(to: seen, previousRun: 1) == second)
  }

  @Test func aNewRunSendsEverythingAndDropsTheOldPoints() {
    let old = Self.display([0.9, 0.8, 0.7])
    let fresh = Self.display([2.3])
    let u = TrainingUpdate.delta(to: fresh, run: 2, from: 1, lossCount: 3, accuracyCount: 3)
    #expect(u.lossFrom == 0 && u.display?.loss == [2.3])
    #expect(u.applied(to: old, previousRun: 1) == fresh)
  }

  @Test func noTrainingIsNil() {
    let u = TrainingUpdate.delta(to: nil, run: 0, from: 0, lossCount: 5, accuracyCount: 5)
    #expect(u.display == nil)
    #expect(u.applied(to: Self.display([1]), previousRun: 0) == nil)
  }
}
