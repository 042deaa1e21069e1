import Foundation

/// The class score the gradient tools differentiate, and class probabilities.
///
/// The score of class `k` is the pre-softmax logit `z_k`: when the last row ends in softmax
/// (fused, `dense 10 softmax`, or a `softmax` row) the backward pass starts with a one-hot
/// gradient on that row's pre-activation (`throughActivation` false, as the fused
/// cross-entropy does); otherwise the one-hot gradient is on the model's output itself.
enum ClassScore {
  /// Refuses a model whose output is not one score per class.
  static func checkClassifier(_ model: Sequential, classes: Int) throws(InspectionError) {
    guard let output = model.outputShape else { throw .emptyModel }
    guard output.height == 1, output.width == 1, output.channels == classes else {
      throw .notClassifier(output: output, classes: classes)
    }
  }

  /// Whether the model's last row applies softmax.
  static func endsInSoftmax(_ model: Sequential) -> Bool {
    model.specs.last?.layer.fusedActivation == .softmax
  }

  /// After a forward pass of one image: backward from the score of class `k` down to row
  /// `stop`, returning d z_k / d(output of row `stop`) (row 0: the input).
  static func gradient(
    of k: Int, model: Sequential, downToRow stop: Int, context: ComputeContext
  ) -> Tensor {
    guard let output = model.outputShape else { return Tensor(batch: 1, shape: .flat(0)) }
    var oneHot = Tensor(batch: 1, shape: output)
    oneHot.storage[k] = 1
    return model.backward(
      oneHot, fromRow: model.layers.count, downToRow: stop, context: context,
      throughActivation: !endsInSoftmax(model))
  }

  /// Class probabilities of sample `n` of `outputs`: the outputs themselves when the model
  /// ends in softmax, else their softmax.
  static func probabilities(_ outputs: Tensor, sample n: Int, model: Sequential) -> [Float] {
    let k = outputs.shape.count
    let row = Array(outputs.storage[(n * k)..<((n + 1) * k)])
    if endsInSoftmax(model) { return row }
    let top = row.max() ?? 0
    let e = row.map { Float(exp(Double($0 - top))) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }
}
