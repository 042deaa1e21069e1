import Core
import Foundation
import Repl
import ReplTestSupport
import Testing

/// Computations too big for the memory budget are refused with the arithmetic before anything
/// is allocated (each of these aborted the process before the budget existed), and the model
/// and session stay as they were. A fixed 1 GiB budget keeps the tests independent of this
/// machine's memory.
@Suite struct MemoryBudgetTests {
  static let budget = MemoryBudget(bytes: 1 << 30)

  @Test func trainingANetWhoseActivationsDoNotFitIsRefusedWithABatchThatFits() throws {
    let h = SessionHarness(memoryBudget: Self.budget)
    h.run("data bars\ninput data\nupsample 32\nconv 256 3 pad=same relu\ngap\ndense 4 softmax")
    try #require(h.presenter.errors.isEmpty, "\(h.errorLines)")
    let specs = h.session.model.specs
    h.run("train limit=64 batch=64")
    let line = try #require(h.errorLines.first)
    #expect(line.hasPrefix("error: train: needs "))
    #expect(line.contains("for a batch of 64: 64 × "))
    #expect(line.contains("of activations"))
    #expect(line.contains("budget 1.0 GiB"))
    #expect(line.contains("try batch=") || line.contains("a smaller model"))
    #expect(h.session.model.specs == specs)
    #expect(h.session.trainCommands.isEmpty)
    #expect(!h.session.isTraining)
  }

  @Test func theSuggestedBatchIsAccepted() throws {
    let h = SessionHarness(memoryBudget: Self.budget)
    h.run("data bars\ninput data\nupsample 8\nconv 64 3 pad=same relu\ngap\ndense 4 softmax")
    h.run("train limit=64 batch=64")
    let line = try #require(h.errorLines.first)
    let batch = try #require(
      line.range(of: #"batch=(\d+)"#, options: .regularExpression).map { line[$0].dropFirst(6) })
    h.run("train epochs=1 limit=\(batch) batch=\(batch)")
    #expect(h.presenter.errors.isEmpty, "\(h.errorLines)")
    #expect(h.session.trainCommands.count == 1)
  }

  @Test(arguments: [
    "show dream 1 0", "show saliency 0", "show gradcam 0", "show fmap 2", "show occlusion 0",
    "predict 0", "gradcheck",
  ])
  func everyToolThatRunsTheModelChecksTheBudget(command: String) throws {
    let h = SessionHarness(memoryBudget: MemoryBudget(bytes: 64 << 20))
    h.run("data bars\ninput data\nupsample 16\nconv 64 3 pad=same relu\ngap\ndense 4 softmax")
    try #require(h.presenter.errors.isEmpty, "\(h.errorLines)")
    h.run(command)
    let line = try #require(h.errorLines.first, "`\(command)` ran past a 64 MiB budget")
    #expect(line.contains(": needs "), "\(line)")
    #expect(line.contains("budget 64.0 MiB"), "\(line)")
  }

  @Test func aHugeInputIsRefusedForADreamWithoutAllocating() throws {
    let h = SessionHarness(memoryBudget: Self.budget)
    h.run("input 2048x2048x64\nconv 64 3 pad=same relu")
    try #require(h.presenter.errors.isEmpty, "\(h.errorLines)")
    h.run("show dream 1 0")
    let line = try #require(h.errorLines.first)
    #expect(line.hasPrefix("error: show dream: needs "))
    #expect(line.contains("for 1 image"))
  }

  @Test func evaluationShrinksItsBatchToFitInsteadOfRefusing() throws {
    // 256 images would not fit in 64 MiB; a smaller evaluation batch does, with the same result.
    let script = "data bars\ninput data\nconv 32 3 pad=same relu\nflatten\ndense 4 softmax\neval"
    let small = SessionHarness(memoryBudget: MemoryBudget(bytes: 24 << 20))
    let large = SessionHarness(memoryBudget: Self.budget)
    let a = small.run(script)
    let b = large.run(script)
    #expect(small.presenter.errors.isEmpty, "\(small.errorLines)")
    let accuracy = { (text: String) in text.split(separator: "\n").filter { $0.contains("accuracy") } }
    #expect(!accuracy(b).isEmpty)
    #expect(accuracy(a) == accuracy(b))
  }
}
