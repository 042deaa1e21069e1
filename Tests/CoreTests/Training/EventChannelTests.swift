import Core
import Dispatch
import Testing

@Suite struct EventChannelTests {
  private func step(_ n: Int) -> TrainingEvent {
    .step(
      StepProgress(
        epoch: 1, step: n, stepsPerEpoch: 100, globalStep: n, loss: 1, runningLoss: 1,
        runningAccuracy: nil), timing: TrainingTiming(imagesPerSecond: 0, eta: 0))
  }

  private func globalSteps(_ events: [TrainingEvent]) -> [Int] {
    events.compactMap { if case .step(let p, _) = $0 { p.globalStep } else { nil } }
  }

  @Test func drainReturnsEventsInOrderOnce() {
    let channel = EventChannel()
    channel.send(.paused(step: 3))
    channel.send(step(4))
    channel.send(.stopped(.userStopped))
    let events = channel.drain()
    #expect(events.count == 3)
    if case .stopped(let reason) = events[2] { #expect(reason == .userStopped) } else { Issue.record() }
    #expect(channel.drain().isEmpty)
  }

  @Test func fullBufferCoalescesStepsButKeepsEpochs() {
    let channel = EventChannel(capacity: 8)
    let summary = EpochSummary(epoch: 1, trainLoss: 1, trainAccuracy: nil, testLoss: nil, testAccuracy: nil)
    for n in 1...20 {
      channel.send(step(n))
      if n == 10 { channel.send(.epochEnd(summary, seconds: 0)) }
    }
    let events = channel.drain()
    #expect(events.count <= 8)
    #expect(globalSteps(events).last == 20)
    #expect(events.contains { if case .epochEnd = $0 { true } else { false } })
    #expect(globalSteps(events) == globalSteps(events).sorted())
  }

  @Test func concurrentSendersLoseNothingBelowCapacity() {
    let channel = EventChannel(capacity: 10_000)
    DispatchQueue.concurrentPerform(iterations: 4) { worker in
      for n in 0..<500 { channel.send(step(worker * 1000 + n)) }
    }
    #expect(channel.pendingCount == 2000)
    #expect(Set(globalSteps(channel.drain())).count == 2000)
  }
}
