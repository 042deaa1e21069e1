import Foundation

/// An element-wise (or, for softmax, per-position) activation, usable as its own layer
/// (`relu`) or inside a layer (`conv 32 3 relu`, Keras' `activation=`).
///
/// Every derivative is computed from the output `y`, so layers keep only their output:
/// - relu: `y = max(0, x)`, `dy/dx = [y > 0]`
/// - leaky_relu(a): `y = x` for `x > 0`, else `a·x`; `dy/dx = 1` or `a` (Keras' default `a = 0.3`)
/// - tanh: `dy/dx = 1 − y²`
/// - lecun_tanh: `y = 1.7159·tanh(2x/3)`, `dy/dx = (2/3)·1.7159·(1 − (y/1.7159)²)`
/// - sigmoid: `dy/dx = y·(1 − y)`
/// - softmax over channels at each position: `dx = y ⊙ (g − Σ g⊙y)`
public enum Activation: Hashable, Sendable, CustomStringConvertible {
  case relu
  case leakyRelu(alpha: Float)
  case tanh
  case lecunTanh
  case sigmoid
  case softmax

  /// Keras' default negative slope for LeakyReLU.
  public static let defaultLeakyAlpha: Float = 0.3

  /// Names as the session language spells them.
  public static let names = ["relu", "leaky_relu", "tanh", "lecun_tanh", "sigmoid", "softmax"]

  public init?(name: String, alpha: Float? = nil) {
    switch name.lowercased() {
    case "relu": self = .relu
    case "leaky_relu": self = .leakyRelu(alpha: alpha ?? Activation.defaultLeakyAlpha)
    case "tanh": self = .tanh
    case "lecun_tanh": self = .lecunTanh
    case "sigmoid": self = .sigmoid
    case "softmax": self = .softmax
    default: return nil
    }
  }

  public var name: String {
    switch self {
    case .relu: "relu"
    case .leakyRelu: "leaky_relu"
    case .tanh: "tanh"
    case .lecunTanh: "lecun_tanh"
    case .sigmoid: "sigmoid"
    case .softmax: "softmax"
    }
  }

  /// `leaky_relu 0.1` when the slope is not the default, else the bare name.
  public var description: String {
    if case .leakyRelu(let a) = self, a != Activation.defaultLeakyAlpha {
      return "leaky_relu \(formatNumber(a))"
    }
    return name
  }

  /// Applies the activation in place to `batch` samples of `shape` (NCHW).
  public func apply(_ values: UnsafeMutableBufferPointer<Float>, shape: Shape, batch: Int) {
    let n = values.count
    switch self {
    // Branch-free selects so the loops vectorise (NaN stays NaN).
    case .relu:
      for i in 0..<n { values[i] = values[i] < 0 ? 0 : values[i] }
    case .leakyRelu(let a):
      for i in 0..<n { values[i] = values[i] < 0 ? values[i] * a : values[i] }
    case .tanh:
      FastTanh.apply(values)
    case .lecunTanh:
      FastTanh.apply(values, inScale: 2.0 / 3.0, outScale: 1.7159)
    case .sigmoid:
      for i in 0..<n {
        let x = values[i]
        values[i] = x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
      }
    case .softmax:
      let channels = shape.channels
      let plane = shape.height * shape.width
      for sample in 0..<batch {
        let base = sample * shape.count
        for p in 0..<plane {
          var maxValue = -Float.infinity
          for c in 0..<channels { maxValue = max(maxValue, values[base + c * plane + p]) }
          var sum: Float = 0
          for c in 0..<channels {
            let e = exp(values[base + c * plane + p] - maxValue)
            values[base + c * plane + p] = e
            sum += e
          }
          let inv = 1 / sum
          for c in 0..<channels { values[base + c * plane + p] *= inv }
        }
      }
    }
  }

  /// Turns dLoss/dOutput into dLoss/dInput in place, given the outputs `y` of `apply`.
  public func backward(
    outputs y: UnsafeBufferPointer<Float>, gradients g: UnsafeMutableBufferPointer<Float>,
    shape: Shape, batch: Int
  ) {
    let n = g.count
    switch self {
    // Load before selecting: a load inside the select compiles to a (mispredicted) branch.
    case .relu:
      for i in 0..<n {
        let v = g[i]
        g[i] = y[i] > 0 ? v : 0
      }
    case .leakyRelu(let a):
      for i in 0..<n {
        let v = g[i]
        g[i] = y[i] > 0 ? v : v * a
      }
    case .tanh:
      for i in 0..<n { g[i] *= 1 - y[i] * y[i] }
    case .lecunTanh:
      let scale: Float = 1.7159
      for i in 0..<n {
        let t = y[i] / scale
        g[i] *= (2.0 / 3.0) * scale * (1 - t * t)
      }
    case .sigmoid:
      for i in 0..<n { g[i] *= y[i] * (1 - y[i]) }
    case .softmax:
      let channels = shape.channels
      let plane = shape.height * shape.width
      for sample in 0..<batch {
        let base = sample * shape.count
        for p in 0..<plane {
          var dot: Float = 0
          for c in 0..<channels { dot += g[base + c * plane + p] * y[base + c * plane + p] }
          for c in 0..<channels {
            let i = base + c * plane + p
            g[i] = y[i] * (g[i] - dot)
          }
        }
      }
    }
  }
}

/// Shortest decimal that reads back as the same Float (`0.5`, `0.001`, `1e-05`).
public func formatNumber(_ value: Float) -> String {
  if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
  return "\(value)"
}
