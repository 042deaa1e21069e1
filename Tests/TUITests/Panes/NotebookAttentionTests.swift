import Rendering
import Testing

/// A note that asks something (the watcher's fork question) stays in view while following,
/// even under a cell taller than the pane; other notes never push a command's output away.
@Suite struct NotebookAttentionTests {
  private func tallCell() -> NotebookCell {
    NotebookCell(
      number: 1, command: "summary", output: (1...30).map { StyledLine("row \($0)") })
  }

  @Test func aNoteThatKeepsInViewIsShownUnderATallCell() {
    var pane = NotebookPane()
    pane.append(tallCell())
    pane.append(
      NotebookCell(
        number: nil, command: "", output: [StyledLine("run the copy? yes/no")], keepsInView: true))
    let shown = pane.render(width: 40, height: 10).map(\.text)
    #expect(shown.contains("run the copy? yes/no"), "\(shown)")
  }

  @Test func anOrdinaryNoteDoesNotPushTheCommandsTopAway() {
    var pane = NotebookPane()
    pane.append(tallCell())
    pane.append(NotebookCell(number: nil, command: "", output: [StyledLine("# next step")]))
    let shown = pane.render(width: 40, height: 10).map(\.text)
    #expect(shown.first?.contains("[1] summary") == true, "\(shown)")
    #expect(!shown.contains("# next step"))
  }
}
