import Core
import Testing

@Suite struct ReceptiveFieldRegionTests {
  @Test(arguments: ["keras-mnist", "lenet5", "separable-mnist", "autoencoder"])
  func sideEqualsTheSummaryWhereNotClipped(_ name: String) throws {
    let model = Sequential(seed: 1)
    try #require(Preset.named(name)).apply(to: model)
    let summary = model.summary
    for row in 0...model.layers.count where !model.shapes[row].isFlat {
      let region = try ReceptiveFieldRegion.compute(model: model, row: row)
      #expect(region.side == summary.rows[row].receptiveField, "row \(row)")
      #expect(region.rows.count == region.side && region.columns.count == region.side)
      if !region.isClipped {
        #expect(region.visibleRows.count == summary.rows[row].receptiveField, "row \(row)")
      }
    }
  }

  @Test func kerasMNISTPositionsFollowStridesAndWindows() throws {
    let model = Sequential(seed: 1)
    try Preset.kerasMNIST.apply(to: model)
    // Row 1 (conv 3): unit (0,0) sees pixels 0…2.
    let first = try ReceptiveFieldRegion.compute(model: model, row: 1, unit: (0, 0))
    #expect(first.rows == 0...2 && first.columns == 0...2)
    // Row 5 (3x3, RF 18, jump 4, unit 0 centred at 8.5): the centre unit (1,1) sees 4…21.
    let deep = try ReceptiveFieldRegion.compute(model: model, row: 5)
    #expect(deep.unitY == 1 && deep.rows == 4...21 && deep.columns == 4...21)
    #expect(!deep.isClipped)
    let corner = try ReceptiveFieldRegion.compute(model: model, row: 5, unit: (2, 0))
    #expect(corner.rows == 8...25 && corner.columns == 0...17)
  }

  @Test func samePaddingReachesOutsideAndIsClipped() throws {
    let model = Sequential(seed: 1)
    try Preset.lenet5.apply(to: model)
    let region = try ReceptiveFieldRegion.compute(model: model, row: 1, unit: (0, 0))
    #expect(region.rows == -2...2 && region.visibleRows == 0...2 && region.isClipped)
  }

  @Test func flatRowsSeeTheWholeImageAndBadRowsAreRefused() throws {
    let model = Sequential(seed: 1)
    try Preset.kerasMNIST.apply(to: model)
    let region = try ReceptiveFieldRegion.compute(model: model, row: 7)
    #expect(region.visibleRows == 0...27 && region.visibleColumns == 0...27)
    #expect(throws: InspectionError.noSuchRow(row: 8, first: 0, last: 7)) {
      try ReceptiveFieldRegion.compute(model: model, row: 8)
    }
  }
}
