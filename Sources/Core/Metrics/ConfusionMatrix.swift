/// Counts of (true class, predicted class) pairs: `counts[actual][predicted]`.
///
/// Rows are the true classes and columns the predictions, as scikit-learn prints them; the
/// diagonal holds the correct predictions.
public struct ConfusionMatrix: Hashable, Sendable {
  public private(set) var counts: [[Int]]

  /// An empty matrix for `classes` classes.
  public init(classes: Int) {
    counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
  }

  public var classes: Int { counts.count }

  /// Counts one sample (labels or predictions outside the classes are ignored).
  public mutating func add(actual: Int, predicted: Int) {
    guard counts.indices.contains(actual), counts.indices.contains(predicted) else { return }
    counts[actual][predicted] += 1
  }

  /// Counts every sample of a batch of outputs against its label.
  public mutating func add(outputs: Tensor, labels: [Int]) {
    for (predicted, actual) in zip(Accuracy.predictions(outputs), labels) {
      add(actual: actual, predicted: predicted)
    }
  }

  /// All samples counted.
  public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }

  /// Samples on the diagonal.
  public var correct: Int { counts.indices.reduce(0) { $0 + counts[$1][$1] } }

  /// `correct / total`, or nil before any sample.
  public var accuracy: Float? { total == 0 ? nil : Float(correct) / Float(total) }

  /// For each true class, the share of its samples predicted right (its recall); nil for a
  /// class with no samples.
  public var perClassAccuracy: [Float?] {
    counts.enumerated().map { row, values in
      let n = values.reduce(0, +)
      return n == 0 ? nil : Float(values[row]) / Float(n)
    }
  }
}
