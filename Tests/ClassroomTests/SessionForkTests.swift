import Classroom
import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// The state `fork` takes: the script without its trainings, and the weights as a checkpoint
/// that loads into the same architecture (also while a training runs).
struct SessionForkTests {
  @Test func forkScriptDropsTrainingAndTheWeightsMatchTheModel() throws {
    let h = SessionHarness(mode: .batch)
    h.run("data bars\ninput data\nconv 4 3 relu\nflatten\ndense 4 softmax\ntrain epochs=1 limit=64")
    let script = h.session.forkScript
    #expect(script.contains("conv 4 3 relu") && script.contains("data bars"))
    #expect(!script.contains("train"))
    let state = try Self.capture(h.session)
    let file = try SafeTensors(decoding: Data(state.weights))
    #expect(
      file.tensors.map(\.values) == ModelCheckpoint.tensors(of: h.session.model).map(\.values))
    #expect(state.trainCommands.count == 1)
  }

  @Test func aForkDuringATrainingTakesWeightsBetweenTwoBatches() throws {
    let h = SessionHarness(mode: .interactive)
    h.session.trainsInBackground = true
    h.run("data bars\ninput data\nconv 4 3 relu\nflatten\ndense 4 softmax\ntrain epochs=3")
    #expect(h.session.trainer.isRunning)
    let state = try Self.capture(h.session)
    h.session.trainer.stop()
    h.session.trainer.wait()
    let file = try SafeTensors(decoding: Data(state.weights))
    #expect(file.tensors.count == ModelCheckpoint.tensors(of: h.session.model).count)
    #expect(file.tensors.allSatisfy { $0.values.allSatisfy(\.isFinite) })
  }

  static func capture(_ session: Session) throws -> ForkState {
    let box = ReplyBox()
    session.captureForkState { box.set($0) }
    return try box.wait().get()
  }
}

private final class ReplyBox: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var value: Result<ForkState, SharePublisher.ForkRefusal>?

  func set(_ result: Result<ForkState, SharePublisher.ForkRefusal>) {
    value = result
    done.signal()
  }

  func wait() throws -> Result<ForkState, SharePublisher.ForkRefusal> {
    _ = done.wait(timeout: .now() + 30)
    guard let value else { throw SharePublisher.ForkRefusal("no reply") }
    return value
  }
}
