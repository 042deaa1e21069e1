import Dispatch

/// A fully connected layer: `dense N [bias=no] [ACT]` (Keras' `Dense`, PyTorch's `Linear`).
///
/// For a batch `x[B, in]` (a flat input of `in` features):
///
///     y[B, out] = act(x · Wᵀ + b)          (bias=no: y = act(x · Wᵀ))
///
/// with `W` stored `[out, in]` ("weight", PyTorch's layout) and `b` of `[out]` ("bias", absent
/// with `bias=no`, Keras' `use_bias=False`, PyTorch's `bias=False`).
/// Parameters: `in·out + out` (`in·out` without bias). MACs per image: `in·out`. The kernel
/// starts from the model's ``Initializer`` with `fanIn = in`, `fanOut = out`; the bias at zero.
///
/// Backward, with `g` the gradient with respect to the pre-activation:
///
///     dW[out, in] = gᵀ · x      db[out] = Σ_batch g      dx[B, in] = g · W
///
/// All three products go through ``BLAS/sgemm(transposeA:transposeB:m:n:k:alpha:a:lda:b:ldb:beta:c:ldc:)``.
/// With `context.threads > 1` and enough work (``parallelMACs``), `y` and `dx` are cut into
/// batch rows and `dW` into output rows, one GEMM per cut on its own thread; no cut shares an
/// output value, so nothing is summed across threads and a given thread count is bit-exact.
public final class Dense: Layer, KernelInitialized {
  /// Below this many multiply-accumulates per product, one thread does it all (a thread hop
  /// costs more than it saves).
  public static let parallelMACs = 1 << 20

  public let units: Int
  /// Whether `b` is added (`bias=no` leaves it out).
  public let useBias: Bool
  public let activation: Activation?
  public let initializer: Initializer

  private var weight: Parameter?
  private var bias: Parameter?
  private var inputs = Tensor(batch: 0, shape: .flat(1))
  private var outputs = Tensor(batch: 0, shape: .flat(1))

  public init(
    units: Int, useBias: Bool = true, activation: Activation? = nil,
    initializer: Initializer = .glorot
  ) {
    self.units = units
    self.useBias = useBias
    self.activation = activation
    self.initializer = initializer
  }

  public var spec: LayerSpec {
    .dense(units: units, bias: useBias, activation: activation, initializer: initializer)
  }

  /// `N` → `units`; an image input is refused (it needs `flatten` first).
  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard units >= 1 else {
      throw .invalidArgument(
        layer: spec.description, problem: "a dense layer needs at least 1 unit, not \(units)",
        hint: "use a positive number such as `dense 10`")
    }
    if let activation { try ActivationLayer.validate(activation, layer: spec.description) }
    guard input.isFlat else { throw .needsFlatInput(layer: spec.description, input: input) }
    return .flat(units)
  }

  public func parameterCount(for input: Shape) -> Int {
    input.count * units + (useBias ? units : 0)
  }

  public func macs(for input: Shape) -> Int { input.count * units }

  /// `fanIn = in`, `fanOut = units`.
  public func kernelFans(for input: Shape) -> [KernelFans] {
    [KernelFans(parameter: "weight", fanIn: input.count, fanOut: units)]
  }

  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    _ = try outputShape(for: input)
    let fans = kernelFans(for: input)[0]
    weight = Parameter(
      name: "weight", dimensions: [units, fans.fanIn],
      value: initializer.values(
        count: units * fans.fanIn, fanIn: fans.fanIn, fanOut: fans.fanOut, random: &random))
    bias =
      useBias
      ? Parameter(name: "bias", dimensions: [units], value: [Float](repeating: 0, count: units))
      : nil
  }

  public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    guard let weight, bias != nil || !useBias else {
      preconditionFailure("dense layer used before build(input:random:)")
    }
    let features = input.shape.count
    precondition(features == weight.dimensions[1], "dense: input \(input.shape) does not match build")
    let batch = input.batch
    inputs = context.keepsForBackward ? input : Tensor(batch: 0, shape: .flat(1))
    // y starts as b in every row (zeros without bias); the GEMM adds x · Wᵀ to it.
    var output =
      bias.map { bias in
        Tensor(batch: batch, shape: .flat(units)) { out in
          bias.value.withUnsafeBufferPointer { b in
            for row in 0..<batch {
              for j in 0..<units { out[row * units + j] = b[j] }
            }
          }
        }
      } ?? Tensor(batch: batch, shape: .flat(units))
    input.storage.withUnsafeBufferPointer { x in
      weight.value.withUnsafeBufferPointer { w in
        output.storage.withUnsafeMutableBufferPointer { y in
          guard let xp = x.baseAddress, let wp = w.baseAddress, let yp = y.baseAddress else { return }
          forEachCut(of: batch, context: context, work: batch * units * features) { rows in
            BLAS.sgemm(
              transposeB: true, m: rows.count, n: units, k: features,
              a: xp + rows.lowerBound * features, lda: features, b: wp, ldb: features, beta: 1,
              c: yp + rows.lowerBound * units, ldc: units)
          }
        }
      }
    }
    if let activation {
      output.storage.withUnsafeMutableBufferPointer { y in
        activation.apply(y, shape: output.shape, batch: batch)
      }
    }
    outputs = context.keepsForBackward ? output : Tensor(batch: 0, shape: .flat(1))
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard let weight, bias != nil || !useBias else {
      preconditionFailure("dense layer used before build(input:random:)")
    }
    let batch = outputGradient.batch
    let features = inputs.shape.count
    var g = outputGradient
    if throughActivation, let activation {
      outputs.storage.withUnsafeBufferPointer { y in
        g.storage.withUnsafeMutableBufferPointer { gp in
          activation.backward(outputs: y, gradients: gp, shape: outputs.shape, batch: batch)
        }
      }
    }
    var inputGradient = Tensor(batch: batch, shape: inputs.shape)
    if batch == 0 {
      weight.gradient = [Float](repeating: 0, count: weight.count)
      bias?.gradient = [Float](repeating: 0, count: units)
      return inputGradient
    }
    g.storage.withUnsafeBufferPointer { gp in
      guard let g0 = gp.baseAddress else { return }
      inputs.storage.withUnsafeBufferPointer { x in
        weight.gradient.withUnsafeMutableBufferPointer { dw in
          guard let xp = x.baseAddress, let dwp = dw.baseAddress else { return }
          forEachCut(of: units, context: context, work: batch * units * features) { outs in
            BLAS.sgemm(
              transposeA: true, m: outs.count, n: features, k: batch, a: g0 + outs.lowerBound,
              lda: units, b: xp, ldb: features, c: dwp + outs.lowerBound * features,
              ldc: features)
          }
        }
      }
      bias?.gradient.withUnsafeMutableBufferPointer { db in
        for j in 0..<units { db[j] = 0 }
        for row in 0..<batch {
          for j in 0..<units { db[j] += gp[row * units + j] }
        }
      }
      weight.value.withUnsafeBufferPointer { w in
        inputGradient.storage.withUnsafeMutableBufferPointer { dx in
          guard let wp = w.baseAddress, let dxp = dx.baseAddress else { return }
          forEachCut(of: batch, context: context, work: batch * units * features) { rows in
            BLAS.sgemm(
              m: rows.count, n: features, k: units, a: g0 + rows.lowerBound * units, lda: units,
              b: wp, ldb: features, c: dxp + rows.lowerBound * features, ldc: features)
          }
        }
      }
    }
    return inputGradient
  }

  /// Runs `body` on at most `context.threads` even cuts of `0..<count` (cut `i` of `n` is
  /// `count·i/n ..< count·(i + 1)/n`), in parallel when `work` MACs are worth it.
  private func forEachCut(
    of count: Int, context: ComputeContext, work: Int, _ body: (Range<Int>) -> Void
  ) {
    let n = work >= Self.parallelMACs ? max(1, min(context.threads, count)) : 1
    guard n > 1 else {
      body(0..<count)
      return
    }
    // concurrentPerform returns after every cut ran, and cuts write disjoint memory.
    nonisolated(unsafe) let body = body
    DispatchQueue.concurrentPerform(iterations: n) { i in
      body((count * i / n)..<(count * (i + 1) / n))
    }
  }
}

extension Dense {
  /// Every unit sees all of its input: the field it was given is kept as it is.
  public var window: SpatialWindow { .pointwise }

  public var drawnKernel: DrawnKernel? { nil }

  /// `n × u + u` parameters (`n × u` with `bias=no`) and `n·u` MACs for `n` inputs and `u`
  /// units.
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    let n = input.count
    let parameters = parameterCount(for: input)
    let macs = n * units
    return LayerArithmetic(
      parameters: parameters,
      parametersLine: "params: \(n) × \(units)" + (useBias ? " + \(units)" : " (no bias)")
        + " = \(grouped(parameters))",
      macs: macs, macsLine: "MACs: \(n)·\(units) = \(grouped(macs))",
      outputSizeLine: "output size: \(units) units")
  }

  public var isRandomWhenTraining: Bool { false }
}
