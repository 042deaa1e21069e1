import Rendering
import Testing

@Suite struct PaneLayoutTests {
  func r(_ w: Int, _ h: Int, _ x: Int, _ y: Int) -> Rect { Rect(x: x, y: y, width: w, height: h) }

  @Test func medium80x24() {
    #expect(
      PaneLayout.compute(columns: 80, rows: 24)
        == PaneLayout(
          kind: .medium, notebook: r(80, 10, 0, 7), model: r(80, 7, 0, 0),
          training: r(80, 5, 0, 17), status: r(80, 1, 0, 22), input: r(80, 1, 0, 23)))
  }

  @Test func medium80x24WithVisualCoversModelAndNotebook() {
    #expect(
      PaneLayout.compute(columns: 80, rows: 24, showVisual: true)
        == PaneLayout(
          kind: .medium, training: r(80, 5, 0, 17), visual: r(80, 17, 0, 0),
          status: r(80, 1, 0, 22), input: r(80, 1, 0, 23)))
  }

  @Test func wide120x40() {
    #expect(
      PaneLayout.compute(columns: 120, rows: 40)
        == PaneLayout(
          kind: .wide, notebook: r(60, 38, 0, 0), model: r(60, 11, 60, 0),
          training: r(60, 11, 60, 11), visual: r(60, 16, 60, 22), status: r(120, 1, 0, 38),
          input: r(120, 1, 0, 39)))
  }

  @Test func small40x12() {
    #expect(
      PaneLayout.compute(columns: 40, rows: 12)
        == PaneLayout(
          kind: .small, notebook: r(40, 9, 0, 0), training: r(40, 1, 0, 9),
          status: r(40, 1, 0, 10), input: r(40, 1, 0, 11)))
    #expect(PaneLayout.compute(columns: 40, rows: 12, showVisual: true).visual == r(40, 9, 0, 0))
  }

  @Test func minimal20x5() {
    #expect(
      PaneLayout.compute(columns: 20, rows: 5)
        == PaneLayout(
          kind: .small, notebook: r(20, 3, 0, 0), status: r(20, 1, 0, 3), input: r(20, 1, 0, 4)))
  }

  @Test func tooSmall10x3KeepsTheInputLine() {
    #expect(
      PaneLayout.compute(columns: 10, rows: 3)
        == PaneLayout(kind: .tooSmall, input: r(10, 1, 0, 2), notice: r(10, 2, 0, 0)))
    #expect(PaneLayout.compute(columns: 0, rows: 0) == PaneLayout(kind: .tooSmall))
    #expect(PaneLayout.compute(columns: 30, rows: 1).notice == nil)
  }

  /// No pane leaves the screen or overlaps another, at any size.
  @Test(arguments: [1, 5, 19, 20, 40, 79, 80, 119, 120, 200])
  func panesStayInsideAndApart(columns: Int) {
    for rows in [1, 2, 4, 5, 12, 23, 24, 40, 60] {
      for visual in [false, true] {
        let l = PaneLayout.compute(columns: columns, rows: rows, showVisual: visual)
        let rects = [l.notebook, l.model, l.training, l.visual, l.status, l.input, l.notice]
          .compactMap { $0 }
        for a in rects {
          #expect(a.x >= 0 && a.y >= 0 && a.x + a.width <= columns && a.y + a.height <= rows)
          #expect(a.width > 0 && a.height > 0)
        }
        for (i, a) in rects.enumerated() {
          for b in rects[(i + 1)...] {
            let apart =
              a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y
              || b.y + b.height <= a.y
            #expect(apart, "\(a) overlaps \(b) at \(columns)x\(rows)")
          }
        }
      }
    }
  }
}
