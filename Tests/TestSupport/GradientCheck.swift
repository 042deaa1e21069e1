import Core

/// Finite-difference gradient checks for layers (tiny-dnn style: analytic vs numeric).
///
/// The loss is `L = Σ w ⊙ f(x)` for a fixed random `w`, so dL/dOutput = w. Differences are taken
/// in Double around Float32 values with a central step `h`; the check reports the worst relative
/// error `|a − n| / max(|a| + |n|, floor)` over all input and parameter entries.
public enum GradientCheck {
  public struct Report: CustomStringConvertible {
    public var worstInputError: Double
    public var worstParameterError: [String: Double]
    public var description: String {
      "input \(worstInputError), params \(worstParameterError)"
    }
    public var worst: Double { max(worstInputError, worstParameterError.values.max() ?? 0) }
  }

  /// Checks `layer` (already built for `input.shape`) on `input`.
  /// `mode` training exercises dropout masks / batch statistics (dropout must be deterministic
  /// per forward call for this to hold: use rate 0 or a layer that reuses its mask).
  public static func check(
    _ layer: any Layer, input: Tensor, mode: ForwardMode = .training, step: Float = 1e-2,
    seed: UInt64 = 7, maxEntries: Int = 400
  ) -> Report {
    let context = ComputeContext(mode: mode, threads: 1)
    var random = SeededRandom(seed: seed)
    let output = layer.forward(input, context: context)
    let weights = (0..<output.count).map { _ in random.uniform(-1, 1) }
    func loss(_ x: Tensor) -> Double {
      let y = layer.forward(x, context: context)
      var total = 0.0
      for i in 0..<y.count { total += Double(weights[i]) * Double(y.storage[i]) }
      return total
    }
    _ = layer.forward(input, context: context)
    let g = layer.backward(
      Tensor(batch: output.batch, shape: output.shape, storage: weights), context: context)
    let analyticParams = layer.parameters.map(\.gradient)

    func relative(_ a: Double, _ n: Double) -> Double {
      abs(a - n) / max(abs(a) + abs(n), 1e-2)
    }
    var worstInput = 0.0
    var x = input
    for i in sampleIndices(count: input.count, max: maxEntries, random: &random) {
      let saved = x.storage[i]
      x.storage[i] = saved + step
      let plus = loss(x)
      x.storage[i] = saved - step
      let minus = loss(x)
      x.storage[i] = saved
      let numeric = (plus - minus) / (2 * Double(step))
      worstInput = max(worstInput, relative(Double(g.storage[i]), numeric))
    }
    var worstParams: [String: Double] = [:]
    for (p, parameter) in layer.parameters.enumerated() where parameter.isTrainable {
      var worst = 0.0
      for i in sampleIndices(count: parameter.count, max: maxEntries, random: &random) {
        let saved = parameter.value[i]
        parameter.value[i] = saved + step
        let plus = loss(input)
        parameter.value[i] = saved - step
        let minus = loss(input)
        parameter.value[i] = saved
        let numeric = (plus - minus) / (2 * Double(step))
        worst = max(worst, relative(Double(analyticParams[p][i]), numeric))
      }
      worstParams[parameter.name] = worst
    }
    return Report(worstInputError: worstInput, worstParameterError: worstParams)
  }

  /// A random input tensor in `[-1, 1]`.
  public static func randomInput(batch: Int, shape: Shape, seed: UInt64 = 1) -> Tensor {
    var random = SeededRandom(seed: seed)
    return Tensor(batch: batch, shape: shape, storage: (0..<(batch * shape.count)).map { _ in random.uniform(-1, 1) })
  }

  private static func sampleIndices(count: Int, max: Int, random: inout SeededRandom) -> [Int] {
    if count <= max { return Array(0..<count) }
    return (0..<max).map { _ in Int(random.next() % UInt64(count)) }
  }
}
