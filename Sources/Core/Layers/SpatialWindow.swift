/// How a layer's output positions see its input positions: the one fact the receptive field
/// (`summary`), `show rf` and `explain` derive their arithmetic from.
///
/// Per axis, with `r`, `j` the receptive-field size and jump a layer receives and `k`, `s`, `p`
/// its window, stride and padding (see ``ReceptiveField``):
///
///     pointwise     r' = r,                       j' = j
///     sliding       r' = r + (k − 1)·j,           j' = j·s    (k already dilated)
///     spreading     r' = r + (⌈k/s⌉ − 1)·j,       j' = j/s    (transposed conv)
///     unpooling     r' = r,                       j' = j/s    (values go back where they came from)
///     repeating     r' = r,                       j' = j/f    (nearest-neighbour upsampling by f)
///     wholeMap      r' = r + (max(H, W) − 1)·j,   j' = j·max(H, W)
///
/// and the centre of output unit 0 moves by `(k − 1)/2 − p_before` input cells for a sliding
/// window, `(p − (k − 1)/2)/s` for spreading and unpooling, `−(f − 1)/(2f)` for repeating and
/// to the middle of the map for `wholeMap`.
public enum SpatialWindow: Sendable, Equatable {
  /// Each output position sees only its own input position (activations, batchnorm, dropout;
  /// flatten and dense, whose outputs are no longer maps, keep the field they were given).
  case pointwise
  /// A `kernel`-wide window (dilation included) moved by `stride` over the padded input.
  case sliding(kernel: Int, stride: Int, padding: Padding)
  /// Each input cell spreads over a `kernel`-wide output window placed every `stride` cells,
  /// `padding` cropped on each side (PyTorch's ConvTranspose2d).
  case spreading(kernel: Int, stride: Int, padding: Int)
  /// Each input cell goes back to where the maxpool with this window found it.
  case unpooling(kernel: Int, stride: Int, padding: Int)
  /// Each input cell is repeated `factor x factor` times.
  case repeating(factor: Int)
  /// One output per channel that sees the whole input map.
  case wholeMap

  /// The receptive field after this window; `input` (the layer's per-sample input) is needed
  /// only by ``wholeMap``, which without it leaves the field unchanged.
  public func receptiveField(after previous: ReceptiveField, input: Shape?) -> ReceptiveField {
    switch self {
    case .pointwise:
      return previous
    case let .sliding(kernel, stride, _):
      return previous.through(kernel: kernel, stride: stride)
    case let .spreading(kernel, stride, _):
      let reach = (kernel + stride - 1) / stride
      return ReceptiveField(
        size: previous.size + Double(reach - 1) * previous.jump, jump: previous.jump / Double(stride))
    case let .unpooling(_, stride, _):
      return ReceptiveField(size: previous.size, jump: previous.jump / Double(max(stride, 1)))
    case .repeating(let factor):
      return ReceptiveField(size: previous.size, jump: previous.jump / Double(max(factor, 1)))
    case .wholeMap:
      guard let input else { return previous }
      let side = max(input.height, input.width)
      return previous.through(kernel: side, stride: side)
    }
  }

  /// How far, in units of the incoming jump, this window moves the centre of output unit 0
  /// along each axis of `input`.
  public func centreOffset(input: Shape) -> (y: Double, x: Double) {
    func transposed(_ k: Int, _ s: Int, _ p: Int) -> (Double, Double) {
      let d = (Double(p) - Double(k - 1) / 2) / Double(max(s, 1))
      return (d, d)
    }
    switch self {
    case .pointwise:
      return (0, 0)
    case let .sliding(kernel, stride, padding):
      let py = padding.resolve(input: input.height, kernel: kernel, stride: stride).before
      let px = padding.resolve(input: input.width, kernel: kernel, stride: stride).before
      return (Double(kernel - 1) / 2 - Double(py), Double(kernel - 1) / 2 - Double(px))
    case let .spreading(kernel, stride, padding), let .unpooling(kernel, stride, padding):
      return transposed(kernel, stride, padding)
    case .repeating(let factor):
      let k = Double(max(factor, 1))
      return (-(k - 1) / (2 * k), -(k - 1) / (2 * k))
    case .wholeMap:
      return (Double(input.height - 1) / 2, Double(input.width - 1) / 2)
    }
  }
}
