import Foundation

/// How a kernel's first values are drawn (biases always start at zero, as in Keras).
///
/// `fanIn = Cin·kh·kw` and `fanOut = Cout·kh·kw` for convolutions (`in`, `out` for dense):
/// - glorot (Keras' default): uniform in `±√(6/(fanIn + fanOut))`
/// - he: uniform in `±√(6/fanIn)` (for ReLU nets)
/// - lecun: uniform in `±√(3/fanIn)` (for tanh/SELU nets)
public enum Initializer: String, Hashable, Sendable, CaseIterable {
  case glorot
  case he
  case lecun

  /// The uniform limit for a kernel with these fans.
  public func limit(fanIn: Int, fanOut: Int) -> Float {
    switch self {
    case .glorot: Float((6.0 / Double(fanIn + fanOut)).squareRoot())
    case .he: Float((6.0 / Double(fanIn)).squareRoot())
    case .lecun: Float((3.0 / Double(fanIn)).squareRoot())
    }
  }

  /// `count` values drawn for a kernel with these fans.
  public func values(count: Int, fanIn: Int, fanOut: Int, random: inout SeededRandom) -> [Float] {
    let a = limit(fanIn: max(fanIn, 1), fanOut: max(fanOut, 1))
    return (0..<count).map { _ in random.uniform(-a, a) }
  }
}
