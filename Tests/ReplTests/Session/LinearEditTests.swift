import Core
import Foundation
import Repl
import ReplTestSupport
import Testing

/// Edits cost what they change: building a stack line by line infers each row once, the undo
/// history stores only the rows an edit replaced, and every state on the way back through
/// `undo` is the one the edits went through (summary included).
@Suite struct LinearEditTests {
  /// The summary rows of a model built from scratch on the same stack.
  private func freshSummary(_ model: Sequential) throws -> ModelSummary {
    let fresh = Sequential(seed: 0)
    try fresh.setStack(input: try #require(model.inputShape), specs: model.specs)
    return fresh.summary
  }

  @Test func appendingTwoThousandLayersInfersEachRowOnceAndStoresNoRows() throws {
    let h = SessionHarness()
    h.run("input 8x8x1")
    let script = Array(repeating: "relu", count: 2000).joined(separator: "\n")
    h.run(script)
    #expect(h.presenter.errors.isEmpty)
    #expect(h.session.model.specs.count == 2000)
    // One inference per appended row (a quadratic rebuild would infer ~2 million).
    #expect(h.session.model.inferredRowCount == 2000)
    let stored = h.session.undoStack.reduce(0) { $0 + $1.replacedRows.count }
    #expect(stored == 0)
    #expect(h.session.undoStack.count == 2001)
    h.run("undo\nundo")
    #expect(h.session.model.specs.count == 1998)
    #expect(h.session.model.summary == (try freshSummary(h.session.model)))
  }

  @Test func undoWalksBackThroughEveryStateOfMixedEdits() throws {
    let h = SessionHarness()
    let steps = [
      "input 16x16x3", "conv 8 3 pad=same relu", "maxpool 2", "conv 8 3 pad=same relu",
      "maxunpool 2", "flatten", "dense 10 softmax", "insert 3 batchnorm",
      "replace 4 conv 8 1 relu", "insert 2 relu", "del 4", "input 20x20x3", "preset lenet5",
      "reset", "input 12x12x1", "conv 4 3",
    ]
    var states: [(Shape?, [RowSpec], ModelSummary)] = []
    for step in steps {
      states.append((h.session.model.inputShape, h.session.model.specs, h.session.model.summary))
      h.run(step)
      try #require(h.presenter.errors.isEmpty, "`\(step)` is a valid edit: \(h.errorLines)")
    }
    for state in states.reversed() {
      h.run("undo")
      #expect(h.session.model.inputShape == state.0)
      #expect(h.session.model.specs == state.1)
      #expect(h.session.model.summary == state.2)
    }
    #expect(h.session.undoStack.isEmpty)
  }

  @Test func anEditInTheMiddleStoresOnlyTheRowsItReplaced() {
    let h = SessionHarness()
    h.run("input 8x8x1")
    h.run(Array(repeating: "relu", count: 300).joined(separator: "\n"))
    h.run("replace 150 tanh\ninsert 10 sigmoid\ndel 200")
    #expect(h.presenter.errors.isEmpty)
    let last3 = h.session.undoStack.suffix(3).map(\.replacedRows.count)
    #expect(last3 == [1, 0, 1])
  }
}
