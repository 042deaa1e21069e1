import Core

/// `eval` and `show confusion` as text tables.
public enum EvaluationReport {
  /// `test: 1000 images  loss 0.2345  accuracy 93.10%`, then one row per class:
  /// its name, images and accuracy (the share of its images predicted right).
  public static func lines(_ result: EvaluationResult, split: String, classNames: [String])
    -> [String]
  {
    var head = "\(split): \(result.count) images  loss \(TrainingReport.fixed(result.loss, 4))"
    if let accuracy = result.accuracy { head += "  accuracy \(TrainingReport.percent(accuracy))" }
    guard let confusion = result.confusion else { return [head] }
    let width = labelWidth(classNames)
    var out = [head, pad("class", width) + "  images  accuracy"]
    for (i, share) in result.perClassAccuracy.enumerated() {
      let count = confusion.counts[i].reduce(0, +)
      out.append(
        pad(label(i, classNames), width) + "  " + left("\(count)", 6) + "  "
          + left(share.map(TrainingReport.percent) ?? "-", 8))
    }
    return out
  }

  /// The confusion matrix: rows are true classes, columns predicted class indices, then each
  /// row's accuracy; the diagonal counts are the right answers.
  public static func confusionLines(_ confusion: ConfusionMatrix, classNames: [String])
    -> [String]
  {
    let width = labelWidth(classNames)
    let largest = confusion.counts.flatMap { $0 }.max() ?? 0
    let column = max(4, "\(largest)".count + 1)
    var out = [
      "confusion matrix, test split: rows are the true class, columns the predicted class",
      pad("true", width) + (0..<confusion.classes).map { left("\($0)", column) }.joined()
        + "  accuracy",
    ]
    let shares = confusion.perClassAccuracy
    for (i, row) in confusion.counts.enumerated() {
      out.append(
        pad(label(i, classNames), width) + row.map { left("\($0)", column) }.joined() + "  "
          + left(shares[i].map(TrainingReport.percent) ?? "-", 8))
    }
    if let accuracy = confusion.accuracy {
      out.append("overall accuracy \(TrainingReport.percent(accuracy)) (\(confusion.total) images)")
    }
    return out
  }

  /// `3 cat`, or just `3` when the class is named by its index.
  static func label(_ index: Int, _ names: [String]) -> String {
    guard index < names.count, names[index] != "\(index)" else { return "\(index)" }
    return "\(index) \(names[index].prefix(12))"
  }

  static func labelWidth(_ names: [String]) -> Int {
    max(5, names.indices.map { label($0, names).count }.max() ?? 0)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  static func left(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
