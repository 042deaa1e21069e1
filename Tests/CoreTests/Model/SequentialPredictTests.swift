import Core
import TestSupport
import Testing

/// `Sequential.predict` (the fused inference path) against `forward` in inference mode.
@Suite struct SequentialPredictTests {
  private func model(input: Shape, _ specs: [LayerSpec], seed: UInt64 = 4) throws -> Sequential {
    try Sequential.built(input: input, specs, seed: seed) { Float($0 % 7) * 0.05 - 0.15 }
  }

  /// Largest `|a − b| / max(1, |b|)`.
  private func worstError(_ a: Tensor, _ b: Tensor) -> Float {
    zip(a.storage, b.storage).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
  }

  private func compare(
    _ model: Sequential, batch: Int, threads: Int = 2, tolerance: Float = 1e-4
  ) throws {
    let input = GradientCheck.randomInput(batch: batch, shape: try #require(model.inputShape))
    let context = ComputeContext(mode: .inference, threads: threads)
    let plain = model.forward(input, context: context)
    let fast = model.predict(input, context: context)
    #expect(fast.shape == plain.shape)
    #expect(fast.batch == plain.batch)
    #expect(worstError(fast, plain) <= tolerance)
  }

  /// An evaluation pass that keeps nothing for backward (``ComputeContext/keepsForBackward``
  /// false: each layer drops its batch once it has run) gives the same numbers bit for bit,
  /// on every kind of layer that keeps a batch, and training afterwards is unchanged too.
  @Test func passesThatKeepNothingForBackwardGiveTheSameNumbers() throws {
    let input = Shape(height: 10, width: 10, channels: 3)
    let specs: [LayerSpec] = [
      .conv(filters: 4, kernel: 3, padding: .same, activation: .relu), .batchNorm(),
      .depthwiseConv(kernel: 3, multiplier: 2, activation: .tanh),
      .transposedConv(filters: 3, kernel: 2, stride: 2), .activation(.relu), .maxPool(kernel: 2),
      .flatten, .dense(units: 5, activation: .softmax),
    ]
    let model = try model(input: input, specs)
    let batch = GradientCheck.randomInput(batch: 7, shape: input)
    let keeping = ComputeContext(mode: .inference, threads: 2)
    let dropping = ComputeContext(mode: .inference, threads: 2, keepsForBackward: false)
    let kept = model.predict(batch, context: keeping)
    let dropped = model.predict(batch, context: dropping)
    #expect(kept.storage.map(\.bitPattern) == dropped.storage.map(\.bitPattern))
    #expect(model.forward(batch, context: dropping).storage == kept.storage)
    // A training step after it runs from its own forward, as always.
    let training = ComputeContext(mode: .training, threads: 2)
    let out = model.forward(batch, context: training)
    let gradient = model.backward(
      Tensor(batch: 7, shape: out.shape, repeating: 0.1), context: training)
    #expect(gradient.shape == input && gradient.storage.allSatisfy(\.isFinite))
  }

  @Test(arguments: [1, 3, 64, 67])
  func kerasMNISTMatchesForward(batch: Int) throws {
    let keras = Sequential(seed: 2)
    try Preset.kerasMNIST.apply(to: keras)
    try compare(keras, batch: batch)
  }

  /// Odd conv outputs (the pool drops the last row and column), no activation, no bias,
  /// a non-fusable activation and a non-fusable pool, padding and a 1x1 conv.
  @Test func unusualStacksMatchForward() throws {
    let input = Shape(height: 12, width: 11, channels: 3)
    let stacks: [[LayerSpec]] = [
      [.conv(filters: 5, kernel: 3, activation: .relu), .maxPool(kernel: 2)],
      [.conv(filters: 4, kernel: 3), .maxPool(kernel: 2), .flatten, .dense(units: 3)],
      [.conv(filters: 4, kernel: 3, bias: false, activation: .relu), .maxPool(kernel: 2)],
      [.conv(filters: 4, kernel: 3, activation: .tanh), .maxPool(kernel: 2)],
      [.conv(filters: 4, kernel: 3, activation: .relu), .maxPool(kernel: 3)],
      [.conv(filters: 6, kernel: 3, padding: .same, activation: .relu), .maxPool(kernel: 2)],
      [.conv(filters: 6, kernel: 1, activation: .relu), .maxPool(kernel: 2)],
      [
        .conv(filters: 8, kernel: 3, activation: .relu), .maxPool(kernel: 2),
        .conv(filters: 8, kernel: 3, activation: .relu), .maxPool(kernel: 2),
      ],
    ]
    for specs in stacks {
      try compare(model(input: input, specs), batch: 5)
      try compare(model(input: input, specs), batch: 2, threads: 1)
    }
  }

  /// 3x3 convs on ≥ 16 channels followed by `maxpool 2` run through Winograd: within 1e-4 of
  /// im2col, with odd and even sizes, with and without bias or relu, several images per GEMM.
  @Test func winogradStacksMatchForward() throws {
    let stacks: [(Shape, [LayerSpec])] = [
      (Shape(height: 13, width: 13, channels: 16), [.conv(filters: 8, kernel: 3, activation: .relu), .maxPool(kernel: 2)]),
      (Shape(height: 10, width: 7, channels: 17), [.conv(filters: 5, kernel: 3), .maxPool(kernel: 2)]),
      (Shape(height: 6, width: 9, channels: 20), [.conv(filters: 3, kernel: 3, bias: false, activation: .relu), .maxPool(kernel: 2), .flatten, .dense(units: 2)]),
      (Shape(height: 4, width: 4, channels: 16), [.conv(filters: 4, kernel: 3, activation: .relu), .maxPool(kernel: 2)]),
    ]
    for (input, specs) in stacks {
      try compare(model(input: input, specs), batch: 7)
      try compare(model(input: input, specs), batch: 30, threads: 1)
    }
  }

  /// A model with `maxunpool` takes the plain path (it needs the pool's indices).
  @Test func maxUnpoolModelsUseThePlainPath() throws {
    let unpool = try model(
      input: Shape(height: 8, width: 8, channels: 1),
      [.conv(filters: 2, kernel: 3, padding: .same, activation: .relu), .maxPool(kernel: 2),
       .maxUnpool(poolRow: 2)])
    try compare(unpool, batch: 3, tolerance: 0)
  }

  /// Same seed and thread count, same bits.
  @Test func predictIsDeterministic() throws {
    let keras = Sequential(seed: 2)
    try Preset.kerasMNIST.apply(to: keras)
    let input = GradientCheck.randomInput(batch: 9, shape: Shape(height: 28, width: 28, channels: 1))
    let context = ComputeContext(mode: .inference, threads: 2)
    #expect(keras.predict(input, context: context).storage
      == keras.predict(input, context: context).storage)
  }
}
