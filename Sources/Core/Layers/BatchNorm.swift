import Foundation

/// Batch normalisation (`batchnorm`) with Keras' `BatchNormalization` defaults (momentum 0.99,
/// epsilon 1e-3) and PyTorch's parameter names and order.
///
/// Per channel `c` of an image (over N, H, W) or per feature of a vector (over N), `m` values:
///
///     training:   μ = Σx/m,  σ² = Σ(x − μ)²/m            (biased, as Keras)
///                 y = γ·(x − μ)/√(σ² + ε) + β
///                 running_mean ← running_mean − (1 − momentum)·(running_mean − μ)
///                 running_var  ← running_var  − (1 − momentum)·(running_var − σ²)
///     inference:  y = γ·(x − running_mean)/√(running_var + ε) + β
///
/// Backward, with `x̂ = (x − μ)/√(σ² + ε)`, exact through the batch statistics in training:
///
///     dβ = Σ dy,   dγ = Σ dy·x̂
///     training:   dx = γ/√(σ² + ε) · (dy − dβ/m − x̂·dγ/m)
///     inference:  dx = γ/√(running_var + ε) · dy   (x̂ from the running statistics)
///
/// Shapes unchanged. Parameters, each `[C]`: `weight` γ (1), `bias` β (0), `running_mean` (0)
/// and `running_var` (1), the last two not trainable: `4·C` counted as Keras, `2·C` trainable.
/// MACs 0: like Keras' summary and the conv/dense counts, only products of weights with inputs
/// count, and normalising is element-wise.
///
/// Statistics are reduced per channel in Double, in a fixed order (sample, then pixel), and
/// channels are split across threads: results are the same for every thread count.
public final class BatchNorm: Layer {
  public let momentum: Float
  public let epsilon: Float

  /// γ, β, running mean and running variance after `build` (nil before).
  public private(set) var weight: Parameter?
  public private(set) var bias: Parameter?
  public private(set) var runningMean: Parameter?
  public private(set) var runningVar: Parameter?

  /// What backward needs from the last forward: its input and mode, and per channel the mean
  /// and `1/√(var + ε)` it normalised with.
  private var lastInput: Tensor?
  private var lastMode = ForwardMode.inference
  private var lastMean: [Double] = []
  private var lastInverseStd: [Double] = []
  /// The output of the last ``forward(_:context:relu:)`` with relu, whose `y > 0` is relu's
  /// mask in ``backwardThroughRelu(_:context:)``; nil otherwise.
  private var lastReluOutput: Tensor?

  /// What `batchnorm` uses (Keras' defaults): the exporters write these, since the command
  /// has no options for them.
  public static let standardMomentum: Float = 0.99
  public static let standardEpsilon: Float = 1e-3

  public init(momentum: Float = standardMomentum, epsilon: Float = standardEpsilon) {
    self.momentum = momentum
    self.epsilon = epsilon
  }

  public var spec: LayerSpec { .batchNorm(momentum: momentum) }

  public func outputShape(for input: Shape) throws(ShapeError) -> Shape { input }

  public func parameterCount(for input: Shape) -> Int { 4 * input.channels }

  public func trainableParameterCount(for input: Shape) -> Int { 2 * input.channels }

  public func build(input: Shape, random: inout SeededRandom) throws(ShapeError) {
    let c = input.channels
    let zeros = [Float](repeating: 0, count: c)
    let ones = [Float](repeating: 1, count: c)
    weight = Parameter(name: "weight", dimensions: [c], value: ones)
    bias = Parameter(name: "bias", dimensions: [c], value: zeros)
    runningMean = Parameter(name: "running_mean", dimensions: [c], isTrainable: false, value: zeros)
    runningVar = Parameter(name: "running_var", dimensions: [c], isTrainable: false, value: ones)
  }

  public var parameters: [Parameter] {
    guard let weight, let bias, let runningMean, let runningVar else { return [] }
    return [weight, bias, runningMean, runningVar]
  }

  /// Inference's normalisation as one affine map per channel, `y = x·scale + shift` with
  /// `scale = γ/√(running_var + ε)` and `shift = β − running_mean·scale` (in `Double`, as
  /// ``forward(_:context:)`` computes them); nil before ``build(input:random:)``.
  func inferenceScaleShift() -> (scale: [Double], shift: [Double])? {
    guard let weight, let bias, let runningMean, let runningVar else { return nil }
    let eps = Double(epsilon)
    let scale = weight.value.indices.map {
      Double(weight.value[$0]) * (1 / (Double(runningVar.value[$0]) + eps).squareRoot())
    }
    let shift = scale.indices.map {
      Double(bias.value[$0]) - Double(runningMean.value[$0]) * scale[$0]
    }
    return (scale, shift)
  }

  public func forward(_ input: Tensor, context: ComputeContext) -> Tensor {
    forward(input, context: context, relu: false)
  }

  /// ``forward(_:context:)``, then with `relu` the `relu` row after it in the same pass
  /// (`y < 0 ? 0 : y`, as ``Activation/relu`` computes it): bit for bit the two rows' output.
  /// The backward that follows must then be ``backwardThroughRelu(_:context:)``.
  func forward(_ input: Tensor, context: ComputeContext, relu: Bool) -> Tensor {
    guard let weight, let bias, let runningMean, let runningVar,
      weight.count == input.shape.channels
    else { preconditionFailure("batchnorm: forward before build(input: \(input.shape))") }
    let (batch, channels) = (input.batch, input.shape.channels)
    let plane = input.shape.height * input.shape.width
    let training = context.mode == .training
    var mean = [Double](repeating: 0, count: channels)
    var inverseStd = [Double](repeating: 0, count: channels)
    var variance = [Double](repeating: 0, count: channels)
    let eps = Double(epsilon)

    let output = Tensor(batch: batch, shape: input.shape) { out in
      input.storage.withUnsafeBufferPointer { src in
        mean.withUnsafeMutableBufferPointer { mean in
          inverseStd.withUnsafeMutableBufferPointer { inverseStd in
            variance.withUnsafeMutableBufferPointer { variance in
              guard let src = src.baseAddress, let dst = out.baseAddress else { return }
              let (gamma, beta) = (weight.value, bias.value)
              let (rm, rv) = (runningMean.value, runningVar.value)
              let minimum = max(1, 4096 / max(1, batch * plane))
              context.forEachChunk(of: channels, minimumChunk: minimum) { range in
                for c in range {
                  if training {
                    let m = Double(batch * plane)
                    var sum = 0.0
                    for n in 0..<batch {
                      sum += DoubleSums.sum(src + (n * channels + c) * plane, count: plane)
                    }
                    let mu = sum / m
                    var squares = 0.0
                    for n in 0..<batch {
                      squares += DoubleSums.squaredDeviations(
                        src + (n * channels + c) * plane, count: plane, from: mu)
                    }
                    mean[c] = mu
                    variance[c] = squares / m
                  } else {
                    mean[c] = Double(rm[c])
                    variance[c] = Double(rv[c])
                  }
                  inverseStd[c] = 1 / (variance[c] + eps).squareRoot()
                }
              }
              // y = x·scale + shift, as tf.nn.batch_normalization computes it.
              let scales = (0..<channels).map { Float(Double(gamma[$0]) * inverseStd[$0]) }
              let shifts = (0..<channels).map {
                Float(Double(beta[$0]) - mean[$0] * (Double(gamma[$0]) * inverseStd[$0]))
              }
              // The normalisation in memory order, plane by plane (a channel's planes lie a
              // whole image apart).
              context.forEachChunk(
                of: batch * channels, minimumChunk: max(1, 4096 / max(1, plane))
              ) { range in
                for p in range {
                  let (s, t) = (scales[p % channels], shifts[p % channels])
                  let offset = p * plane
                  if relu {
                    for i in offset..<(offset + plane) {
                      let y = src[i] * s + t
                      dst[i] = y < 0 ? 0 : y
                    }
                  } else {
                    for i in offset..<(offset + plane) { dst[i] = src[i] * s + t }
                  }
                }
              }
            }
          }
        }
      }
    }
    if training {
      let rate = 1 - momentum
      for c in 0..<channels {
        runningMean.value[c] -= (runningMean.value[c] - Float(mean[c])) * rate
        runningVar.value[c] -= (runningVar.value[c] - Float(variance[c])) * rate
      }
    }
    lastInput = context.keepsForBackward ? input : nil
    lastReluOutput = relu && context.keepsForBackward ? output : nil
    lastMode = context.mode
    lastMean = mean
    lastInverseStd = inverseStd
    return output
  }

  public func backward(
    _ outputGradient: Tensor, context: ComputeContext, throughActivation: Bool
  ) -> Tensor {
    backward(outputGradient, context: context, reluMask: nil)
  }

  /// Backward after ``forward(_:context:relu:)`` with relu: relu's backward (`y > 0 ? dy : 0`)
  /// and this layer's in one pass, bit for bit the two rows' dLoss/dInput and gradients.
  func backwardThroughRelu(_ outputGradient: Tensor, context: ComputeContext) -> Tensor {
    guard let mask = lastReluOutput else {
      preconditionFailure("batchnorm: backwardThroughRelu without a forward with relu")
    }
    return backward(outputGradient, context: context, reluMask: mask)
  }

  /// The backward pass; with `reluMask` (the relu'd output) dy is first taken through relu.
  private func backward(
    _ outputGradient: Tensor, context: ComputeContext, reluMask: Tensor?
  ) -> Tensor {
    guard let input = lastInput, let weight, let bias else {
      preconditionFailure("batchnorm: backward before forward")
    }
    precondition(outputGradient.count == input.count, "batchnorm: gradient shape")
    let (batch, channels) = (input.batch, input.shape.channels)
    let plane = input.shape.height * input.shape.width
    let m = Double(batch * plane)
    let training = lastMode == .training
    var dGamma = [Float](repeating: 0, count: channels)
    var dBeta = [Float](repeating: 0, count: channels)
    let gamma = weight.value
    let (mean, inverseStd) = (lastMean, lastInverseStd)

    let inputGradient = Tensor(batch: batch, shape: input.shape) { dIn in
      input.storage.withUnsafeBufferPointer { src in
        outputGradient.storage.withUnsafeBufferPointer { dOut in
          dGamma.withUnsafeMutableBufferPointer { dGamma in
            dBeta.withUnsafeMutableBufferPointer { dBeta in
              guard let src = src.baseAddress, let dOut = dOut.baseAddress,
                let dx = dIn.baseAddress
              else { return }
              let minimum = max(1, 4096 / max(1, batch * plane))
              context.forEachChunk(of: channels, minimumChunk: minimum) { range in
                // Through relu: one channel's masked dy (all images) at a time,
                // `y > 0 ? dy : 0` as ``Activation`` computes it.
                withUnsafeTemporaryAllocation(
                  of: Float.self, capacity: reluMask == nil ? 0 : batch * plane
                ) { masked in
                  for c in range {
                    /// Image n's dy for channel c: the masked copy through relu, else the
                    /// gradient itself.
                    var gradient = { (n: Int) in
                      UnsafePointer(dOut + (n * channels + c) * plane)
                    }
                    if let reluMask, let masked = masked.baseAddress {
                      reluMask.storage.withUnsafeBufferPointer { y in
                        guard let y = y.baseAddress else { return }
                        for n in 0..<batch {
                          let offset = (n * channels + c) * plane
                          let target = masked + n * plane
                          for i in 0..<plane {
                            let v = dOut[offset + i]
                            target[i] = y[offset + i] > 0 ? v : 0
                          }
                        }
                      }
                      gradient = { n in UnsafePointer(masked + n * plane) }
                    }
                    let (mu, inv) = (mean[c], inverseStd[c])
                    var sumDy = 0.0
                    var sumDyX = 0.0
                    for n in 0..<batch {
                      let offset = (n * channels + c) * plane
                      let (s, d) = DoubleSums.sumAndDot(gradient(n), src + offset, count: plane)
                      sumDy += s
                      sumDyX += d
                    }
                    let sumDyXhat = (sumDyX - mu * sumDy) * inv
                    dGamma[c] = Float(sumDyXhat)
                    dBeta[c] = Float(sumDy)
                    // dx = k·(dy − a − x̂·b) = p·dy + q·x + r, with x̂ = (x − μ)·inv.
                    let k = Double(gamma[c]) * inv
                    let (a, b) = training ? (sumDy / m, sumDyXhat / m) : (0, 0)
                    let p = Float(k)
                    let q = Float(-k * b * inv)
                    let r = Float(k * (b * inv * mu - a))
                    for n in 0..<batch {
                      let offset = (n * channels + c) * plane
                      let g = gradient(n)
                      for i in 0..<plane {
                        dx[offset + i] = p * g[i] + q * src[offset + i] + r
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    weight.gradient = dGamma
    bias.gradient = dBeta
    return inputGradient
  }
}

extension BatchNorm {
  /// Statistics per channel and position: the field is unchanged.
  public var window: SpatialWindow { .pointwise }

  /// Counted as Keras counts: no products.
  public func macs(for input: Shape) -> Int { 0 }

  public var drawnKernel: DrawnKernel? { nil }

  /// `4 × C`: γ and β learned, the running mean and variance kept.
  public func arithmetic(input: Shape, output: Shape) -> LayerArithmetic {
    let parameters = 4 * input.channels
    return LayerArithmetic(
      parameters: parameters,
      parametersLine:
        "params: 4 × \(input.channels) = \(parameters) (γ, β learned; running mean, variance kept)")
  }

  public var isRandomWhenTraining: Bool { false }
}
