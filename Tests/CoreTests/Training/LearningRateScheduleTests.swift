import Core
import Foundation
import Testing

@Suite struct LearningRateScheduleTests {
  @Test func parsingAndText() {
    #expect(LearningRateSchedule(parsing: "step:2:0.1") == .step(every: 2, factor: 0.1))
    #expect(LearningRateSchedule(parsing: "COSINE") == .cosine)
    #expect(LearningRateSchedule(parsing: "none") == .constant)
    for bad in ["step", "step:0:0.1", "step:2:-1", "step:2", "cosine:3", "linear", ""] {
      #expect(LearningRateSchedule(parsing: bad) == nil, "\(bad)")
    }
    #expect(LearningRateSchedule.step(every: 3, factor: 0.5).description == "step:3:0.5")
  }

  /// step:2:0.1: epochs 1–2 ×1, 3–4 ×0.1, 5 ×0.01 (whatever the step).
  @Test func stepScheduleByEpoch() {
    let schedule = LearningRateSchedule.step(every: 2, factor: 0.1)
    let factors = (1...5).map { schedule.factor(step: 1, totalSteps: 100, epoch: $0) }
    #expect(factors == [1, 1, 0.1, 0.1, Float(pow(Double(Float(0.1)), 2))])
  }

  /// cosine over T = 100 steps: ½(1 + cos(π(s−1)/T)): 1 at s = 1, ½ at s = 51, ≈0.00025 at 100.
  @Test func cosineValuesAtGivenSteps() {
    let c = LearningRateSchedule.cosine
    #expect(c.factor(step: 1, totalSteps: 100, epoch: 1) == 1)
    #expect(abs(c.factor(step: 51, totalSteps: 100, epoch: 1) - 0.5) < 1e-6)
    #expect(abs(c.factor(step: 26, totalSteps: 100, epoch: 1) - 0.853_553) < 1e-5)
    let last = c.factor(step: 100, totalSteps: 100, epoch: 3)
    #expect(last > 0 && abs(last - 0.000_246_7) < 1e-6)
  }
}
