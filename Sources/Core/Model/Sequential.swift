/// A network as a stack of layers on one input shape: what the summary table shows.
///
/// Every edit (`append`, `insert`, `remove`, `replace`, `setInput`) is checked first with
/// `outputShape(for:)` over the whole new stack and refused with a ``ShapeError`` if any row is
/// impossible, leaving the model unchanged. Rows whose spec and input shape did not change keep
/// their layer (and weights); the others are built afresh from the model's generator.
///
/// Cost: an edit re-infers only the rows from the first changed one down (an append infers one
/// row), and the summary rows and receptive fields of the rows above are kept, so building a
/// stack of n layers one line at a time costs O(n) layer inferences, not O(n²).
///
/// Rows: `input` is row 0, `layers[i]` is row `i + 1`. `maxunpool N` refers to row N and is
/// renumbered when rows move above it.
///
/// Confinement: a model is used by one thread at a time — the session's, or the trainer's
/// while a training runs (the session refuses edits meanwhile).
public final class Sequential: @unchecked Sendable {
  public private(set) var inputShape: Shape?
  public private(set) var specs: [LayerSpec] = []
  public private(set) var layers: [any Layer] = [] {
    didSet { fusion = FusionPlan(layers: layers) }
  }
  /// Which rows run fused, recomputed whenever `layers` changes.
  private var fusion = FusionPlan(layers: [])
  /// Rows whose conv ran fused with the `maxpool 2` after it in the last
  /// ``forwardForTraining(_:context:)``.
  private var fusedConvRows: Set<Int> = []
  /// `shapes[0]` is the input, `shapes[i]` the output of row `i`.
  public private(set) var shapes: [Shape] = []
  /// `parameterTotals[i]`: parameters of rows `1 ... i` (0 for the input).
  private var parameterTotals: [Int] = []
  /// Receptive field after each row (index 0 is the input's).
  public private(set) var receptiveFields: [ReceptiveField] = []
  /// The summary table's rows, kept in step with `layers`.
  private var summaryRows: [SummaryRow] = []
  /// Layers whose output shape was inferred by edits so far (a measure of an edit's cost).
  public private(set) var inferredRowCount = 0
  /// Stack changes so far (each successful edit, `reset` included, counts one).
  public private(set) var changeCount = 0
  /// Rows the last change left as they were at the top of the stack.
  public private(set) var lastUnchangedAbove = 0
  private var random: SeededRandom

  public init(seed: UInt64 = 0) {
    random = SeededRandom(seed: seed)
  }

  /// Restarts weight initialisation from `seed` (layers built after this draw from it).
  public func reseed(_ seed: UInt64) { random = SeededRandom(seed: seed) }

  public var outputShape: Shape? { shapes.last }
  public var isEmpty: Bool { layers.isEmpty }

  // MARK: - Edits

  public func setInput(_ shape: Shape) throws(ShapeError) {
    try rebuild(input: shape, specs: specs)
  }

  public func append(_ spec: LayerSpec) throws(ShapeError) {
    try rebuild(input: inputShape, specs: specs + [spec], unchangedAbove: specs.count)
  }

  /// Inserts `spec` so that it becomes row `row` (1 ... count + 1).
  public func insert(_ spec: LayerSpec, atRow row: Int) throws(ShapeError) {
    try checkRow(row, allowEnd: true, layer: spec.description)
    var new = specs.map { renumbered($0, insertingAt: row) }
    new.insert(spec, at: row - 1)
    try rebuild(input: inputShape, specs: new, unchangedAbove: row - 1)
  }

  /// Removes row `row` (1 ... count).
  public func remove(row: Int) throws(ShapeError) {
    try checkRow(row, allowEnd: false, layer: "del \(row)")
    for (i, spec) in specs.enumerated() {
      if case .maxUnpool(let target) = spec, target == row {
        throw .invalidArgument(
          layer: "del \(row)", problem: "row \(i + 1) (`\(spec)`) uses the indices of this maxpool",
          hint: "delete row \(i + 1) first")
      }
    }
    var new = specs
    new.remove(at: row - 1)
    new = new.map { renumbered($0, removing: row) }
    try rebuild(input: inputShape, specs: new, unchangedAbove: row - 1)
  }

  /// Replaces row `row` with `spec`.
  public func replace(row: Int, with spec: LayerSpec) throws(ShapeError) {
    try checkRow(row, allowEnd: false, layer: spec.description)
    var new = specs
    new[row - 1] = spec
    try rebuild(input: inputShape, specs: new, unchangedAbove: row - 1)
  }

  /// Removes the last layer (`undo` of an append).
  public func removeLast() throws(ShapeError) {
    guard !specs.isEmpty else {
      throw .invalidArgument(layer: "undo", problem: "the model has no layers", hint: "add one first")
    }
    try remove(row: specs.count)
  }

  /// Removes every layer and the input shape.
  public func reset() {
    inputShape = nil
    specs = []
    layers = []
    shapes = []
    parameterTotals = []
    receptiveFields = []
    summaryRows = []
    changeCount += 1
    lastUnchangedAbove = 0
  }

  /// Replaces the whole stack at once (presets, loading a checkpoint's architecture).
  public func setStack(input: Shape, specs newSpecs: [LayerSpec]) throws(ShapeError) {
    try rebuild(input: input, specs: newSpecs, keepWeights: false)
  }

  /// Goes back to an earlier stack (`undo`): rows that match the current ones keep their
  /// layer and weights, the others are built afresh.
  public func restore(input: Shape, specs earlier: [LayerSpec]) throws(ShapeError) {
    try rebuild(input: input, specs: earlier)
  }

  /// The summary row `spec` would get if appended now, without changing anything
  /// (the TUI's preview while typing).
  public func preview(appending spec: LayerSpec) throws(ShapeError) -> SummaryRow {
    guard inputShape != nil, let input = shapes.last else { throw .noInput }
    let layer = spec.makeLayer()
    let all = specs + [spec]
    var check = shapes
    var parameters = parameterTotals
    try Self.inferRow(
      layer, row: all.count, specs: all, shapes: &check, parameterTotals: &parameters,
      layers: layers)
    let rf = layer.receptiveField(after: receptiveFields[receptiveFields.count - 1], input: input)
    return Self.row(
      index: all.count, layer: layer, input: input, output: check[check.count - 1],
      receptiveField: rf)
  }

  // MARK: - Summary

  public var summary: ModelSummary { ModelSummary(rows: summaryRows) }

  /// Every parameter of every layer, in row order.
  public var parameters: [Parameter] { layers.flatMap(\.parameters) }

  // MARK: - Passes

  /// Runs the batch through every layer.
  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    var x = input
    for layer in layers { x = layer.forward(x, context: context) }
    return x
  }

  /// Inference only: ``forward(_:context:)``'s result through a faster path, for callers that
  /// need the output alone (evaluation, predictions). No backward may follow: a `conv … relu`
  /// (or a conv without activation) directly followed by `maxpool 2` runs as one fused pass that
  /// keeps nothing for backward and leaves the pool's `argmax` as it was, so models with a
  /// `maxunpool` take the plain path. A training-mode context takes the plain path too.
  public func predict(_ input: Tensor, context: ComputeContext) -> Tensor {
    guard context.mode == .inference, fusion.fusesInference else {
      return forward(input, context: context)
    }
    return forward(input, context: context) { _, conv, pool, x in
      conv.forwardPooled(x, by: pool, context: context)
    }
  }

  /// Training's forward pass: ``forward(_:context:)`` bit for bit, except that a `conv … relu`
  /// (or a conv with no activation) directly followed by `maxpool 2` runs as one pass that never
  /// stores the unpooled output (``Conv2D/forwardPooledForTraining(_:by:context:)``; the pool's
  /// `argmax` is kept as usual). The backward that follows must be
  /// ``backwardForTraining(_:context:throughFinalActivation:)``.
  public func forwardForTraining(_ input: Tensor, context: ComputeContext) -> Tensor {
    fusedConvRows = []
    return forward(input, context: context) { row, conv, pool, x in
      let pooled = conv.forwardPooledForTraining(x, by: pool, context: context)
      if pooled != nil { fusedConvRows.insert(row) }
      return pooled
    }
  }

  /// Every layer in turn, except that where `fuse(row, conv, pool, x)` returns an output for
  /// the conv at `row` and the `maxpool` after it, that output stands for both rows.
  private func forward(
    _ input: Tensor, context: ComputeContext,
    fusing fuse: (Int, Conv2D, MaxPool2D, Tensor) -> Tensor?
  ) -> Tensor {
    var x = input
    var i = 0
    while i < layers.count {
      if let (conv, pool) = fusion.convPool(at: i), let pooled = fuse(i, conv, pool, x) {
        x = pooled
        i += 2
        continue
      }
      x = layers[i].forward(x, context: context)
      i += 1
    }
    return x
  }

  /// Backward for the last ``forwardForTraining(_:context:)``: writes every parameter's
  /// gradient, as ``backward(_:context:throughFinalActivation:)`` would. dLoss/dInput is not
  /// formed: a first conv layer computes only its parameter gradients (its input is the data),
  /// saving a GEMM and a `col2im` per step.
  public func backwardForTraining(
    _ outputGradient: Tensor, context: ComputeContext, throughFinalActivation: Bool = true
  ) {
    var g = outputGradient
    var i = layers.count - 1
    while i >= 0 {
      let through = i < layers.count - 1 || throughFinalActivation
      if i >= 1, fusedConvRows.contains(i - 1), let conv = fusion.convPool(at: i - 1)?.conv {
        // Row i is the pool that ran inside row i − 1.
        g = conv.backwardThroughPool(
          g, context: context, throughActivation: true, inputGradient: i - 1 > 0)
        i -= 2
        continue
      }
      if i == 0, let conv = fusion.firstConv {
        conv.backwardParameters(g, context: context, throughActivation: through)
        return
      }
      g = layers[i].backward(g, context: context, throughActivation: through)
      i -= 1
    }
  }

  /// Runs the batch through every layer and returns each row's output
  /// (`[input, row 1, row 2, …]`) for feature maps and snapshots.
  public func forwardCollecting(_ input: Tensor, context: ComputeContext) -> [Tensor] {
    var outputs = [input]
    for layer in layers { outputs.append(layer.forward(outputs[outputs.count - 1], context: context)) }
    return outputs
  }

  /// Backward through every layer for the last forward batch; writes every parameter's gradient
  /// and returns dLoss/dInput. With `throughFinalActivation` false the gradient is taken as
  /// already being with respect to the last layer's pre-activation (fused softmax + CE).
  @discardableResult
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughFinalActivation: Bool = true
  ) -> Tensor {
    var g = outputGradient
    for (i, layer) in layers.enumerated().reversed() {
      g = layer.backward(g, context: context, throughActivation: i < layers.count - 1 || throughFinalActivation)
    }
    return g
  }

  /// Runs the batch through rows `1 ... row` only and returns row `row`'s output (row 0 gives
  /// the input back); the layers above keep their previous state.
  public func forward(_ input: Tensor, throughRow row: Int, context: ComputeContext) -> Tensor {
    var x = input
    for layer in layers.prefix(max(0, min(row, layers.count))) {
      x = layer.forward(x, context: context)
    }
    return x
  }

  /// Backward from row `row` down to row `stop + 1` for the last forward batch.
  ///
  /// `rowGradient` is dLoss/d(output of row `row`) (`[N, C, H, W]` of that row's shape); every
  /// parameter of rows `stop + 1 ... row` gets its gradient and the result is dLoss/d(output of
  /// row `stop`), so `stop` 0 gives dLoss/dInput. With `throughActivation` false the gradient is
  /// taken as already with respect to row `row`'s pre-activation. Rows above `row` are untouched:
  /// feature visualisation (a dream) and Grad-CAM start here.
  @discardableResult
  public func backward(
    _ rowGradient: Tensor, fromRow row: Int, downToRow stop: Int = 0, context: ComputeContext,
    throughActivation: Bool = true
  ) -> Tensor {
    var g = rowGradient
    let top = min(row, layers.count)
    guard top > max(stop, 0) else { return g }
    for i in stride(from: top - 1, through: max(stop, 0), by: -1) {
      let through = i < top - 1 || throughActivation
      g = layers[i].backward(g, context: context, throughActivation: through)
    }
    return g
  }

  // MARK: - Internals

  private func checkRow(_ row: Int, allowEnd: Bool, layer: String) throws(ShapeError) {
    let last = specs.count + (allowEnd ? 1 : 0)
    guard inputShape != nil else { throw .noInput }
    guard (1...max(last, 1)).contains(row), last >= 1 else {
      throw .invalidArgument(
        layer: layer, problem: "there is no row \(row)",
        hint: last == 0 ? "the model has no layers yet" : "rows go from 1 to \(last)")
    }
  }

  /// Makes `newSpecs` on `input` the stack. `unchangedAbove`, when the caller knows it, is how
  /// many top rows the edit leaves as they are (else they are compared).
  private func rebuild(
    input: Shape?, specs newSpecs: [LayerSpec], keepWeights: Bool = true,
    unchangedAbove: Int? = nil
  ) throws(ShapeError) {
    guard let input else {
      if newSpecs.isEmpty { return }
      throw .noInput
    }
    // Rows above the first changed one keep their layer, shape, totals and summary row.
    var kept = 0
    if keepWeights, input == inputShape {
      let limit = min(specs.count, newSpecs.count)
      if let unchangedAbove {
        kept = min(max(unchangedAbove, 0), limit)
      } else {
        while kept < limit, specs[kept] == newSpecs[kept] { kept += 1 }
      }
    }
    var newShapes = Array(shapes.prefix(kept + 1))
    var newTotals = Array(parameterTotals.prefix(kept + 1))
    if kept == 0 {
      try Self.checkSize(of: input, layer: "input \(input)")
      newShapes = [input]
      newTotals = [0]
    }
    var fresh: [any Layer] = []
    for i in kept..<newSpecs.count {
      let layer = newSpecs[i].makeLayer()
      try Self.inferRow(
        layer, row: i + 1, specs: newSpecs, shapes: &newShapes, parameterTotals: &newTotals,
        layers: [])
      fresh.append(layer)
    }
    inferredRowCount += newSpecs.count - kept
    // The layers, receptive fields and rows above `kept` stay in place (no copy per edit).
    let oldLayers = layers.count > kept ? Array(layers[kept...]) : []
    var newTail: [any Layer] = []
    for i in kept..<newSpecs.count {
      // Keep the old layer when the same spec sits on the same input at the same row.
      if keepWeights, i < specs.count, specs[i] == newSpecs[i], shapes.count > i,
        shapes[i] == newShapes[i], !(newSpecs[i].isMaxUnpool)
      {
        newTail.append(oldLayers[i - kept])
        continue
      }
      let layer = fresh[i - kept]
      Self.connect(
        layer, row: i + 1, specs: newSpecs, shapes: newShapes,
        layers: Array(layers.prefix(kept)) + newTail)
      try layer.build(input: newShapes[i], random: &random)
      newTail.append(layer)
    }
    if kept == 0 {
      receptiveFields = [.input]
      summaryRows = [
        SummaryRow(
          index: 0, layer: "input", outputShape: input, parameters: 0, trainableParameters: 0,
          macs: 0, receptiveField: 1)
      ]
    }
    layers.removeSubrange(min(kept, layers.count)...)
    layers.append(contentsOf: newTail)
    receptiveFields.removeSubrange(min(kept + 1, receptiveFields.count)...)
    summaryRows.removeSubrange(min(kept + 1, summaryRows.count)...)
    inputShape = input
    specs = newSpecs
    shapes = newShapes
    parameterTotals = newTotals
    // Unpool layers must point at the (possibly new) maxpool objects.
    for i in kept..<layers.count {
      Self.connect(layers[i], row: i + 1, specs: specs, shapes: shapes, layers: layers)
      receptiveFields.append(layers[i].receptiveField(after: receptiveFields[i], input: shapes[i]))
      summaryRows.append(
        Self.row(
          index: i + 1, layer: layers[i], input: shapes[i], output: shapes[i + 1],
          receptiveField: receptiveFields[i + 1]))
    }
    changeCount += 1
    lastUnchangedAbove = kept
  }

  /// Most parameters a model may have: 2^26 = 67,108,864 (256 MiB of Float32 weights, four
  /// times that while training with Adam). A bigger layer is refused before anything is allocated.
  public static let maxParameters = 1 << 26
  /// Most values one row's output (or the input) may hold per image: 2^28 (1 GiB of Float32).
  /// Keeps `H·W·C`, parameter and MAC arithmetic far from `Int` overflow.
  public static let maxOutputValues = 1 << 28

  /// Output shapes of every row for `specs` on `input`, or the first row's error (including a
  /// row whose output, or the model's parameter count so far, passes the limits above).
  public static func inferShapes(input: Shape, specs: [LayerSpec]) throws(ShapeError) -> [Shape] {
    try checkSize(of: input, layer: "input \(input)")
    var shapes = [input]
    var totals = [0]
    for (i, spec) in specs.enumerated() {
      try inferRow(
        spec.makeLayer(), row: i + 1, specs: specs, shapes: &shapes, parameterTotals: &totals,
        layers: [])
    }
    return shapes
  }

  /// Appends row `row`'s output shape (`layer` is `specs[row - 1]`, on `shapes[row - 1]`) and
  /// the parameter total so far, or throws that row's error or a limit it passes.
  private static func inferRow(
    _ layer: any Layer, row: Int, specs: [LayerSpec], shapes: inout [Shape],
    parameterTotals: inout [Int], layers: [any Layer]
  ) throws(ShapeError) {
    let spec = specs[row - 1]
    connect(layer, row: row, specs: specs, shapes: shapes, layers: layers)
    let output = try layer.outputShape(for: shapes[row - 1])
    try checkSize(of: output, layer: spec.description)
    let parameters = parameterTotals[row - 1] + layer.parameterCount(for: shapes[row - 1])
    guard parameters <= maxParameters else {
      throw .invalidArgument(
        layer: spec.description,
        problem: "the model would have \(parameters) parameters, more than the \(maxParameters) "
          + "allowed (256 MiB of weights)",
        hint: "use fewer filters or units, or pool before dense")
    }
    shapes.append(output)
    parameterTotals.append(parameters)
  }

  /// Throws unless `shape` holds at most ``maxOutputValues`` values (`H·W·C` without overflow).
  private static func checkSize(of shape: Shape, layer: String) throws(ShapeError) {
    let (area, overflow1) = shape.height.multipliedReportingOverflow(by: shape.width)
    let (count, overflow2) = area.multipliedReportingOverflow(by: shape.channels)
    guard overflow1 || overflow2 || count > maxOutputValues else { return }
    throw .invalidArgument(
      layer: layer,
      problem: "\(shape) per image is more than the \(maxOutputValues) values a row may hold",
      hint: "use a smaller input, fewer filters or a smaller upsampling factor")
  }

  /// Lets a layer that reads an earlier row (a `maxunpool` and its maxpool) find it.
  private static func connect(
    _ layer: any Layer, row: Int, specs: [LayerSpec], shapes: [Shape],
    layers: @autoclosure () -> [any Layer]
  ) {
    guard let linked = layer as? any LinkedToEarlierRow else { return }
    linked.link(row: row, specs: specs, shapes: shapes, layers: layers())
  }

  private static func row(
    index: Int, layer: any Layer, input: Shape, output: Shape, receptiveField: ReceptiveField
  ) -> SummaryRow {
    SummaryRow(
      index: index, layer: layer.spec.description, outputShape: output,
      parameters: layer.parameterCount(for: input),
      trainableParameters: layer.trainableParameterCount(for: input), macs: layer.macs(for: input),
      receptiveField: receptiveField.pixels)
  }

  private func renumbered(_ spec: LayerSpec, insertingAt row: Int) -> LayerSpec {
    if case .maxUnpool(let target) = spec, target >= row { return .maxUnpool(poolRow: target + 1) }
    return spec
  }

  private func renumbered(_ spec: LayerSpec, removing row: Int) -> LayerSpec {
    if case .maxUnpool(let target) = spec, target > row { return .maxUnpool(poolRow: target - 1) }
    return spec
  }
}

extension LayerSpec {
  fileprivate var isMaxUnpool: Bool {
    if case .maxUnpool = self { return true }
    return false
  }
}
