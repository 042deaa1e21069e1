/// A layer that a `batchnorm` reading only its output can be folded into for inference.
///
/// With the running statistics, batchnorm is one affine map per output channel `f`, so a
/// convolution before it can absorb it:
///
///     BN(W∗x + b)[f] = s[f]·(W[f]∗x + b[f]) + t[f] = (s[f]·W[f])∗x + (s[f]·b[f] + t[f])
///     s = γ/√(running_var + ε),   t = β − running_mean·s
///
/// `predict` runs such a pair (and the `relu` row the batchnorm alone feeds) as one pass of a
/// folded copy: no pass over memory for the normalisation, relu in the conv's epilogue. The
/// result equals the rows run one by one up to rounding (the products are regrouped). Training
/// keeps the rows apart: there batchnorm uses the batch's own statistics.
protocol BatchNormFoldable: Layer {
  /// A new layer of the same kind and geometry, built for this layer's input, with a bias and
  /// the `relu` activation (or none); its values are set by ``fold(into:scale:shift:)``. Nil
  /// when this layer has an activation of its own (the batchnorm would see its output) or is
  /// not built.
  func foldingTarget(relu: Bool) -> (any Layer)?
  /// The input shape this layer was built for; nil before ``build(input:random:)``.
  var builtInputShape: Shape? { get }
}

extension BatchNormFoldable {
  /// Writes into `target` (from ``foldingTarget(relu:)``) this layer's kernel with output
  /// channel `f` scaled by `scale[f]`, and the bias `b[f]·scale[f] + shift[f]` (`b = 0` without a
  /// bias). The kernel's values of one output channel are consecutive (PyTorch's order).
  func fold(into target: any Layer, scale: [Double], shift: [Double]) {
    let (source, folded) = (parameters, target.parameters)
    guard let weight = source.first, folded.count == 2, folded[0].count == weight.count,
      folded[1].count == scale.count, shift.count == scale.count, !scale.isEmpty,
      weight.count % scale.count == 0
    else { preconditionFailure("fold: \(spec) does not match its folded copy") }
    let perChannel = weight.count / scale.count
    // Written in place: `predict` refolds every batch, and this allocates nothing.
    weight.value.withUnsafeBufferPointer { w in
      folded[0].value.withUnsafeMutableBufferPointer { target in
        for i in w.indices { target[i] = Float(Double(w[i]) * scale[i / perChannel]) }
      }
    }
    let bias = source.count > 1 ? source[1] : nil
    folded[1].value.withUnsafeMutableBufferPointer { target in
      for f in scale.indices {
        target[f] = Float(Double(bias?.value[f] ?? 0) * scale[f] + shift[f])
      }
    }
  }
}

extension Conv2D: BatchNormFoldable {
  var builtInputShape: Shape? { state.weight == nil ? nil : state.inputShape }

  func foldingTarget(relu: Bool) -> (any Layer)? {
    guard activation == nil, state.weight != nil else { return nil }
    let copy = Conv2D(
      filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
      useBias: true, activation: relu ? .relu : nil, initializer: initializer,
      parameterPrefix: parameterPrefix)
    var random = SeededRandom(seed: 0)
    return (try? copy.build(input: state.inputShape, random: &random)).map { copy }
  }
}

extension DepthwiseConv2D: BatchNormFoldable {
  func foldingTarget(relu: Bool) -> (any Layer)? {
    guard activation == nil, let input = builtInputShape else { return nil }
    let copy = DepthwiseConv2D(
      kernel: kernel, multiplier: multiplier, stride: stride, padding: padding,
      activation: relu ? .relu : nil, initializer: initializer, useBias: true,
      parameterPrefix: parameterPrefix)
    var random = SeededRandom(seed: 0)
    return (try? copy.build(input: input, random: &random)).map { copy }
  }
}
