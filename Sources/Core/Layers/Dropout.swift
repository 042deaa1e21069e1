/// Dropout (`dropout P`), inverted as in Keras and PyTorch: while training each value is kept
/// with probability `1 − P` and scaled up so the expected output equals the input; at inference
/// the layer is the identity.
///
///     training:   out = in · m,   m = 1/(1 − P) with probability 1 − P, else 0
///     inference:  out = in
///     backward:   dIn = dOut · m  (the mask of the last forward; dIn = dOut after inference)
///
/// Shapes unchanged (images or vectors). No parameters, 0 MACs. The mask comes from the layer's
/// own generator, forked from the model's in `build`, so a seed fixes every mask in order.
public final class Dropout: WeightlessLayer {
  public let rate: Float
  /// The multipliers of the last training forward (`0` or `1/(1 − P)` for each value, NCHW);
  /// empty after an inference forward or with `P = 0`.
  public private(set) var mask: [Float] = []
  /// Whether a training forward reuses the last mask (for finite-difference checks).
  ///
  /// When true and the batch has the same size, every forward applies the same mask, so a
  /// gradient check sees one fixed function. Off for training.
  public var reusesMask = false
  private var random = SeededRandom(seed: 0)

  public init(rate: Float) {
    self.rate = rate
  }

  public var spec: LayerSpec { .dropout(rate: rate) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape {
    guard rate >= 0, rate < 1 else {
      throw .invalidArgument(
        layer: spec.description, problem: "the rate \(formatNumber(rate)) is not in [0, 1)",
        hint: "P is the fraction of values dropped while training; try dropout 0.5")
    }
    return input
  }

  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    _ = try outputShape(for: input)
    self.random = random.fork()
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    guard context.mode == .training, rate > 0 else {
      mask = []
      return input
    }
    if !(reusesMask && mask.count == input.count) {
      let (scale, rate) = (1 / (1 - rate), rate)
      var generator = random  // a local copy: no exclusivity check per draw
      mask = [Float](unsafeUninitializedCapacity: input.count) { buffer, initialized in
        for i in 0..<buffer.count {
          let kept: Float = generator.nextUnitFloat() < rate ? 0 : 1
          buffer[i] = kept * scale
        }
        initialized = buffer.count
      }
      random = generator
    }
    return Tensor(batch: input.batch, shape: input.shape) { out in
      input.storage.withUnsafeBufferPointer { src in
        mask.withUnsafeBufferPointer { m in
          for i in 0..<out.count { out[i] = src[i] * m[i] }
        }
      }
    }
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    guard !mask.isEmpty else { return outputGradient }
    precondition(outputGradient.count == mask.count, "dropout: gradient shape")
    return Tensor(batch: outputGradient.batch, shape: outputGradient.shape) { dIn in
      outputGradient.storage.withUnsafeBufferPointer { dOut in
        mask.withUnsafeBufferPointer { m in
          for i in 0..<dIn.count { dIn[i] = dOut[i] * m[i] }
        }
      }
    }
  }
}

extension Dropout {
  public var window: SpatialWindow { .pointwise }
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic { .none }
  /// Training draws a new mask each pass.
  public var isRandomWhenTraining: Bool { true }
}
