import Core
import Repl
import ReplTestSupport
import Testing

/// `from=`, `add` and `concat` in the session: the language, each refusal with its numbers,
/// renumbering by `insert`/`del`/`replace`, `undo`, and the wiring surviving `save` and `run`.
@Suite struct GraphEditTests {
  /// The example: a residual block, then a branch from row 6 joined by `concat`.
  static let example = """
    input 28x28x1
    conv 16 3 pad=same relu
    conv 16 3 pad=same relu
    conv 16 3 pad=same
    add 1
    relu
    maxpool 2
    conv 8 1 relu
    conv 8 3 pad=same relu from=6
    concat 7
    """

  static func rows(_ session: Session) -> [String] { session.model.specs.map(\.description) }

  @Test func theExampleBuildsTheGraphItSays() {
    let h = SessionHarness()
    h.run(Self.example)
    #expect(h.errorLines.isEmpty)
    let model = h.session.model
    #expect(model.inputRows(ofRow: 4) == [3, 1])
    #expect(model.inputRows(ofRow: 8) == [6])
    #expect(model.inputRows(ofRow: 9) == [8, 7])
    #expect(model.shapes[9] == Shape(height: 14, width: 14, channels: 16))
    // Row 8 reads row 6's 16 channels: 8·(3·3·16) + 8.
    #expect(model.summary.rows[8].parameters == 1_160)
    #expect(model.summary.rows[8].layer == "conv 8 3 pad=same relu from=6")
    // The receptive field is the largest over the paths: row 8 grows row 6's 8x8 to 12x12.
    #expect(model.summary.rows[9].receptiveField == 12)
  }

  @Test func theSummaryShowsWhereEachRowReads() {
    let h = SessionHarness()
    h.run(Self.example)
    let table = h.run("summary").split(separator: "\n").map(String.init)
    #expect(table.first?.hasPrefix("  #  in") == true)
    #expect(table.contains { $0.hasPrefix("  4  3,1 ") && $0.contains("add 1") })
    #expect(table.contains { $0.hasPrefix("  9  8,7 ") && $0.contains("concat 7") })
    // A plain stack keeps the table without the column.
    let plain = SessionHarness()
    plain.run("input 8x8x1\nconv 2 3")
    #expect(plain.run("summary").hasPrefix("  #  layer"))
  }

  @Test func aBranchThatLeadsNowhereIsPointedOut() {
    let h = SessionHarness()
    h.run("input 8x8x1\nconv 2 3 pad=same\nconv 2 3 pad=same from=0")
    let table = h.run("summary")
    #expect(
      table.hasSuffix(
        "note: no row reads row 1: a branch that leads nowhere; join it with add/concat\n"),
      "\(table)")
    h.run("add 1")
    #expect(!h.run("summary").contains("note:"))
  }

  @Test func anAddOfDifferentShapesIsRefusedWithBothShapes() {
    let h = SessionHarness()
    h.run("input 28x28x1\nconv 8 3 pad=same relu\nmaxpool 2\nconv 8 3 pad=same")
    h.run("add 1")
    #expect(
      h.errorLines.last
        == "error: add 1: row 3 is 14x14x8 and row 1 is 28x28x8; add needs equal shapes; "
        + "use maxpool/stride on row 1's path")
    #expect(h.session.model.specs.count == 3)
    h.run("conv 4 1 from=2\nadd 3")
    #expect(
      h.errorLines.last
        == "error: add 3: row 4 is 14x14x4 and row 3 is 14x14x8; add needs equal shapes; "
        + "use a 1x1 conv (`conv 8 1`) so both have 8 channels")
  }

  @Test func aConcatNeedsTheSameHeightAndWidth() {
    let h = SessionHarness()
    h.run("input 12x12x1\nconv 4 3\nconv 2 1 from=0")
    h.run("concat 1")
    #expect(
      h.errorLines.last
        == "error: concat 1: row 2 is 12x12x2 and row 1 is 10x10x4; concat needs the same "
        + "height and width; use maxpool/stride on row 2's path, or upsample the other")
    h.run("flatten\nconcat 1")
    #expect(
      h.errorLines.last?.contains("concat joins images with images or vectors with vectors") == true
    )
  }

  @Test func referencesMustPointToEarlierRows() {
    let h = SessionHarness()
    h.run("input 8x8x1\nconv 2 3 pad=same")
    h.run("add 2")
    #expect(
      h.errorLines.last
        == "error: add 2: row 2 is not above this row (row 2); a row reads rows above it: "
        + "0 (the input) to 1")
    h.run("conv 2 3 from=5")
    #expect(
      h.errorLines.last?.hasPrefix("error: conv 2 3 from=5: row 5 is not above this row") == true)
    h.run("add")
    #expect(h.errorLines.last?.hasPrefix("error: add: missing row N") == true)
    h.run("add 1 x")
    #expect(h.errorLines.last?.hasPrefix("error: add: `x` is not a valid row N") == true)
    #expect(Self.rows(h.session) == ["conv 2 3 pad=same"])
  }

  @Test func insertAndDeleteRenumberTheRowsThatAreNamed() {
    let h = SessionHarness()
    h.run(Self.example)
    h.run("insert 2 batchnorm")
    #expect(h.errorLines.isEmpty)
    #expect(
      Self.rows(h.session) == [
        "conv 16 3 pad=same relu", "batchnorm", "conv 16 3 pad=same relu", "conv 16 3 pad=same",
        "add 1", "relu", "maxpool 2", "conv 8 1 relu", "conv 8 3 pad=same relu from=7",
        "concat 8",
      ])
    h.run("del 2")
    #expect(
      Self.rows(h.session) == Self.example.split(separator: "\n").dropFirst().map(String.init))
    // Rows that are read elsewhere cannot go, and the message says which rows read them.
    h.run("del 1")
    #expect(
      h.errorLines.last
        == "error: del 1: row 4 (`add 1`) reads row 1; delete or replace row 4 first")
    h.run("del 6")
    #expect(
      h.errorLines.last
        == "error: del 6: row 8 (`conv 8 3 pad=same relu from=6`) reads row 6; delete or "
        + "replace row 8 first")
    // Replacing a merge with an ordinary layer frees the rows it read.
    h.run("replace 4 relu\ndel 1")
    #expect(h.session.model.specs.count == 8)
  }

  @Test func undoAndRedoTheWiring() {
    let h = SessionHarness()
    h.run(Self.example)
    let before = h.session.model.specs
    h.run("insert 7 dropout 0.1")
    h.run("undo")
    #expect(h.session.model.specs == before)
    h.run("replace 9 add 7")
    #expect(h.errorLines.isEmpty)
    #expect(h.session.model.inputRows(ofRow: 9) == [8, 7])
    h.run("undo")
    #expect(h.session.model.specs == before)
  }

  @Test func aSavedSessionRebuildsTheSameGraph() throws {
    let h = SessionHarness()
    h.run(Self.example)
    let script = h.session.sessionScript
    let again = SessionHarness()
    again.run(script)
    #expect(again.errorLines.isEmpty)
    #expect(again.session.model.specs == h.session.model.specs)
    #expect(again.session.model.summary == h.session.model.summary)
  }
}
