import Core

/// What `data info` shows: name, shape, split sizes, classes and their balance.
public struct DatasetInfo: Hashable, Sendable {
  public var name: String
  public var shape: Shape
  public var trainCount: Int
  public var testCount: Int
  public var classNames: [String]
  /// Images per class, in class order.
  public var trainClassCounts: [Int]
  public var testClassCounts: [Int]
  public var normalization: Normalization
  /// Zero pixels framing each image on each side (`pad=P`); `shape` includes them.
  public var padding: Int

  public init(_ data: DataSplits) {
    name = data.name
    shape = data.train.shape
    trainCount = data.train.count
    testCount = data.test.count
    classNames = data.train.classNames
    trainClassCounts = data.train.classCounts
    testClassCounts = data.test.classCounts
    normalization = data.normalization
    padding = data.padding
  }

  /// The summary as text lines, e.g.
  /// ```
  /// mnist: 28x28x1, 10 classes, 6,000 train / 1,000 test; pixels x/255
  /// class   train    test
  /// 0         600     100   10.0%
  /// ```
  /// (the percentage is the class's share of the training split). A padded set says so in
  /// its first line (`mnist pad=2: 32x32x1, …`) and in a second line with the original size.
  public var lines: [String] {
    var pixels = "x/255"
    if normalization != .unit {
      pixels = "(x/255 - \(decimal(normalization.mean))) / \(decimal(normalization.std))"
    }
    var out = [
      "\(name)\(padding > 0 ? " pad=\(padding)" : ""): \(shape), \(classNames.count) classes, "
        + "\(grouped(trainCount)) train / \(grouped(testCount)) test; pixels \(pixels)"
    ]
    if padding > 0 {
      let h = shape.height - 2 * padding
      let w = shape.width - 2 * padding
      out.append(
        "padding: each \(h)x\(w) image framed by \(padding) zero (black) pixels per side "
          + "-> \(shape.height)x\(shape.width)")
    }
    let width = max(5, classNames.map(\.count).max() ?? 0)
    out.append(pad("class", width) + "   " + left("train", 7) + " " + left("test", 7))
    for (i, className) in classNames.enumerated() {
      let train = i < trainClassCounts.count ? trainClassCounts[i] : 0
      let test = i < testClassCounts.count ? testClassCounts[i] : 0
      let share = trainCount > 0 ? Double(train) * 100 / Double(trainCount) : 0
      out.append(
        pad(className, width) + "   " + left(grouped(train), 7) + " " + left(grouped(test), 7)
          + " " + left(decimal(Float(share), places: 1) + "%", 7))
    }
    return out
  }

  private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - text.count))
  }

  private func left(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
