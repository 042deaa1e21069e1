import Core
import Testing

/// Size limits found by fuzzing (Fuzz/corpus/FuzzCommands/crash-*.cnn): each of these used to
/// trap or exhaust memory; now the layer is refused and the model is left as it was.
@Suite struct SequentialTests {
  @Test func aDenseLayerOverTheParameterLimitIsRefusedBeforeAllocating() throws {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 1000, width: 1000, channels: 3))
    try model.append(.flatten)
    // 3,000,000 · 100,000 weights (1.2 TB) used to be allocated at once.
    #expect(throws: ShapeError.self) { try model.append(.dense(units: 100_000)) }
    #expect(model.specs.map(\.layer) == [.flatten])
    try model.append(.dense(units: 10))
    #expect(model.summary.totalParameters == 30_000_010)
  }

  @Test func anInputOverTheValueLimitIsRefused() throws {
    let model = Sequential(seed: 1)
    #expect(throws: ShapeError.self) {
      try model.setInput(Shape(height: 4096, width: 4096, channels: 4096))
    }
    #expect(model.inputShape == nil)
  }

  @Test func stackedUpsamplingStopsAtTheValueLimitInsteadOfOverflowing() throws {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 1, width: 1, channels: 1))
    var refused = false
    for _ in 0..<14 {
      do { try model.append(.upsample(factor: 32)) } catch { refused = true }
    }
    #expect(refused)
    #expect(model.shapes.allSatisfy { $0.count <= Sequential.maxOutputValues })
  }

  @Test func stackedStridesGiveAClampedReceptiveFieldNotATrap() throws {
    let model = Sequential(seed: 1)
    try model.setInput(Shape(height: 8, width: 8, channels: 1))
    for _ in 0..<12 { try model.append(.conv(filters: 1, kernel: 3, stride: 64, padding: .same)) }
    let fields = model.summary.rows.map(\.receptiveField)
    #expect(fields.last == 1 << 62)
    #expect(fields == fields.sorted())
    let region = try ReceptiveFieldRegion.compute(model: model, row: 12)
    #expect(region.side == 1 << 62 && region.visibleRows == 0...7)
  }
}
