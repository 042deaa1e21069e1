import Rendering
import Testing

@Suite struct PaneLayoutTests {
  func r(_ w: Int, _ h: Int, _ x: Int, _ y: Int) -> Rect { Rect(x: x, y: y, width: w, height: h) }

  /// 80x24, nothing training: one training line; the model pane takes a quarter of the rest
  /// and one row, so a 14-line summary cell fits in the notebook.
  @Test func stacked80x24GivesTheNotebookTheRoom() {
    let l = PaneLayout.compute(columns: 80, rows: 24, demand: PaneDemand(modelRows: 12))
    #expect(
      l == PaneLayout(
        kind: .stacked, notebook: r(80, 15, 0, 6), model: r(80, 6, 0, 0),
        training: r(80, 1, 0, 21), status: r(80, 1, 0, 22), input: r(80, 1, 0, 23)))
  }

  @Test func stackedTrainingPaneGrowsWhileATrainingRuns() {
    let l = PaneLayout.compute(
      columns: 80, rows: 24, demand: PaneDemand(modelRows: 12, trainingActive: true))
    #expect(l.training == r(80, 8, 0, 14))
    #expect(l.model == r(80, 4, 0, 0))
    #expect(l.notebook == r(80, 10, 0, 4))
  }

  @Test func stackedPictureTakesTheModelsPlaceAndLeavesTheNotebook() {
    let l = PaneLayout.compute(
      columns: 80, rows: 24, demand: PaneDemand(visual: true, visualRows: 30))
    #expect(l.visual == r(80, 12, 0, 0))
    #expect(l.model == nil)
    #expect(l.notebook == r(80, 9, 0, 12))
    let small = PaneLayout.compute(
      columns: 80, rows: 24, demand: PaneDemand(visual: true, visualRows: 5))
    #expect(small.visual == r(80, 5, 0, 0))
    #expect(small.notebook == r(80, 16, 0, 5))
  }

  @Test func hiddenPanesGiveTheirRowsToTheNotebook() {
    let l = PaneLayout.compute(
      columns: 80, rows: 24, demand: PaneDemand(model: false, training: false))
    #expect(l.notebook == r(80, 22, 0, 0))
    #expect(l.model == nil && l.training == nil)
  }

  /// 120x40: the notebook keeps 80 columns, the side column 40.
  @Test func wide120x40KeepsAn80ColumnNotebook() {
    let l = PaneLayout.compute(
      columns: 120, rows: 40, demand: PaneDemand(modelRows: 12, visual: true))
    #expect(
      l == PaneLayout(
        kind: .wide, notebook: r(80, 38, 0, 0), model: r(40, 12, 80, 0),
        training: r(40, 1, 80, 37), visual: r(40, 25, 80, 12), status: r(120, 1, 0, 38),
        input: r(120, 1, 0, 39)))
    let wider = PaneLayout.compute(columns: 160, rows: 50, demand: PaneDemand())
    #expect(wider.notebook?.width == 96 && wider.model?.width == 64)
  }

  /// Below 120 columns nothing sits beside the notebook.
  @Test func belowTheWideWidthEverythingIsStacked() {
    for columns in [40, 80, 100, 119] {
      let l = PaneLayout.compute(columns: columns, rows: 40, demand: PaneDemand(visual: true))
      #expect(l.kind == .stacked)
      #expect(l.notebook?.width == columns)
    }
  }

  @Test func small40x12FoldsTheModelPane() {
    #expect(
      PaneLayout.compute(columns: 40, rows: 12)
        == PaneLayout(
          kind: .stacked, notebook: r(40, 9, 0, 0), training: r(40, 1, 0, 9),
          status: r(40, 1, 0, 10), input: r(40, 1, 0, 11)))
  }

  @Test func minimal20x5() {
    #expect(
      PaneLayout.compute(columns: 20, rows: 5)
        == PaneLayout(
          kind: .stacked, notebook: r(20, 3, 0, 0), status: r(20, 1, 0, 3), input: r(20, 1, 0, 4)))
  }

  @Test func tooSmall10x3KeepsTheInputLine() {
    #expect(
      PaneLayout.compute(columns: 10, rows: 3)
        == PaneLayout(kind: .tooSmall, input: r(10, 1, 0, 2), notice: r(10, 2, 0, 0)))
    #expect(PaneLayout.compute(columns: 0, rows: 0) == PaneLayout(kind: .tooSmall))
    #expect(PaneLayout.compute(columns: 30, rows: 1).notice == nil)
  }

  /// No pane leaves the screen or overlaps another, and the body is covered, at any size and
  /// for any demand.
  @Test(arguments: [1, 5, 19, 20, 40, 79, 80, 119, 120, 200])
  func panesStayInsideAndApart(columns: Int) {
    let demands = [
      PaneDemand(), PaneDemand(trainingActive: true), PaneDemand(visual: true, visualRows: 2),
      PaneDemand(modelRows: 40, trainingActive: true, visual: true, visualRows: 99),
      PaneDemand(model: false, training: false, visual: true),
    ]
    for rows in [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 16, 23, 24, 40, 60] {
      for demand in demands {
        let l = PaneLayout.compute(columns: columns, rows: rows, demand: demand)
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
        let area = rects.reduce(0) { $0 + $1.width * $1.height }
        if l.kind != .tooSmall {
          #expect(area == columns * rows, "holes at \(columns)x\(rows)")
          #expect(l.notebook != nil, "a notebook at \(columns)x\(rows)")
        }
      }
    }
  }
}
