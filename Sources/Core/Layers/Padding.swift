/// How a window layer pads its input.
///
/// - `valid`: no padding, `out = ⌊(in − k_eff)/s⌋ + 1`.
/// - `same`: as Keras, `out = ⌈in/s⌉`; the total padding `max((out − 1)·s + k_eff − in, 0)`
///   is split with the odd pixel at the bottom/right.
/// - `explicit(P)`: as PyTorch, `P` on every side, `out = ⌊(in + 2P − k_eff)/s⌋ + 1`.
///
/// `k_eff = d·(k − 1) + 1` is the dilated kernel size.
public enum Padding: Hashable, Sendable, CustomStringConvertible {
  case valid
  case same
  case explicit(Int)

  public var description: String {
    switch self {
    case .valid: "valid"
    case .same: "same"
    case .explicit(let p): "\(p)"
    }
  }

  /// Padding before and after, and the output size, along one axis.
  /// The output may be ≤ 0: callers turn that into a ``ShapeError`` with the arithmetic.
  public func resolve(input: Int, kernel: Int, stride: Int) -> (before: Int, after: Int, output: Int) {
    switch self {
    case .valid:
      return (0, 0, floorDiv(input - kernel, stride) + 1)
    case .same:
      let output = (input + stride - 1) / stride
      let total = max((output - 1) * stride + kernel - input, 0)
      return (total / 2, total - total / 2, output)
    case .explicit(let p):
      return (p, p, floorDiv(input + 2 * p - kernel, stride) + 1)
    }
  }

  /// The padding written in formulas (`2·P` for explicit, the total for same).
  public func totalPadding(input: Int, kernel: Int, stride: Int) -> Int {
    let r = resolve(input: input, kernel: kernel, stride: stride)
    return r.before + r.after
  }
}

/// Floor division that rounds toward −∞ (Swift's `/` truncates toward zero).
@inline(__always) public func floorDiv(_ a: Int, _ b: Int) -> Int {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
