import Foundation

/// How a kernel's first values are drawn (biases always start at zero, as in Keras).
///
/// The fans are Keras' for the kernel's shape (each layer's ``KernelInitialized/kernelFans(for:)``
/// says which): `fanIn = Cin·kh·kw` and `fanOut = Cout·kh·kw` for convolutions (`in`, `out`
/// for dense):
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

  /// The limit written out, as `explain` prints it: `√(6/(fanIn+fanOut)) = √(6/(9+288)) = 0.142`.
  public func formula(fanIn: Int, fanOut: Int) -> String {
    let value = String(format: "%.3g", Double(limit(fanIn: fanIn, fanOut: fanOut)))
    return switch self {
    case .glorot: "√(6/(fanIn+fanOut)) = √(6/(\(fanIn)+\(fanOut))) = \(value)"
    case .he: "√(6/fanIn) = √(6/\(fanIn)) = \(value)"
    case .lecun: "√(3/fanIn) = √(3/\(fanIn)) = \(value)"
    }
  }

  /// `count` values drawn for a kernel with these fans.
  public func values(count: Int, fanIn: Int, fanOut: Int, random: inout SeededRandom) -> [Float] {
    let a = limit(fanIn: max(fanIn, 1), fanOut: max(fanOut, 1))
    return (0..<count).map { _ in random.uniform(-a, a) }
  }
}

/// The fans one kernel is drawn with.
public struct KernelFans: Hashable, Sendable {
  /// The kernel's parameter name (`weight`, `depthwise.weight`).
  public var parameter: String
  public var fanIn: Int
  public var fanOut: Int

  public init(parameter: String, fanIn: Int, fanOut: Int) {
    self.parameter = parameter
    self.fanIn = fanIn
    self.fanOut = fanOut
  }
}

/// A layer whose kernels an ``Initializer`` draws (the one in its ``LayerSpec``): the
/// convolutions and dense.
public protocol KernelInitialized {
  /// Each kernel's fans on `input`, in the order `build(input:random:)` draws them.
  func kernelFans(for input: Shape) -> [KernelFans]
}
