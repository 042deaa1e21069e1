/// Compares analytic gradients with central finite differences, layer by layer (`gradcheck [L]`).
///
/// For a layer `f` and an input batch `x`, the loss is `ℓ = Σ w ⊙ f(x)` with a fixed random
/// `w ∈ [−1, 1]` (so dℓ/dOutput = w: any output gradient would do; kinks below explain its
/// zeros). One backward pass gives the analytic gradients; each sampled entry `v` (of the input
/// and of every trainable parameter) is then compared with
///
///     numeric = (ℓ(v + h) − ℓ(v − h)) / 2h          ℓ summed in Double, h = `step`
///     error   = |analytic − numeric| / max(|analytic| + |numeric|, 0.01)
///
/// On a model, each layer is checked on the activations a random batch (pixels uniform in
/// `[0, 1]`, seeded) produces at its row, so conv, pooling and dense layers see realistic inputs.
/// Determinism: those activations come from an inference pass; the checked layer then runs in
/// training mode (batchnorm normalises with the fixed batch's own statistics, exactly what its
/// backward differentiates) except dropout, which runs in inference mode (the identity) so no
/// random mask changes between the two sides of a difference.
///
/// The weights are not changed: every perturbed entry is put back, and each checked layer's
/// parameter values (including batchnorm's running statistics, which training-mode passes
/// update) and gradients are restored bit for bit afterwards.
///
/// Kinks: where `[v − h, v + h]` holds a point the function is not differentiable at (ReLU at
/// 0, a max changing its winner), a central difference means nothing. Two guards, both from the
/// forward pass alone: outputs within `10·h` of 0 (where ReLU-type activations bend; smooth
/// ones lose nothing by it) get loss weight 0, so a step cannot carry a weighted output across
/// its bend; and entries whose one-sided slopes still disagree,
///
///     |(ℓ(v + h) − ℓ(v))/h − (ℓ(v) − ℓ(v − h))/h| > kinkTolerance · max(sum of their sizes, 0.01)
///
/// and skipped (counted in the report; a layer with more skipped than compared entries fails).
/// A wrong backward pass cannot hide this way, since the test never looks at it. The
/// threshold (0.02) is far below the errors a wrong backward pass gives (typically 0.3 to 1).
public struct GradientChecker: Sendable {
  /// Central-difference step `h`.
  public var step: Float
  /// Entries compared per array at most (all when the array is smaller).
  public var maxEntries: Int
  /// Images in the random batch.
  public var batch: Int
  /// Seeds the batch, the loss weights and the sampled entries.
  public var seed: UInt64
  /// A layer passes when its worst error is below this.
  public var threshold: Double
  /// One-sided slopes differing by more than this fraction mark an entry as sitting on a kink.
  public var kinkTolerance: Double
  /// Whether the kink guards run (off: every weighted output and every entry counts, the plain
  /// check layer tests use on inputs chosen away from kinks).
  public var guardsKinks: Bool

  public init(
    step: Float = 1e-2, maxEntries: Int = 64, batch: Int = 2, seed: UInt64 = 7,
    threshold: Double = 2e-2, kinkTolerance: Double = 0.1, guardsKinks: Bool = true
  ) {
    self.kinkTolerance = kinkTolerance
    self.guardsKinks = guardsKinks
    self.step = step
    self.maxEntries = maxEntries
    self.batch = batch
    self.seed = seed
    self.threshold = threshold
  }

  /// Checks every row with trainable parameters and every merge (`add`, `concat`: the
  /// gradient each of its inputs gets), or only row `row` (any layer).
  public func check(model: Sequential, row: Int? = nil) throws(InspectionError)
    -> [LayerGradientReport]
  {
    guard let shape = model.inputShape, !model.isEmpty else { throw .emptyModel }
    if let row { try TestImage.checkRow(row, in: model, first: 1) }
    var random = SeededRandom(seed: seed)
    let input = Tensor(
      batch: batch, shape: shape,
      storage: (0..<(batch * shape.count)).map { _ in random.nextUnitFloat() })
    let rows =
      row.map { [$0] }
      ?? (1...model.layers.count).filter { i in
        model.layers[i - 1].parameters.contains(where: \.isTrainable)
          || model.layers[i - 1] is any MergingLayer
      }
    let activations = model.forwardCollecting(input, context: ComputeContext(mode: .inference))
    return rows.map { i in
      let layer = model.layers[i - 1]
      if let merge = layer as? any MergingLayer {
        let reads = model.inputRows(ofRow: i)
        return check(merge: merge, inputs: reads.map { activations[$0] }, rows: reads, row: i)
      }
      let mode: ForwardMode = layer.isRandomWhenTraining ? .inference : .training
      return check(
        layer: layer, input: activations[model.inputRows(ofRow: i)[0]], mode: mode, row: i)
    }
  }

  /// Checks the whole network as one function of its input, through every path: dLoss/dInput
  /// and every trainable parameter, with the gradients summed where rows fork. This is what
  /// checks the wiring of `from=`, `add` and `concat` (a row check sees one layer alone).
  /// Runs in inference mode when some layer is random in training (dropout).
  public func checkNetwork(model: Sequential) throws(InspectionError) -> LayerGradientReport {
    guard let shape = model.inputShape, !model.isEmpty else { throw .emptyModel }
    var random = SeededRandom(seed: seed)
    let input = Tensor(
      batch: batch, shape: shape,
      storage: (0..<(batch * shape.count)).map { _ in random.nextUnitFloat() })
    let mode: ForwardMode =
      model.layers.contains(where: \.isRandomWhenTraining) ? .inference : .training
    let context = ComputeContext(mode: mode, threads: 1)
    return check(
      forward: { model.forward($0, context: context) },
      backward: { model.backward($0, context: context) },
      parameters: model.parameters, input: input, mode: mode, row: 0,
      name: "whole network, every path")
  }

  /// Checks a merge on `inputs` (from rows `rows`, main input first): the gradient it hands
  /// each input against central differences of that input alone. The main input's is the
  /// report's `input`, each other one an entry named after its row (`row 1`).
  public func check(merge: any MergingLayer, inputs: [Tensor], rows: [Int], row: Int = 0)
    -> LayerGradientReport
  {
    let context = ComputeContext(mode: .training, threads: 1)
    let perInput = inputs.indices.map { k in
      check(
        forward: { x in
          var all = inputs
          all[k] = x
          return merge.forward(all, context: context)
        },
        backward: { g in merge.backward(g, context: context)[k] }, parameters: [],
        input: inputs[k], mode: .training, row: row, name: merge.spec.description)
    }
    let others = zip(rows, perInput).dropFirst().map { r, report in
      LayerGradientReport.Entry(
        name: "row \(r)", worstError: report.input.worstError, checked: report.input.checked,
        skippedAtKinks: report.input.skippedAtKinks)
    }
    return LayerGradientReport(
      row: row, layer: merge.spec.description, mode: .training, input: perInput[0].input,
      parameters: others, threshold: threshold)
  }

  /// Checks one layer (built for `input.shape`) on `input` in `mode`; `row` only labels it.
  public func check(layer: any Layer, input: Tensor, mode: ForwardMode, row: Int = 0)
    -> LayerGradientReport
  {
    let context = ComputeContext(mode: mode, threads: 1)
    return check(
      forward: { layer.forward($0, context: context) },
      backward: { layer.backward($0, context: context) }, parameters: layer.parameters,
      input: input, mode: mode, row: row, name: layer.spec.description)
  }

  /// The check of a function `forward` with its `backward` (dLoss/dOutput → dLoss/dInput,
  /// writing the gradients of `parameters`) on `input`.
  private func check(
    forward: (Tensor) -> Tensor, backward: (Tensor) -> Tensor, parameters: [Parameter],
    input: Tensor, mode: ForwardMode, row: Int, name: String
  ) -> LayerGradientReport {
    let saved = parameters.map { ($0.value, $0.gradient) }
    defer {
      for (parameter, (value, gradient)) in zip(parameters, saved) {
        parameter.value = value
        parameter.gradient = gradient
      }
    }
    var random = SeededRandom(seed: seed)
    let output = forward(input)
    // Outputs near 0 may sit on a ReLU's bend: they get no weight (see the type's comment).
    let margin = guardsKinks ? 10 * step : 0
    let weights = output.storage.map { y in
      let w = random.uniform(-1, 1)
      return abs(y) < margin ? 0 : w
    }
    func loss(_ x: Tensor) -> Double {
      let y = forward(x)
      var total = 0.0
      for i in 0..<y.count { total += Double(weights[i]) * Double(y.storage[i]) }
      return total
    }
    _ = forward(input)
    let g = backward(Tensor(batch: output.batch, shape: output.shape, storage: weights))
    let analytic = parameters.map(\.gradient)
    let h = Double(step)

    let base = loss(input)
    /// Sets the entry to `v ± h`, then back to `v`, and compares `analytic` with the central
    /// difference; nil when `[v − h, v + h]` holds a kink.
    func compare(_ analytic: Float, at value: Float, set: (Float) -> Void, loss: () -> Double)
      -> Double?
    {
      set(value + step)
      let plus = loss()
      set(value - step)
      let minus = loss()
      set(value)
      let (right, left) = ((plus - base) / h, (base - minus) / h)
      if guardsKinks, abs(right - left) > kinkTolerance * max(abs(right) + abs(left), 1e-2) {
        return nil
      }
      return Self.relative(Double(analytic), (plus - minus) / (2 * h))
    }
    var x = input
    var inputEntry = Tally(name: "input")
    for i in sample(count: input.count, random: &random) {
      inputEntry.add(
        compare(g.storage[i], at: x.storage[i], set: { x.storage[i] = $0 }, loss: { loss(x) }))
    }
    var entries: [LayerGradientReport.Entry] = []
    for (p, parameter) in parameters.enumerated() where parameter.isTrainable {
      var tally = Tally(name: parameter.name)
      for i in sample(count: parameter.count, random: &random) {
        tally.add(
          compare(
            analytic[p][i], at: parameter.value[i], set: { parameter.value[i] = $0 },
            loss: { loss(input) }))
      }
      entries.append(tally.entry)
    }
    return LayerGradientReport(
      row: row, layer: name, mode: mode, input: inputEntry.entry,
      parameters: entries, threshold: threshold)
  }

  /// Worst error and counts of one array while it is being checked.
  private struct Tally {
    let name: String
    var worst = 0.0
    var checked = 0
    var skipped = 0

    mutating func add(_ error: Double?) {
      guard let error else {
        skipped += 1
        return
      }
      checked += 1
      worst = max(worst, error)
    }

    var entry: LayerGradientReport.Entry {
      .init(name: name, worstError: worst, checked: checked, skippedAtKinks: skipped)
    }
  }

  /// `|a − n| / max(|a| + |n|, 0.01)`.
  public static func relative(_ a: Double, _ n: Double) -> Double {
    abs(a - n) / max(abs(a) + abs(n), 1e-2)
  }

  /// All indices when there are at most `maxEntries`, else `maxEntries` drawn with replacement.
  private func sample(count: Int, random: inout SeededRandom) -> [Int] {
    if count <= maxEntries { return Array(0..<count) }
    return (0..<maxEntries).map { _ in Int(random.next() % UInt64(count)) }
  }
}
