import Core
import TestSupport
import Testing

/// `Sequential.forwardForTraining` / `backwardForTraining` (conv + `maxpool 2` fused, no
/// dLoss/dInput) against `forward` / `backward` in training mode: the same bits everywhere,
/// except through Winograd (3x3 convs on ≥ 16 channels), which matches to rounding.
@Suite struct SequentialTrainingPassTests {
  private func model(input: Shape, _ specs: [LayerSpec], seed: UInt64 = 5) throws -> Sequential {
    // Biases of both signs, so relu zeroes whole windows (ties) as well as some cells.
    try Sequential.built(input: input, specs, seed: seed) { Float($0 % 5) * 0.2 - 0.5 }
  }

  private func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

  /// What one pass leaves behind: the output, every parameter gradient, every pool's indices.
  private struct Pass: Equatable {
    var output: [UInt32]
    var gradients: [[UInt32]]
    var argmax: [[Int32]]
  }

  private func pass(
    _ model: Sequential, input: Tensor, threads: Int, fused: Bool
  ) throws -> Pass {
    let context = ComputeContext(mode: .training, threads: threads)
    let output =
      fused ? model.forwardForTraining(input, context: context) : model.forward(input, context: context)
    // Any fixed gradient will do: the loss is not part of what is compared.
    let gradient = GradientCheck.randomInput(batch: output.batch, shape: output.shape, seed: 9)
    if fused {
      model.backwardForTraining(gradient, context: context)
    } else {
      model.backward(gradient, context: context)
    }
    return Pass(
      output: bits(output.storage), gradients: model.parameters.map { bits($0.gradient) },
      argmax: model.layers.compactMap { ($0 as? MaxPool2D)?.argmax })
  }

  private func expectSameBits(_ model: Sequential, batch: Int, threads: Int) throws {
    var input = GradientCheck.randomInput(batch: batch, shape: try #require(model.inputShape))
    // A blank first image: every window of every plane is a tie.
    for i in 0..<input.shape.count { input.storage[i] = 0 }
    let plain = try pass(model, input: input, threads: threads, fused: false)
    let fused = try pass(model, input: input, threads: threads, fused: true)
    // (One Bool, so a failure names the case instead of printing every value.)
    let same = fused == plain
    #expect(same, "fused and plain passes differ: batch \(batch), \(threads) thread(s)")
  }

  /// For a conv that runs through Winograd (3x3 on ≥ 16 channels): outputs and gradients within
  /// rounding, the same cells chosen by every pool (random images: no ties).
  private func expectCloseValues(_ model: Sequential, batch: Int, threads: Int) throws {
    let input = GradientCheck.randomInput(batch: batch, shape: try #require(model.inputShape))
    let plain = try pass(model, input: input, threads: threads, fused: false)
    let fused = try pass(model, input: input, threads: threads, fused: true)
    #expect(fused.argmax == plain.argmax, "a pool chose other cells")
    /// Largest `|a − b|` over the largest `|b|` (at least 1).
    func error(_ a: [UInt32], _ b: [UInt32]) -> Float {
      let (x, y) = (a.map(Float.init(bitPattern:)), b.map(Float.init(bitPattern:)))
      let scale = max(1, y.map(abs).max() ?? 0)
      return zip(x, y).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }
    #expect(error(fused.output, plain.output) < 1e-5)
    for (f, p) in zip(fused.gradients, plain.gradients) { #expect(error(f, p) < 1e-4) }
  }

  @Test(arguments: [1, 2])
  func kerasMNISTMatchesThePlainPasses(threads: Int) throws {
    let keras = Sequential(seed: 2)
    try Preset.kerasMNIST.apply(to: keras)
    try expectCloseValues(keras, batch: 9, threads: threads)
  }

  /// Winograd in training: odd sizes (the last row and column are never formed), with and
  /// without bias or relu, several images per GEMM.
  @Test func winogradStacksMatchThePlainPasses() throws {
    let input = Shape(height: 13, width: 11, channels: 16)
    let stacks: [[LayerSpec]] = [
      [.conv(filters: 5, kernel: 3, activation: .relu), .maxPool(kernel: 2), .flatten, .dense(units: 3)],
      [.conv(filters: 4, kernel: 3, bias: false), .maxPool(kernel: 2), .flatten, .dense(units: 2)],
      [
        .conv(filters: 16, kernel: 1), .conv(filters: 6, kernel: 3, activation: .relu),
        .maxPool(kernel: 2),
      ],
    ]
    for specs in stacks {
      for (batch, threads) in [(7, 2), (3, 1), (40, 2)] {
        try expectCloseValues(model(input: input, specs), batch: batch, threads: threads)
      }
    }
  }

  /// Odd conv outputs (the pool drops the last row and column), no activation, no bias, several
  /// images per GEMM, a fused conv in the middle of the stack, and stacks that must not fuse.
  @Test func unusualStacksMatchThePlainPasses() throws {
    let input = Shape(height: 13, width: 11, channels: 3)
    let stacks: [[LayerSpec]] = [
      [.conv(filters: 5, kernel: 3, activation: .relu), .maxPool(kernel: 2), .flatten, .dense(units: 3)],
      [.conv(filters: 4, kernel: 3), .maxPool(kernel: 2), .flatten, .dense(units: 3)],
      [.conv(filters: 4, kernel: 3, bias: false, activation: .relu), .maxPool(kernel: 2)],
      [
        .conv(filters: 2, kernel: 1), .conv(filters: 4, kernel: 3, padding: .same, activation: .relu),
        .maxPool(kernel: 2),
      ],
      [
        .conv(filters: 8, kernel: 3, activation: .relu), .maxPool(kernel: 2),
        .conv(filters: 6, kernel: 3, padding: .same, activation: .relu), .maxPool(kernel: 2),
        .flatten, .dense(units: 4, activation: .softmax),
      ],
      [.conv(filters: 4, kernel: 3, activation: .tanh), .maxPool(kernel: 2)],
      [.conv(filters: 4, kernel: 3, activation: .relu), .maxPool(kernel: 3)],
      [.conv(filters: 6, kernel: 1, activation: .relu), .maxPool(kernel: 2)],
    ]
    for specs in stacks {
      for (batch, threads) in [(7, 2), (3, 1), (1, 2)] {
        try expectSameBits(model(input: input, specs), batch: batch, threads: threads)
      }
    }
  }

  /// `maxunpool` reads the indices the fused pass recorded in the pool layer.
  /// Graphs: a conv whose output a later row also reads must not run fused with its pool
  /// (row 1 here); one whose pool is its only reader does (row 5), and a branch from the input
  /// (row 8) still gets its gradient. The fused passes give the plain passes' bits.
  @Test(arguments: [1, 2])
  func graphsMatchThePlainPasses(threads: Int) throws {
    let graph = Sequential(seed: 4)
    try graph.setStack(
      input: Shape(height: 12, width: 10, channels: 3),
      specs: [
        RowSpec(.conv(filters: 4, kernel: 3, padding: .same, activation: .relu)),  // 1
        RowSpec(.maxPool(kernel: 2)),  // 2: fused? no, row 1 is read by row 3 too
        RowSpec(.conv(filters: 4, kernel: 1, stride: 2), from: 1),  // 3
        RowSpec(.add(rows: [2])),  // 4
        RowSpec(.conv(filters: 6, kernel: 3, padding: .same, activation: .relu)),  // 5
        RowSpec(.maxPool(kernel: 2)),  // 6: fused with row 5
        RowSpec(.flatten),  // 7
        RowSpec(.conv(filters: 2, kernel: 5, stride: 4), from: 0),  // 8
        RowSpec(.flatten),  // 9
        RowSpec(.concat(rows: [7])),  // 10
        RowSpec(.dense(units: 3)),  // 11
      ])
    for parameter in graph.parameters where parameter.name.hasSuffix("bias") {
      parameter.value = (0..<parameter.count).map { Float($0 % 5) * 0.2 - 0.5 }
    }
    try expectSameBits(graph, batch: 3, threads: threads)
  }

  @Test func maxUnpoolSeesTheFusedPoolsIndices() throws {
    let unpool = try model(
      input: Shape(height: 8, width: 8, channels: 2),
      [
        .conv(filters: 3, kernel: 3, padding: .same, activation: .relu), .maxPool(kernel: 2),
        .maxUnpool(poolRow: 2), .conv(filters: 2, kernel: 3),
      ])
    try expectSameBits(unpool, batch: 4, threads: 2)
  }

  /// A NaN in the input comes out of the fused pool as it comes out of `maxpool` (NaN wins).
  @Test func nanTakesTheSameWindows() throws {
    let net = try model(
      input: Shape(height: 6, width: 12, channels: 1),
      [.conv(filters: 2, kernel: 3, activation: .relu), .maxPool(kernel: 2)])
    var input = GradientCheck.randomInput(
      batch: 2, shape: Shape(height: 6, width: 12, channels: 1))
    // In the four-wide part of a row and in its tail.
    input.storage[7] = .nan
    input.storage[12 + 10] = .nan
    let context = ComputeContext(mode: .training, threads: 1)
    let plain = net.forward(input, context: context)
    let plainIndices = try #require(net.layers[1] as? MaxPool2D).argmax
    let fused = net.forwardForTraining(input, context: context)
    #expect(bits(fused.storage) == bits(plain.storage))
    #expect(try #require(net.layers[1] as? MaxPool2D).argmax == plainIndices)
    #expect(fused.storage.contains { $0.isNaN })
  }
}

/// A `batchnorm` whose only reader is a `relu` row runs both rows as one pass in training and in
/// `predict`; the outputs and every gradient keep the plain passes' bits.
@Suite struct BatchNormReluFusionTests {
  private func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

  private func graph(_ rows: [RowSpec], input: Shape) throws -> Sequential {
    let model = Sequential(seed: 6)
    try model.setStack(input: input, specs: rows)
    // γ and β of both signs, so relu cuts some channels entirely and others not at all.
    for parameter in model.parameters where parameter.name.hasSuffix("bias") {
      parameter.value = (0..<parameter.count).map { Float($0 % 5) * 0.3 - 0.6 }
    }
    for parameter in model.parameters where parameter.dimensions.count == 1
      && parameter.name.hasSuffix("weight")
    {
      parameter.value = (0..<parameter.count).map { Float($0 % 3) * 0.5 - 0.4 }
    }
    return model
  }

  private func expectSameBits(
    _ model: Sequential, fusedRows: [Int], foldedRows: [Int] = [], batch: Int = 5,
    threads: Int = 2
  ) throws {
    let shape = try #require(model.inputShape)
    var input = GradientCheck.randomInput(batch: batch, shape: shape)
    input.storage[3] = .nan  // a NaN goes through relu and the mask as in the plain rows
    let context = ComputeContext(mode: .training, threads: threads)
    /// NaN in every gradient, so one a pass forgets to write cannot match by luck.
    func poisonGradients() {
      for parameter in model.parameters {
        parameter.gradient = [Float](repeating: .nan, count: parameter.count)
      }
    }
    let plain = model.forward(input, context: context)
    let gradient = GradientCheck.randomInput(batch: batch, shape: plain.shape, seed: 9)
    poisonGradients()
    model.backward(gradient, context: context)
    let plainGradients = model.parameters.map { bits($0.gradient) }
    let fused = model.forwardForTraining(input, context: context)
    #expect(model.rowsFusedInLastTrainingPass == fusedRows)
    poisonGradients()
    model.backwardForTraining(gradient, context: context)
    #expect(bits(fused.storage) == bits(plain.storage), "training outputs differ")
    let same = model.parameters.map { bits($0.gradient) } == plainGradients
    #expect(same, "gradients differ")

    let inference = ComputeContext(mode: .inference, threads: threads)
    let predicted = model.predict(input, context: inference)
    #expect(model.rowsFoldedInLastPrediction == foldedRows)
    let rows = model.forward(input, context: inference)
    if foldedRows.isEmpty {
      #expect(bits(predicted.storage) == bits(rows.storage), "predict differs")
    } else {
      // A folded conv regroups the products: the same up to rounding (NaN where NaN).
      let scale = rows.storage.filter { !$0.isNaN }.map(abs).max() ?? 1
      for (p, r) in zip(predicted.storage, rows.storage) {
        #expect(p.isNaN == r.isNaN && (p.isNaN || abs(p - r) <= 2e-6 * max(1, scale)))
      }
    }
  }

  @Test(arguments: [1, 2])
  func aConvNetKeepsThePlainBits(threads: Int) throws {
    let model = try graph(
      [
        RowSpec(.conv(filters: 6, kernel: 3, padding: .same, bias: false)),  // 1
        RowSpec(.batchNorm()),  // 2
        RowSpec(.activation(.relu)),  // 3: inside row 2
        RowSpec(.conv(filters: 4, kernel: 3, stride: 2)),  // 4
        RowSpec(.batchNorm()),  // 5
        RowSpec(.activation(.relu)),  // 6: inside row 5
        RowSpec(.flatten),  // 7
        RowSpec(.dense(units: 8)),  // 8
        RowSpec(.batchNorm()),  // 9: flat batchnorm
        RowSpec(.activation(.relu)),  // 10: inside row 9
        RowSpec(.dense(units: 3)),  // 11
      ], input: Shape(height: 7, width: 6, channels: 2))
    try expectSameBits(model, fusedRows: [3, 6, 10], foldedRows: [1, 4], threads: threads)
  }

  /// A batchnorm another row also reads, a relu at the end of the net, and a tanh keep their
  /// own rows.
  @Test func rowsThatMustNotFuseStayApart() throws {
    let model = try graph(
      [
        RowSpec(.conv(filters: 4, kernel: 3, padding: .same)),  // 1
        RowSpec(.batchNorm()),  // 2: read by rows 3 and 4
        RowSpec(.activation(.relu)),  // 3
        RowSpec(.add(rows: [2])),  // 4
        RowSpec(.batchNorm()),  // 5
        RowSpec(.activation(.tanh)),  // 6
        RowSpec(.batchNorm()),  // 7
        RowSpec(.activation(.relu)),  // 8: the last row
      ], input: Shape(height: 5, width: 5, channels: 3))
    // (predict folds row 2 into the conv of row 1: its only reader; relu stays apart)
    try expectSameBits(model, fusedRows: [], foldedRows: [1])
  }
}

/// `predict` folds a `batchnorm` into the conv (or depthwise conv) it alone reads, and the relu
/// the batchnorm alone feeds (``BatchNormFoldable``): the rows' result to rounding, with running
/// statistics far from 0 and 1 so a missing scale or shift shows.
@Suite struct BatchNormFoldingTests {
  private func model(_ rows: [RowSpec], input: Shape) throws -> Sequential {
    let model = Sequential(seed: 3)
    try model.setStack(input: input, specs: rows)
    setStatistics(model, salt: 0)
    return model
  }

  /// γ, β, running mean and variance of every batchnorm, and every conv bias, set to values of
  /// both signs (variance positive) that depend on `salt`.
  private func setStatistics(_ model: Sequential, salt: Int) {
    for parameter in model.parameters where parameter.dimensions.count == 1 {
      let name = parameter.name
      parameter.value = (0..<parameter.count).map { i in
        let v = Float((i * 7 + salt) % 11) / 11
        if name.hasSuffix("running_var") { return 0.2 + 3 * v }
        if name.hasSuffix("running_mean") { return 2 * v - 0.7 }
        return 1.5 * v - 0.6
      }
    }
  }

  private func expectFolded(
    _ model: Sequential, rows folded: [Int], batch: Int = 4, threads: Int = 2
  ) throws {
    let shape = try #require(model.inputShape)
    let input = GradientCheck.randomInput(batch: batch, shape: shape, seed: 12)
    let context = ComputeContext(mode: .inference, threads: threads)
    let predicted = model.predict(input, context: context)
    #expect(model.rowsFoldedInLastPrediction == folded)
    let rows = model.forward(input, context: context)
    #expect(predicted.shape == rows.shape && predicted.batch == rows.batch)
    let scale = rows.storage.map(abs).max() ?? 0
    #expect(scale > 0.1, "the check needs outputs away from 0")
    let worst = zip(predicted.storage, rows.storage).map { abs($0 - $1) }.max() ?? .infinity
    #expect(worst <= 3e-6 * max(1, scale), "predict differs from the rows by \(worst)")
  }

  private let foldingRows = [
    RowSpec(.conv(filters: 6, kernel: 3, padding: .same, bias: false)),  // 1: folds 2, 3
    RowSpec(.batchNorm()),  // 2
    RowSpec(.activation(.relu)),  // 3
    RowSpec(.depthwiseConv(kernel: 3, multiplier: 2, stride: 2, padding: .same)),  // 4: folds 5, 6
    RowSpec(.batchNorm()),  // 5
    RowSpec(.activation(.relu)),  // 6
    RowSpec(.conv(filters: 5, kernel: 1)),  // 7: folds 8 (a bias of its own, no relu after)
    RowSpec(.batchNorm()),  // 8
    RowSpec(.conv(filters: 4, kernel: 3, padding: .same)),  // 9: Winograd? (thin: im2col)
    RowSpec(.batchNorm()),  // 10
    RowSpec(.activation(.relu)),  // 11
    RowSpec(.globalAvgPool),  // 12
    RowSpec(.dense(units: 3)),  // 13
  ]

  @Test(arguments: [1, 2])
  func convAndDepthwiseRowsFold(threads: Int) throws {
    let net = try model(foldingRows, input: Shape(height: 9, width: 10, channels: 3))
    try expectFolded(net, rows: [1, 4, 7, 9], threads: threads)
  }

  /// 16 channels in and out: the folded 3x3 conv runs through Winograd.
  @Test func aWinogradConvFolds() throws {
    let net = try model(
      [
        RowSpec(.conv(filters: 16, kernel: 3, padding: .same)),  // 1
        RowSpec(.conv(filters: 16, kernel: 3, padding: .same, bias: false)),  // 2: folds 3, 4
        RowSpec(.batchNorm()),  // 3
        RowSpec(.activation(.relu)),  // 4
        RowSpec(.flatten),  // 5
        RowSpec(.dense(units: 2)),  // 6
      ], input: Shape(height: 6, width: 7, channels: 2))
    try expectFolded(net, rows: [2])
  }

  /// New weights and statistics (an optimizer step, a `load`) reach the next prediction.
  @Test func laterValuesAreFoldedAgain() throws {
    let net = try model(foldingRows, input: Shape(height: 8, width: 8, channels: 3))
    try expectFolded(net, rows: [1, 4, 7, 9])
    setStatistics(net, salt: 5)
    for parameter in net.parameters where parameter.dimensions.count == 4 {
      parameter.value = parameter.value.map { -1.3 * $0 }
    }
    try expectFolded(net, rows: [1, 4, 7, 9])
    try net.setStack(input: Shape(height: 11, width: 6, channels: 3), specs: foldingRows)
    setStatistics(net, salt: 2)
    try expectFolded(net, rows: [1, 4, 7, 9], batch: 3)
  }

  /// A conv with an activation of its own, a conv another row also reads, and a separable conv
  /// keep their batchnorm apart.
  @Test func rowsThatMustNotFoldStayApart() throws {
    let net = try model(
      [
        RowSpec(.conv(filters: 4, kernel: 3, padding: .same, activation: .relu)),  // 1
        RowSpec(.batchNorm()),  // 2
        RowSpec(.conv(filters: 4, kernel: 3, padding: .same)),  // 3: read by 4 and 5
        RowSpec(.batchNorm()),  // 4
        RowSpec(.add(rows: [3])),  // 5
        RowSpec(.separableConv(filters: 4, kernel: 3, padding: .same)),  // 6
        RowSpec(.batchNorm()),  // 7
        RowSpec(.globalAvgPool),  // 8
      ], input: Shape(height: 6, width: 6, channels: 2))
    try expectFolded(net, rows: [])
  }
}
