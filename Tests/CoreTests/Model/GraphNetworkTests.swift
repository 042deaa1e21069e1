import Core
import Testing

/// Networks with `from=`, `add` and `concat`: shapes, refusals, renumbering, and gradients
/// through every path checked against central differences.
@Suite struct GraphNetworkTests {
  static let image = Shape(height: 6, width: 5, channels: 2)

  /// Builds `rows` on `input` (seeded).
  static func network(_ rows: [RowSpec], input: Shape = image, seed: UInt64 = 3) throws
    -> Sequential
  {
    let model = Sequential(seed: seed)
    try model.setStack(input: input, specs: rows)
    return model
  }

  /// A residual block, a branch from an earlier row, a concat, a row read three times (row 1)
  /// and the input read again (row 0), with smooth activations so differences are exact.
  static let wired: [RowSpec] = [
    RowSpec(.conv(filters: 3, kernel: 3, padding: .same, activation: .tanh)),  // 1
    RowSpec(.conv(filters: 3, kernel: 3, padding: .same, activation: .sigmoid)),  // 2
    RowSpec(.add(rows: [1])),  // 3 = 2 + 1
    RowSpec(.conv(filters: 2, kernel: 1, activation: .tanh), from: 1),  // 4 reads 1
    RowSpec(.concat(rows: [4, 0]), from: 3),  // 5 = [3, 4, input] → 3 + 2 + 2 channels
    RowSpec(.add(rows: [5])),  // 6 = 5 + 5 (a row used twice by one merge)
    RowSpec(.avgPool(kernel: 2)),  // 7
    RowSpec(.flatten),  // 8
    RowSpec(.dense(units: 4, activation: .tanh)),  // 9
  ]

  @Test func shapesAndParametersFollowTheWiring() throws {
    let model = try Self.network(Self.wired)
    #expect(model.shapes[5] == Shape(height: 6, width: 5, channels: 7))
    #expect(model.shapes[7] == Shape(height: 3, width: 2, channels: 7))
    #expect(model.inputRows(ofRow: 4) == [1])
    #expect(model.inputRows(ofRow: 5) == [3, 4, 0])
    #expect(model.wiring.readers[1] == [2, 3, 4])
    // conv 3 3 on 2 channels, conv 3 3 on 3, conv 2 1 on 3 (row 1's channels), dense 42 → 4.
    #expect(
      model.summary.totalParameters == (3 * 18 + 3) + (3 * 27 + 3) + (2 * 3 + 2) + (42 * 4 + 4))
    #expect(model.summary.isBranching)
  }

  @Test func theWholeNetworkGradientMatchesCentralDifferences() throws {
    let model = try Self.network(Self.wired)
    let report = try GradientChecker(batch: 2).checkNetwork(model: model)
    #expect(report.input.checked > 0)
    #expect(report.parameters.count == model.parameters.filter(\.isTrainable).count)
    #expect(report.passed, "worst \(report.worstError)")
  }

  /// A branch nothing reads gets no gradient: its parameters' gradients are zeros, not what
  /// an earlier pass left, and the rows that are read still get theirs.
  @Test func aBranchThatLeadsNowhereGetsZeroGradients() throws {
    let model = try Self.network([
      RowSpec(.conv(filters: 2, kernel: 3, padding: .same, activation: .tanh)),  // 1: unused
      RowSpec(.conv(filters: 2, kernel: 3, padding: .same, activation: .tanh), from: 0),  // 2
    ])
    #expect(model.wiring.unusedRows == [1])
    for p in model.parameters { p.gradient = [Float](repeating: 7, count: p.count) }
    let context = ComputeContext(mode: .training)
    let x = Tensor(batch: 2, shape: Self.image, repeating: 0.5)
    let y = model.forward(x, context: context)
    model.backward(Tensor(batch: 2, shape: y.shape, repeating: 1), context: context)
    #expect(model.layers[0].parameters.allSatisfy { $0.gradient.allSatisfy { $0 == 0 } })
    #expect(model.layers[1].parameters.allSatisfy { $0.gradient.contains { $0 != 0 && $0 != 7 } })
  }

  /// Every way a merge can be refused leaves the model as it was.
  @Test func refusedMergesChangeNothing() throws {
    let model = try Self.network([RowSpec(.conv(filters: 3, kernel: 3))])
    let before = model.summary
    #expect(throws: ShapeError.self) { try model.append(RowSpec(.add(rows: [0]))) }
    #expect(throws: ShapeError.self) { try model.append(RowSpec(.concat(rows: [0]))) }
    #expect(throws: ShapeError.self) { try model.append(RowSpec(.add(rows: [2]))) }
    #expect(throws: ShapeError.self) { try model.append(RowSpec(.activation(.relu), from: 2)) }
    #expect(model.summary == before)
  }

  /// Paths into a merge may grow at different rates: the field is the largest over every path,
  /// not the path that is widest at the merge (a stride-4 path overtakes a 49x49 kernel).
  @Test func theReceptiveFieldIsTheLargestOverEveryPath() throws {
    let model = try Self.network(
      [
        RowSpec(.conv(filters: 1, kernel: 3, stride: 4, padding: .same)),  // 1: 3, jump 4
        RowSpec(.conv(filters: 1, kernel: 49), from: 0),  // 2: 49, jump 1
        RowSpec(.add(rows: [1])),  // 3
        RowSpec(.conv(filters: 1, kernel: 15, padding: .same)),  // 4: max(49 + 14, 3 + 56)
        RowSpec(.conv(filters: 1, kernel: 15, padding: .same)),  // 5: max(63 + 14, 59 + 56)
      ], input: Shape(height: 64, width: 64, channels: 1))
    #expect(model.summary.rows.map(\.receptiveField) == [1, 3, 49, 49, 63, 115])
    #expect(model.receptivePath(toRow: 5) == [0, 1, 3, 4, 5])
    let region = try ReceptiveFieldRegion.compute(model: model, row: 5)
    #expect(region.side == 115)
  }

  /// A maxpool that reads another row (`from=`) gives its maxunpool that row's shape back.
  @Test func aMaxUnpoolUndoesAPoolThatReadsAnotherRow() throws {
    let model = try Self.network([
      RowSpec(.conv(filters: 2, kernel: 3, padding: .same)),  // 1: 6x5x2
      RowSpec(.conv(filters: 2, kernel: 3)),  // 2: 4x3x2
      RowSpec(.maxPool(kernel: 2), from: 1),  // 3: 3x2x2
      RowSpec(.maxUnpool(poolRow: 3)),  // 4: back to row 1's 6x5x2
    ])
    #expect(model.shapes[4] == Shape(height: 6, width: 5, channels: 2))
    let y = model.forward(
      Tensor(batch: 2, shape: Self.image, repeating: 1), context: .init(mode: .training))
    #expect(y.shape == Shape(height: 6, width: 5, channels: 2))
  }

  /// `insert` in front of a row that reads another row hands the new row that `from=`;
  /// `del` of a row that read another row hands it to the row below: no row is left dangling.
  @Test func insertAndDeleteKeepWhatARowReads() throws {
    let model = try Self.network([
      RowSpec(.conv(filters: 2, kernel: 3, padding: .same)),  // 1
      RowSpec(.conv(filters: 2, kernel: 3, padding: .same)),  // 2
      RowSpec(.conv(filters: 2, kernel: 3, padding: .same), from: 1),  // 3
      RowSpec(.add(rows: [2])),  // 4
    ])
    try model.insert(RowSpec(.activation(.relu)), atRow: 3)
    #expect(
      model.specs.map(\.description) == [
        "conv 2 3 pad=same", "conv 2 3 pad=same", "relu from=1", "conv 2 3 pad=same", "add 2",
      ])
    #expect(model.wiring.unusedRows.isEmpty)
    try model.remove(row: 3)
    #expect(
      model.specs.map(\.description) == [
        "conv 2 3 pad=same", "conv 2 3 pad=same", "conv 2 3 pad=same from=1", "add 2",
      ])
  }

  /// `gradcheck` on a merge checks the gradient each input gets: right for `add` and
  /// `concat` (inputs of different channel counts), caught for a merge that gets it wrong.
  @Test func mergeRowsAreCheckedInputByInput() throws {
    var random = SeededRandom(seed: 4)
    func tensor(_ channels: Int) -> Tensor {
      let shape = Shape(height: 3, width: 4, channels: channels)
      return Tensor(
        batch: 2, shape: shape,
        storage: (0..<(2 * shape.count)).map { _ in random.uniform(-1, 1) })
    }
    let checker = GradientChecker()
    let (a, b, c) = (tensor(2), tensor(2), tensor(3))
    let add = checker.check(merge: Add(rows: [1]), inputs: [a, b], rows: [2, 1])
    #expect(add.passed && add.parameters.map(\.name) == ["row 1"])
    let concat = checker.check(merge: Concatenate(rows: [1, 0]), inputs: [a, c, b], rows: [3, 1, 0])
    #expect(concat.passed && concat.parameters.map(\.name) == ["row 1", "row 0"])
    let wrong = checker.check(merge: DoublingAdd(rows: [1]), inputs: [a, b], rows: [2, 1])
    #expect(!wrong.passed)
    #expect(wrong.input.worstError < 1e-3, "the main input's gradient is right")
  }
}

/// An `add` whose backward hands the merged rows twice the gradient: what the checker exists
/// to catch.
private final class DoublingAdd: WeightlessLayer, MergingLayer {
  let mergedRows: [Int]
  private let add: Add

  init(rows: [Int]) {
    mergedRows = rows
    add = Add(rows: rows)
  }

  var spec: LayerSpec { .add(rows: mergedRows) }
  var window: SpatialWindow { .pointwise }
  var isRandomWhenTraining: Bool { false }
  func outputShape(for input: Shape) throws(ShapeError) -> Shape { input }
  func outputShape(for inputs: [Shape], rows: [Int]) throws(ShapeError) -> Shape { inputs[0] }
  func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }
  func arithmetic(inputs: [Shape], rows: [Int], output: Shape) -> LayerArithmetic { .none }
  func forward(_ input: Tensor, context: ComputeContext) -> Tensor { input }
  func forward(_ inputs: [Tensor], context: ComputeContext) -> Tensor {
    add.forward(inputs, context: context)
  }
  func backward(_ g: Tensor, context: ComputeContext, throughActivation: Bool) -> Tensor { g }
  func backward(_ outputGradient: Tensor, context: ComputeContext) -> [Tensor] {
    var doubled = outputGradient
    for i in doubled.storage.indices { doubled.storage[i] *= 2 }
    return [outputGradient] + Array(repeating: doubled, count: mergedRows.count)
  }
}


extension GraphNetworkTests {
  /// The forward pass up to a row gives the rows up to it, each the full pass's own output
  /// (branches and merges included), and nothing after it.
  @Test func forwardCollectingThroughARowIsThePrefix() throws {
    let model = try Self.network(Self.wired)
    var random = SeededRandom(seed: 5)
    let x = Tensor(
      batch: 1, shape: Self.image,
      storage: (0..<Self.image.count).map { _ in random.uniform(-1, 1) })
    let context = ComputeContext(mode: .inference)
    let all = model.forwardCollecting(x, context: context)
    for row in 0...model.layers.count {
      let prefix = model.forwardCollecting(x, throughRow: row, context: context)
      #expect(prefix.count == row + 1)
      for r in 0...row {
        #expect(prefix[r].shape == all[r].shape && prefix[r].storage == all[r].storage, "row \(r)")
      }
    }
  }
}
