/// The data sets `data NAME` knows.
public enum DatasetName: String, CaseIterable, Sendable {
  case mnist
  case fashion
  case cifar10
  case bars
  case shapes

  /// One line for `help data` and completion.
  public var summary: String {
    switch self {
    case .mnist: "handwritten digits, 28x28x1, 10 classes (built-in sample unless path=DIR)"
    case .fashion: "Fashion-MNIST clothing, 28x28x1, 10 classes (path=DIR)"
    case .cifar10: "CIFAR-10 photos, 32x32x3, 10 classes (binary version, path=DIR)"
    case .bars: "synthetic oriented bars, 28x28x1, 4 angles (generated from the seed)"
    case .shapes: "synthetic shapes, 28x28x1: circle, square, triangle, cross (from the seed)"
    }
  }

  /// True for the sets read from files; false for the ones generated in memory.
  public var isFileBased: Bool { self == .mnist || self == .fashion || self == .cifar10 }

  /// Class names in label order.
  public var classNames: [String] {
    switch self {
    case .mnist: (0...9).map(String.init)
    case .fashion:
      [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
        "Ankle boot",
      ]
    case .cifar10: CIFAR10Folder.defaultClassNames
    case .bars: BarsGenerator.classNames
    case .shapes: ShapesGenerator.classNames
    }
  }
}
