/// A network as numbered rows of layers on one input shape: what the summary table shows.
///
/// Each row reads the row above unless it says otherwise (``RowSpec``: `from=N`, `add N`,
/// `concat N`), so the same numbered table holds a plain stack, a residual network, an
/// Inception block or a U-Net skip; the rows are always in an order the forward pass can follow
/// (every reference points up). ``wiring`` says who reads whom.
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
/// Rows: `input` is row 0, `layers[i]` is row `i + 1`. Rows named by `from=`, `add`, `concat`
/// and `maxunpool` are renumbered when rows move above them; deleting a named row is refused.
///
/// Passes: the forward pass keeps a row's output only until its last reader has run, hands the
/// same storage to every reader (no copy per branch), and backward sums the gradients that
/// reach a row from all its readers.
///
/// Confinement: a model is used by one thread at a time — the session's, or the trainer's
/// while a training runs (the session refuses edits meanwhile).
public final class Sequential: @unchecked Sendable {
  public private(set) var inputShape: Shape?
  public private(set) var specs: [RowSpec] = []
  public private(set) var layers: [any Layer] = []
  /// Who reads whom, recomputed with `layers`.
  public private(set) var wiring = Wiring(specs: [])
  /// `merging[i]`: `layers[i]` as a ``MergingLayer`` when it is one (asked once per edit).
  private var merging: [(any MergingLayer)?] = []
  /// Which rows run fused, recomputed with `layers` (the profiler reads it too).
  private(set) var fusion = FusionPlan(layers: [], wiring: Wiring(specs: []))
  /// Rows whose conv ran fused with the `maxpool 2` after it in the last
  /// ``forwardForTraining(_:context:)``.
  private var fusedConvRows: Set<Int> = []
  /// Batchnorm rows (0-based) that ran with the relu row after them in the last
  /// ``forwardForTraining(_:context:)``.
  private var fusedNormRows: Set<Int> = []

  /// Folded conv + batchnorm copies for `predict` (``BatchNormFoldable``) by row index (0-based),
  /// with the source layer's input shape and whether relu is folded too; cleared with the stack.
  private var foldedLayers: [Int: (input: Shape, relu: Bool, layer: any Layer)] = [:]
  /// Conv rows (0-based) that ran folded with their batchnorm in the last ``predict(_:context:)``.
  private var foldedNormRows: Set<Int> = []

  /// The rows (1-based, ascending) whose conv ran in the last ``predict(_:context:)`` as one
  /// folded conv with the `batchnorm` after it (and its `relu`): see ``BatchNormFoldable``.
  public var rowsFoldedInLastPrediction: [Int] { foldedNormRows.map { $0 + 1 }.sorted() }

  /// The rows (1-based, ascending) whose layer ran inside the row above it in the last
  /// ``forwardForTraining(_:context:)``: a `maxpool 2` inside its conv, a `relu` inside its
  /// batchnorm. For tests and the profile.
  public var rowsFusedInLastTrainingPass: [Int] {
    fusedConvRows.union(fusedNormRows).map { $0 + 2 }.sorted()
  }
  /// `shapes[0]` is the input, `shapes[i]` the output of row `i`.
  public private(set) var shapes: [Shape] = []
  /// `parameterTotals[i]`: parameters of rows `1 ... i` (0 for the input).
  private var parameterTotals: [Int] = []
  /// Receptive field after each row (index 0 is the input's).
  public private(set) var receptiveFields: [ReceptiveField] = []
  /// Every undominated receptive field of each row, with its path (``FieldPaths``).
  private var fieldPaths: [FieldPaths] = []
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

  public func append(_ spec: RowSpec) throws(ShapeError) {
    try rebuild(input: inputShape, specs: specs + [spec], unchangedAbove: specs.count)
  }

  /// Inserts `spec` so that it becomes row `row` (1 ... count + 1), in front of the row that
  /// was there: references to rows from `row` down move with them, and when that row read
  /// another row (`from=N`) the new row takes the `from=N` and the old row reads the new one.
  /// `spec`'s own references are to the rows as they are now.
  public func insert(_ spec: RowSpec, atRow row: Int) throws(ShapeError) {
    try checkRow(row, allowEnd: true, layer: spec.description)
    var new = specs.map { $0.renumbered { $0 >= row ? $0 + 1 : $0 } }
    var spec = spec
    if row <= new.count, spec.from == nil, let from = new[row - 1].from {
      spec.from = from
      new[row - 1].from = nil
    }
    new.insert(spec, at: row - 1)
    try rebuild(input: inputShape, specs: new, unchangedAbove: row - 1)
  }

  /// Removes row `row` (1 ... count); refused while another row names it (`from=`, `add`,
  /// `concat`, `maxunpool`). The row below, which read the removed row, reads what the removed
  /// row read (its `from=N`, or a merge's main input).
  public func remove(row: Int) throws(ShapeError) {
    try checkRow(row, allowEnd: false, layer: "del \(row)")
    let naming = specs.indices.filter { specs[$0].namedRows.contains(row) }
    if let first = naming.first {
      let list = naming.map { "row \($0 + 1) (`\(specs[$0])`)" }.joined(separator: ", ")
      throw .invalidArgument(
        layer: "del \(row)", problem: "\(list) \(naming.count == 1 ? "reads" : "read") row \(row)",
        hint: naming.count == 1
          ? "delete or replace row \(first + 1) first"
          : "delete or replace those rows first")
    }
    var new = specs
    let source = specs[row - 1].inputRows(at: row)[0]
    if row < specs.count, specs[row].from == nil, source != row - 1 {
      new[row].from = source
    }
    new.remove(at: row - 1)
    new = new.map { $0.renumbered { $0 > row ? $0 - 1 : $0 } }
    try rebuild(input: inputShape, specs: new, unchangedAbove: row - 1)
  }

  /// Replaces row `row` with `spec`.
  public func replace(row: Int, with spec: RowSpec) throws(ShapeError) {
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
    refreshPasses()
    shapes = []
    parameterTotals = []
    receptiveFields = []
    fieldPaths = []
    summaryRows = []
    changeCount += 1
    lastUnchangedAbove = 0
  }

  /// Replaces the whole stack at once (presets, loading a checkpoint's architecture).
  public func setStack(input: Shape, specs newSpecs: [RowSpec]) throws(ShapeError) {
    try rebuild(input: input, specs: newSpecs, keepWeights: false)
  }

  /// Goes back to an earlier stack (`undo`): rows that match the current ones keep their
  /// layer and weights, the others are built afresh.
  public func restore(input: Shape, specs earlier: [RowSpec]) throws(ShapeError) {
    try rebuild(input: input, specs: earlier)
  }

  /// The summary row `spec` would get if appended now, without changing anything
  /// (the TUI's preview while typing).
  public func preview(appending spec: RowSpec) throws(ShapeError) -> SummaryRow {
    guard inputShape != nil else { throw .noInput }
    let layer = spec.layer.makeLayer()
    let all = specs + [spec]
    var check = shapes
    var parameters = parameterTotals
    try Self.inferRow(
      layer, row: all.count, specs: all, shapes: &check, parameterTotals: &parameters,
      layers: layers)
    let inputs = spec.inputRows(at: all.count)
    let rf = FieldPaths(layer: layer, inputs: inputs, previous: fieldPaths, shapes: check).widest
      .field
    return Self.row(
      index: all.count, layer: layer, spec: spec, inputs: inputs, shapes: check,
      receptiveField: rf)
  }

  // MARK: - Summary

  public var summary: ModelSummary {
    ModelSummary(rows: summaryRows, unusedRows: wiring.unusedRows)
  }

  /// Every parameter of every layer, in row order.
  public var parameters: [Parameter] { layers.flatMap(\.parameters) }

  // MARK: - Passes

  /// Runs the batch through every row.
  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    Self.output(
      of: layers.count,
      in: run(input, through: layers.count, context: context, keepingAll: false, fusing: nil))
  }

  /// Inference only: ``forward(_:context:)``'s result through a faster path, for callers that
  /// need the output alone (evaluation, predictions). No backward may follow: a `conv … relu`
  /// (or a conv without activation) whose only reader is a `maxpool 2` right after it runs as
  /// one fused pass that keeps nothing for backward and leaves the pool's `argmax` as it was,
  /// so models with a `maxunpool` take the plain path. A training-mode context takes the plain
  /// path too.
  public func predict(_ input: Tensor, context: ComputeContext) -> Tensor {
    guard context.mode == .inference, fusion.fusesInference else {
      return forward(input, context: context)
    }
    foldedNormRows = []
    let outputs = run(
      input, through: layers.count, context: context, keepingAll: false,
      fusingNormalization: true
    ) { _, conv, pool, x in conv.forwardPooled(x, by: pool, context: context) }
    return Self.output(of: layers.count, in: outputs)
  }

  /// Training's forward pass: ``forward(_:context:)`` bit for bit, except that a `conv … relu`
  /// (or a conv with no activation) whose only reader is a `maxpool 2` right after it runs as
  /// one pass that never stores the unpooled output
  /// (``Conv2D/forwardPooledForTraining(_:by:context:)``; the pool's `argmax` is kept as
  /// usual). The backward that follows must be
  /// ``backwardForTraining(_:context:throughFinalActivation:)``.
  public func forwardForTraining(_ input: Tensor, context: ComputeContext) -> Tensor {
    fusedConvRows = []
    fusedNormRows = []
    let outputs = run(
      input, through: layers.count, context: context, keepingAll: false,
      fusingNormalization: true
    ) { index, conv, pool, x in
      let pooled = conv.forwardPooledForTraining(x, by: pool, context: context)
      if pooled != nil { self.fusedConvRows.insert(index) }
      return pooled
    }
    return Self.output(of: layers.count, in: outputs)
  }

  /// Row `row`'s output among `outputs`; rows are computed before any row that reads them, so
  /// a missing one is a bug in the wiring, not a user's mistake.
  private static func output(of row: Int, in outputs: [Tensor?]) -> Tensor {
    guard outputs.indices.contains(row), let output = outputs[row] else {
      preconditionFailure("row \(row) was read before it was computed")
    }
    return output
  }

  /// Runs rows `1 … last` and returns every row's output that is still kept (`[input, row 1,
  /// …]`; all of them with `keepingAll`, else only those a later row still reads and the last).
  /// Where `fuse(index, conv, pool, x)` returns an output for the conv `layers[index]` and the
  /// maxpool after it, that output stands for both rows. With `fusingNormalization` a
  /// batchnorm and the relu row it alone feeds run as one pass (``FusionPlan``), recorded in
  /// `fusedNormRows`.
  private func run(
    _ input: Tensor, through last: Int, context: ComputeContext, keepingAll: Bool,
    fusingNormalization: Bool = false,
    fusing fuse: ((Int, Conv2D, MaxPool2D, Tensor) -> Tensor?)?
  ) -> [Tensor?] {
    var outputs = [Tensor?](repeating: nil, count: last + 1)
    outputs[0] = input
    /// The outputs of `rows` for row `row`, each dropped once `row` is its last reader.
    func take(_ rows: [Int], for row: Int) -> [Tensor] {
      let values = rows.map { Self.output(of: $0, in: outputs) }
      if !keepingAll {
        for r in rows where wiring.lastReader(of: r) == row { outputs[r] = nil }
      }
      return values
    }
    var index = 0
    while index < last {
      let row = index + 1
      let reads = wiring.inputs[index]
      let start = context.profiler?.now()
      if let fuse, row < last, let (conv, pool) = fusion.convPool(at: index),
        let pooled = fuse(index, conv, pool, Self.output(of: reads[0], in: outputs))
      {
        if let start {
          context.profiler?.record(
            .forward, layers: index, count: 2, images: pooled.batch, since: start)
        }
        _ = take(reads, for: row)
        outputs[row + 1] = pooled
        index += 2
        continue
      }
      if fusingNormalization, context.mode == .inference, row < last,
        let (layer, norm) = fusion.normFold(at: index)
      {
        let relu = row + 1 < last && fusion.normRelu(at: index + 1) != nil
        if let folded = foldedLayer(layer, norm: norm, at: index, relu: relu) {
          let x = take(reads, for: row)
          let y = folded.forward(x[0], context: context)
          let count = relu ? 3 : 2
          if let start {
            context.profiler?.record(
              .forward, layers: index, count: count, images: y.batch, since: start)
          }
          foldedNormRows.insert(index)
          outputs[row + count - 1] = y
          index += count
          continue
        }
      }
      if fusingNormalization, row < last, let norm = fusion.normRelu(at: index) {
        let x = take(reads, for: row)
        let y = norm.forward(x[0], context: context, relu: true)
        if let start {
          context.profiler?.record(.forward, layers: index, count: 2, images: y.batch, since: start)
        }
        fusedNormRows.insert(index)
        outputs[row + 1] = y
        index += 2
        continue
      }
      // A conv that declined to fuse took no time worth counting: restart the clock.
      let layerStart = start == nil ? nil : context.profiler?.now()
      let x = take(reads, for: row)
      let y: Tensor
      if let merge = merging[index] {
        y = merge.forward(x, context: context)
      } else {
        y = layers[index].forward(x[0], context: context)
      }
      if let layerStart {
        context.profiler?.record(.forward, layers: index, images: y.batch, since: layerStart)
      }
      outputs[row] = y
      index += 1
    }
    return outputs
  }

  /// The folded copy of `layer` (row `index`, 0-based) and `norm` (then relu when `relu`),
  /// with this moment's values; nil when the layer cannot absorb the batchnorm.
  private func foldedLayer(
    _ layer: any BatchNormFoldable, norm: BatchNorm, at index: Int, relu: Bool
  ) -> (any Layer)? {
    guard let input = layer.builtInputShape, let (scale, shift) = norm.inferenceScaleShift()
    else { return nil }
    var target: (any Layer)?
    if let kept = foldedLayers[index], kept.input == input, kept.relu == relu {
      target = kept.layer
    } else {
      target = layer.foldingTarget(relu: relu)
      foldedLayers[index] = target.map { (input, relu, $0) }
    }
    guard let target else { return nil }
    layer.fold(into: target, scale: scale, shift: shift)
    return target
  }

  /// Backward for the last ``forwardForTraining(_:context:)``: writes every parameter's
  /// gradient, as ``backward(_:context:throughFinalActivation:)`` would. dLoss/dInput is not
  /// formed: a conv that reads the data (row 1, or `from=0`) computes only its parameter
  /// gradients, saving a GEMM and a `col2im` per step.
  public func backwardForTraining(
    _ outputGradient: Tensor, context: ComputeContext, throughFinalActivation: Bool = true
  ) {
    _ = propagate(
      outputGradient, fromRow: layers.count, downToRow: 0, context: context,
      throughActivation: throughFinalActivation, training: true)
  }

  /// Runs the batch through every layer and returns each row's output
  /// (`[input, row 1, row 2, …]`) for feature maps and snapshots.
  public func forwardCollecting(_ input: Tensor, context: ComputeContext) -> [Tensor] {
    let outputs = run(
      input, through: layers.count, context: context, keepingAll: true, fusing: nil)
    return outputs.indices.map { Self.output(of: $0, in: outputs) }
  }

  /// Runs the batch through rows `1 ... row` only and returns each of their outputs
  /// (`[input, row 1, …, row row]`; row 0 gives `[input]`). The rows after `row` are not run:
  /// an inspection of one row costs the forward pass up to it.
  public func forwardCollecting(
    _ input: Tensor, throughRow row: Int, context: ComputeContext
  ) -> [Tensor] {
    let last = max(0, min(row, layers.count))
    let outputs = run(input, through: last, context: context, keepingAll: true, fusing: nil)
    return outputs.indices.map { Self.output(of: $0, in: outputs) }
  }

  /// Backward through every layer for the last forward batch; writes every parameter's gradient
  /// and returns dLoss/dInput. With `throughFinalActivation` false the gradient is taken as
  /// already being with respect to the last layer's pre-activation (fused softmax + CE).
  @discardableResult
  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughFinalActivation: Bool = true
  ) -> Tensor {
    backward(
      outputGradient, fromRow: layers.count, downToRow: 0, context: context,
      throughActivation: throughFinalActivation)
  }

  /// Backward through every layer for the last forward batch, returning each row's gradient
  /// dLoss/d(output of row r) for `r` in `1 ... count` (`[nil, row 1, …]`; nil for a row no
  /// gradient reaches) and dLoss/dInput at index 0. Parameter gradients are written as by
  /// ``backward(_:context:throughFinalActivation:)``. For `show stats`.
  public func backwardCollecting(
    _ outputGradient: Tensor, context: ComputeContext, throughFinalActivation: Bool = true
  ) -> [Tensor?] {
    var rows = [Tensor?](repeating: nil, count: layers.count + 1)
    let input = propagate(
      outputGradient, fromRow: layers.count, downToRow: 0, context: context,
      throughActivation: throughFinalActivation, training: false
    ) { row, g in rows[row] = g }
    rows[0] = input
    return rows
  }

  /// Runs the batch through rows `1 ... row` only and returns row `row`'s output (row 0 gives
  /// the input back); the layers below keep their previous state.
  public func forward(_ input: Tensor, throughRow row: Int, context: ComputeContext) -> Tensor {
    let last = max(0, min(row, layers.count))
    return Self.output(
      of: last, in: run(input, through: last, context: context, keepingAll: false, fusing: nil))
  }

  /// Backward from row `row` down to row `stop + 1` for the last forward batch.
  ///
  /// `rowGradient` is dLoss/d(output of row `row`) (`[N, C, H, W]` of that row's shape); every
  /// parameter of rows `stop + 1 ... row` gets its gradient and the result is dLoss/d(output of
  /// row `stop`), summed over every path from `stop` to `row` (zeros when none leads there), so
  /// `stop` 0 gives dLoss/dInput. With `throughActivation` false the gradient is taken as
  /// already with respect to row `row`'s pre-activation. Rows after `row` are untouched:
  /// feature visualisation (a dream) and Grad-CAM start here.
  @discardableResult
  public func backward(
    _ rowGradient: Tensor, fromRow row: Int, downToRow stop: Int = 0, context: ComputeContext,
    throughActivation: Bool = true
  ) -> Tensor {
    let top = min(row, layers.count)
    let stop = max(stop, 0)
    guard top > stop else { return rowGradient }
    return propagate(
      rowGradient, fromRow: top, downToRow: stop, context: context,
      throughActivation: throughActivation, training: false)
      ?? Tensor(batch: rowGradient.batch, shape: shapes[stop])
  }

  /// The gradient walk shared by the backward passes: from row `top` down to row `stop + 1`,
  /// each row's gradient (the sum of what its readers sent it) goes through its layer to the
  /// rows it reads. A row no gradient reaches (a branch that leads nowhere) gets zero parameter
  /// gradients. `training` uses what ``forwardForTraining(_:context:)`` fused and skips
  /// dLoss/dInput. Returns the gradient that reached row `stop`, if any did.
  private func propagate(
    _ gradient: Tensor, fromRow top: Int, downToRow stop: Int, context: ComputeContext,
    throughActivation: Bool, training: Bool, observe: ((Int, Tensor) -> Void)? = nil
  ) -> Tensor? {
    var gradients = [Tensor?](repeating: nil, count: top + 1)
    gradients[top] = gradient
    func send(_ g: Tensor, to r: Int) {
      guard r >= stop else { return }
      guard var sum = gradients[r] else {
        gradients[r] = g
        return
      }
      gradients[r] = nil  // one reference: the sum below adds in place
      let count = min(sum.storage.count, g.storage.count)
      sum.storage.withUnsafeMutableBufferPointer { total in
        g.storage.withUnsafeBufferPointer { x in
          guard let x = x.baseAddress, let total = total.baseAddress else { return }
          VectorKernels.axpy(1, x, total, count: count)
        }
      }
      gradients[r] = sum
    }
    var row = top
    while row > stop {
      let index = row - 1
      guard let g = gradients[row] else {
        for p in layers[index].parameters where p.isTrainable {
          p.gradient = [Float](repeating: 0, count: p.count)
        }
        row -= 1
        continue
      }
      gradients[row] = nil
      observe?(row, g)
      let through = row < top || throughActivation
      let start = context.profiler?.now()
      if training, index >= 1, fusedConvRows.contains(index - 1),
        let conv = fusion.convPool(at: index - 1)?.conv
      {
        // This row is the pool that ran inside the conv of the row above.
        let source = wiring.inputs[index - 1][0]
        let dx = conv.backwardThroughPool(
          g, context: context, throughActivation: true, inputGradient: source > 0)
        if let start {
          context.profiler?.record(
            .backward, layers: index - 1, count: 2, images: g.batch, since: start)
        }
        if source > 0 { send(dx, to: source) }
        row -= 2
        continue
      }
      if training, index >= 1, fusedNormRows.contains(index - 1),
        let norm = fusion.normRelu(at: index - 1)
      {
        // This row is the relu that ran inside the batchnorm of the row above.
        let dx = norm.backwardThroughRelu(g, context: context)
        if let start {
          context.profiler?.record(
            .backward, layers: index - 1, count: 2, images: g.batch, since: start)
        }
        send(dx, to: wiring.inputs[index - 1][0])
        row -= 2
        continue
      }
      if training, let conv = fusion.dataConv(at: index) {
        conv.backwardParameters(g, context: context, throughActivation: through)
        if let start {
          context.profiler?.record(.backward, layers: index, images: g.batch, since: start)
        }
        row -= 1
        continue
      }
      if let merge = merging[index] {
        let dxs = merge.backward(g, context: context)
        if let start {
          context.profiler?.record(.backward, layers: index, images: g.batch, since: start)
        }
        for (r, dx) in zip(wiring.inputs[index], dxs) { send(dx, to: r) }
      } else {
        let dx = layers[index].backward(g, context: context, throughActivation: through)
        if let start {
          context.profiler?.record(.backward, layers: index, images: g.batch, since: start)
        }
        send(dx, to: wiring.inputs[index][0])
      }
      row -= 1
    }
    return gradients[stop]
  }

  // MARK: - Graph

  /// The rows row `row` (1 … count) reads, its main input first.
  public func inputRows(ofRow row: Int) -> [Int] { wiring.inputs[row - 1] }

  /// The per-sample shape row `row` (1 … count) reads as its main input.
  public func mainInputShape(ofRow row: Int) -> Shape { shapes[wiring.inputs[row - 1][0]] }

  /// The rows from the input to row `row` along which its receptive field (the summary's, the
  /// largest over all paths) grows: `[0, …, row]`.
  public func receptivePath(toRow row: Int) -> [Int] {
    var rows = [row]
    var path = fieldPaths[row].widest
    while let (r, index) = path.source {
      rows.append(r)
      path = fieldPaths[r].paths[index]
    }
    return rows.reversed()
  }

  /// The receptive field of one cell of row `row` (0 … count): the widest over all paths.
  public func field(ofRow row: Int) -> ReceptiveField { fieldPaths[row].widest.field }

  /// The field row `row` (1 … count) grows into the summary's, and the row it reads it from.
  public func receivedField(ofRow row: Int) -> (row: Int, field: ReceptiveField) {
    guard let (r, index) = fieldPaths[row].widest.source else { return (0, .input) }
    return (r, fieldPaths[r].paths[index].field)
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
    input: Shape?, specs newSpecs: [RowSpec], keepWeights: Bool = true,
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
      let layer = newSpecs[i].layer.makeLayer()
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
      // Keep the old layer when the same spec reads the same input shape at the same row.
      let main = newSpecs[i].inputRows(at: i + 1)[0]
      if keepWeights, i < specs.count, specs[i] == newSpecs[i], shapes.count > main,
        shapes[main] == newShapes[main], newSpecs[i].layer.unpooledRow == nil
      {
        newTail.append(oldLayers[i - kept])
        continue
      }
      let layer = fresh[i - kept]
      Self.connect(
        layer, row: i + 1, specs: newSpecs, shapes: newShapes,
        layers: Array(layers.prefix(kept)) + newTail)
      try layer.build(input: newShapes[main], random: &random)
      newTail.append(layer)
    }
    if kept == 0 {
      receptiveFields = [.input]
      fieldPaths = [.input]
      summaryRows = [
        SummaryRow(
          index: 0, layer: "input", inputs: [], outputShape: input, parameters: 0,
          trainableParameters: 0, macs: 0, receptiveField: 1)
      ]
    }
    layers.removeSubrange(min(kept, layers.count)...)
    layers.append(contentsOf: newTail)
    specs = newSpecs
    refreshPasses()
    receptiveFields.removeSubrange(min(kept + 1, receptiveFields.count)...)
    fieldPaths.removeSubrange(min(kept + 1, fieldPaths.count)...)
    summaryRows.removeSubrange(min(kept + 1, summaryRows.count)...)
    inputShape = input
    shapes = newShapes
    parameterTotals = newTotals
    // Unpool layers must point at the (possibly new) maxpool objects.
    for i in kept..<layers.count {
      Self.connect(layers[i], row: i + 1, specs: specs, shapes: shapes, layers: layers)
      fieldPaths.append(
        FieldPaths(layer: layers[i], inputs: wiring.inputs[i], previous: fieldPaths, shapes: shapes))
      receptiveFields.append(fieldPaths[i + 1].widest.field)
      summaryRows.append(
        Self.row(
          index: i + 1, layer: layers[i], spec: specs[i], inputs: wiring.inputs[i], shapes: shapes,
          receptiveField: receptiveFields[i + 1]))
    }
    changeCount += 1
    lastUnchangedAbove = kept
  }

  /// Works out the wiring, the merging rows and the fusion plan for the current `layers`.
  private func refreshPasses() {
    wiring = Wiring(specs: specs)
    merging = layers.map { $0 as? any MergingLayer }
    fusion = FusionPlan(layers: layers, wiring: wiring)
    foldedLayers = [:]
  }

  /// Most parameters a model may have: 2^26 = 67,108,864 (256 MiB of Float32 weights, four
  /// times that while training with Adam). A bigger layer is refused before anything is allocated.
  public static let maxParameters = 1 << 26
  /// Most values one row's output (or the input) may hold per image: 2^28 (1 GiB of Float32).
  /// Keeps `H·W·C`, parameter and MAC arithmetic far from `Int` overflow.
  public static let maxOutputValues = 1 << 28

  /// Output shapes of every row for `specs` on `input`, or the first row's error (including a
  /// row whose output, or the model's parameter count so far, passes the limits above).
  public static func inferShapes(input: Shape, specs: [RowSpec]) throws(ShapeError) -> [Shape] {
    try checkSize(of: input, layer: "input \(input)")
    var shapes = [input]
    var totals = [0]
    for (i, spec) in specs.enumerated() {
      try inferRow(
        spec.layer.makeLayer(), row: i + 1, specs: specs, shapes: &shapes, parameterTotals: &totals,
        layers: [])
    }
    return shapes
  }

  /// Appends row `row`'s output shape (`layer` is `specs[row - 1]`, on the rows it reads) and
  /// the parameter total so far, or throws that row's error or a limit it passes.
  private static func inferRow(
    _ layer: any Layer, row: Int, specs: [RowSpec], shapes: inout [Shape],
    parameterTotals: inout [Int], layers: [any Layer]
  ) throws(ShapeError) {
    let spec = specs[row - 1]
    let reads = spec.inputRows(at: row)
    for r in reads where !(0..<row).contains(r) {
      throw .invalidArgument(
        layer: spec.description,
        problem: r >= row ? "row \(r) is not above this row (row \(row))" : "there is no row \(r)",
        hint: row == 1
          ? "row 1 can read only the input, row 0"
          : "a row reads rows above it: 0 (the input) to \(row - 1)")
    }
    connect(layer, row: row, specs: specs, shapes: shapes, layers: layers)
    let output: Shape
    if let merge = layer as? any MergingLayer {
      output = try merge.outputShape(for: reads.map { shapes[$0] }, rows: reads)
    } else {
      output = try layer.outputShape(for: shapes[reads[0]])
    }
    try checkSize(of: output, layer: spec.description)
    let parameters = parameterTotals[row - 1] + layer.parameterCount(for: shapes[reads[0]])
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
    _ layer: any Layer, row: Int, specs: [RowSpec], shapes: [Shape],
    layers: @autoclosure () -> [any Layer]
  ) {
    guard let linked = layer as? any LinkedToEarlierRow else { return }
    linked.link(row: row, specs: specs, shapes: shapes, layers: layers())
  }

  private static func row(
    index: Int, layer: any Layer, spec: RowSpec, inputs: [Int], shapes: [Shape],
    receptiveField: ReceptiveField
  ) -> SummaryRow {
    let input = shapes[inputs[0]]
    return SummaryRow(
      index: index, layer: spec.description, inputs: inputs, outputShape: shapes[index],
      parameters: layer.parameterCount(for: input),
      trainableParameters: layer.trainableParameterCount(for: input), macs: layer.macs(for: input),
      receptiveField: receptiveField.pixels)
  }
}

extension Sequential {
  /// Appends a layer that reads the row above.
  public func append(_ layer: LayerSpec) throws(ShapeError) { try append(RowSpec(layer)) }

  /// Replaces the whole network with a stack: each layer reads the row above.
  public func setStack(input: Shape, specs layers: [LayerSpec]) throws(ShapeError) {
    try setStack(input: input, specs: layers.map { RowSpec($0) })
  }

  /// Inserts a layer that reads the row above it.
  public func insert(_ layer: LayerSpec, atRow row: Int) throws(ShapeError) {
    try insert(RowSpec(layer), atRow: row)
  }

  /// Replaces row `row` with a layer that reads the row above.
  public func replace(row: Int, with layer: LayerSpec) throws(ShapeError) {
    try replace(row: row, with: RowSpec(layer))
  }

  /// The summary row a layer reading the row above would get if appended now.
  public func preview(appending layer: LayerSpec) throws(ShapeError) -> SummaryRow {
    try preview(appending: RowSpec(layer))
  }
}
