/// A layer that reads several rows at once (`add`, `concat`): its main input (the row above,
/// or `from=`) and the rows its spec names.
///
/// The network asks these requirements instead of the one-input ones whenever the layer sits in
/// a row; the ``Layer`` requirements still hold for a single input (a merge of one tensor is
/// that tensor), so the catalog, the summary and `explain` treat a merge like any layer.
///
/// Shapes: `inputs[0]` is the main input, then the named rows in the order the command lists
/// them; `rows` are their row numbers (for messages that name them).
public protocol MergingLayer: Layer {
  /// The rows merged with the main input, as the command names them (`add 1 3` → `[1, 3]`).
  var mergedRows: [Int] { get }

  /// The output shape for one sample of each input, or a refusal naming the rows and shapes
  /// that do not fit together.
  func outputShape(for inputs: [Shape], rows: [Int]) throws(ShapeError) -> Shape

  /// Forward over a batch of each input (all with the same batch size).
  func forward(_ inputs: [Tensor], context: ComputeContext) -> Tensor

  /// dLoss/dInput for each input of the last forward pass, in the same order.
  func backward(_ outputGradient: Tensor, context: ComputeContext) -> [Tensor]

  /// ``Layer/arithmetic(input:output:)`` with every input named by its row (`explain`).
  func arithmetic(inputs: [Shape], rows: [Int], output: Shape) -> LayerArithmetic
}
