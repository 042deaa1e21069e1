/// Per row, what the activations and their gradients look like on one batch (`show stats`),
/// ConvNetJS's per-layer panel: vanishing gradients shrink row by row toward the input,
/// exploding ones grow, dead relu rows show a mean and max of 0.
///
///     activation: min, mean, max of row r's output over the batch
///     gradient:   mean |∂Loss/∂a| and max |∂Loss/∂a| of row r's output
///
/// One forward and one backward pass in inference mode (dropout off, batchnorm on its running
/// statistics), so looking never changes the model; the loss is the one `train` uses. A
/// running training measures its own batch this way every `statisticsEvery` steps
/// (``TrainingEvent/statistics(_:)``), after that step's update.
public struct RowStatistics: Sendable {
  /// One row's numbers.
  public struct Row: Sendable, Equatable {
    public let row: Int
    public let layer: String
    public let shape: Shape
    public let minimum: Float
    public let mean: Float
    public let maximum: Float
    /// The fraction of exact zeros (dead relu units show here).
    public let zeroFraction: Float
    public let gradientMeanMagnitude: Float
    public let gradientMaxMagnitude: Float
  }

  public let rows: [Row]
  public let loss: Float
  public let images: Int
  /// The training step whose batch was measured (after its update); nil for `show stats` on
  /// an idle model.
  public let step: Int?

  public init(rows: [Row], loss: Float, images: Int, step: Int? = nil) {
    self.rows = rows
    self.loss = loss
    self.images = images
    self.step = step
  }

  /// The statistics of the first `count` images of `data`.
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, count: Int,
    threads: Int = 1
  ) throws(InspectionError) -> RowStatistics {
    guard let input = model.inputShape, !model.isEmpty else { throw .emptyModel }
    guard input == data.shape else { throw .inputMismatch(model: input, data: data.shape) }
    let n = min(count, data.count)
    guard n > 0 else { throw .noSuchImage(index: 0, count: data.count) }
    var batch = Tensor(batch: n, shape: input)
    var labels: [Int] = []
    data.gather(0..<n, normalization: normalization, into: &batch, labels: &labels)
    let context = ComputeContext(mode: .inference, threads: threads)
    let outputs = model.forwardCollecting(batch, context: context)
    let top = try LossGradient.compute(
      model: model, outputs: outputs[model.layers.count], inputs: batch, labels: labels,
      classes: data.classNames.count)
    let gradients = model.backwardCollecting(
      top.gradient, context: context, throughFinalActivation: top.throughActivation)
    return summarize(model: model, outputs: outputs, gradients: gradients, loss: top.loss, images: n)
  }

  /// The statistics of `batch` under `loss` (a training's own batch and loss), in inference
  /// mode with `threads` threads. Parameter gradients are overwritten, nothing else changes.
  static func measure(
    model: Sequential, batch: Tensor, labels: [Int], loss: any Loss, threads: Int, step: Int
  ) -> RowStatistics {
    let context = ComputeContext(mode: .inference, threads: threads)
    let outputs = model.forwardCollecting(batch, context: context)
    var gradient = Tensor(batch: 0, shape: .flat(1))
    let value = loss.value(
      outputs: outputs[model.layers.count], inputs: batch, labels: labels, gradient: &gradient)
    let gradients = model.backwardCollecting(
      gradient, context: context, throughFinalActivation: loss.throughFinalActivation)
    return summarize(
      model: model, outputs: outputs, gradients: gradients, loss: value, images: batch.batch,
      step: step)
  }

  /// Each row's numbers from its outputs (`outputs[r]`, row 0 the input) and gradients.
  static func summarize(
    model: Sequential, outputs: [Tensor], gradients: [Tensor?], loss: Float, images: Int,
    step: Int? = nil
  ) -> RowStatistics {
    var rows: [Row] = []
    for r in 0...model.layers.count {
      let a = outputs[r].storage
      var (low, high, sum, zeros) = (Float.infinity, -Float.infinity, 0.0, 0)
      for v in a {
        low = min(low, v)
        high = max(high, v)
        sum += Double(v)
        if v == 0 { zeros += 1 }
      }
      var (gSum, gMax) = (0.0, Float(0))
      if let g = gradients[r] {
        for v in g.storage {
          gSum += Double(abs(v))
          gMax = max(gMax, abs(v))
        }
      }
      let total = max(a.count, 1)
      rows.append(
        Row(
          row: r, layer: r == 0 ? "input" : model.specs[r - 1].description,
          shape: model.shapes[r], minimum: a.isEmpty ? 0 : low,
          mean: Float(sum / Double(total)), maximum: a.isEmpty ? 0 : high,
          zeroFraction: Float(zeros) / Float(total),
          gradientMeanMagnitude: Float(gSum / Double(max(gradients[r]?.count ?? 1, 1))),
          gradientMaxMagnitude: gMax))
    }
    return RowStatistics(rows: rows, loss: loss, images: images, step: step)
  }
}
