/// Predicted classes and the share that match the labels.
///
/// The prediction for a sample is the index of its largest output (the first on ties, as
/// NumPy's and PyTorch's `argmax`); outputs are `N` or `1x1xN` per sample.
public enum Accuracy {
  /// The predicted class of every sample in `outputs`.
  public static func predictions(_ outputs: Tensor) -> [Int] {
    let classes = outputs.shape.count
    guard classes > 0 else { return [] }
    return outputs.storage.withUnsafeBufferPointer { y in
      (0..<outputs.batch).map { n in
        var best = 0
        var bestValue = y[n * classes]
        for k in 1..<classes where y[n * classes + k] > bestValue {
          best = k
          bestValue = y[n * classes + k]
        }
        return best
      }
    }
  }

  /// How many samples' predictions equal their labels.
  public static func correctCount(outputs: Tensor, labels: [Int]) -> Int {
    zip(predictions(outputs), labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
  }
}
