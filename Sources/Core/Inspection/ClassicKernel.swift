/// The hand-made 3x3 image kernels of image editors (GIMP's convolution matrix demo), to
/// compare with what a conv layer learns (`show kernel sobel-x|sobel-y|blur|sharpen|edge`), and
/// kernels of your own, 3x3 or 5x5 (`show kernel 0,1,0,1,-4,1,0,1,0`, ``custom(_:)``).
///
/// Values, row by row (cross-correlation: the kernel is not flipped, as in ``Conv2D``):
///
///     sobel-x  [−1 0 1; −2 0 2; −1 0 1]      positive where brightness rises to the right
///     sobel-y  [−1 −2 −1; 0 0 0; 1 2 1]      positive where brightness rises downwards
///     blur     [1 2 1; 2 4 2; 1 2 1] / 16    3x3 Gaussian (binomial), weights sum to 1
///     sharpen  [0 −1 0; −1 5 −1; 0 −1 0]     the image plus its negative Laplacian
///     edge     [0 −1 0; −1 4 −1; 0 −1 0]     negative Laplacian: 0 on flat areas
public enum ClassicKernel: String, CaseIterable, Sendable {
  case sobelX = "sobel-x"
  case sobelY = "sobel-y"
  case blur
  case sharpen
  case edge

  /// The kernel as a 3x3 grid.
  public var kernel: Grid {
    let v: [Float]
    switch self {
    case .sobelX: v = [-1, 0, 1, -2, 0, 2, -1, 0, 1]
    case .sobelY: v = [-1, -2, -1, 0, 0, 0, 1, 2, 1]
    case .blur: v = [1, 2, 1, 2, 4, 2, 1, 2, 1].map { $0 / 16 }
    case .sharpen: v = [0, -1, 0, -1, 5, -1, 0, -1, 0]
    case .edge: v = [0, -1, 0, -1, 4, -1, 0, -1, 0]
    }
    return Grid(height: 3, width: 3, values: v)
  }

  /// Cross-correlates `image` with the kernel, `pad same` (zeros outside), through the same
  /// code as a conv layer: a one-filter, bias-free ``Conv2D`` whose weight is this kernel.
  public func apply(to image: Grid) -> KernelApplication {
    Self.apply(kernel, to: image)
  }

  /// Test image `index` of `data` in pixel units (`x/255`; colour images averaged to grey),
  /// with the kernel applied.
  public func apply(to data: ImageSet, index: Int) throws(InspectionError) -> KernelApplication {
    try Self.apply(kernel, to: data, index: index)
  }

  /// How many numbers a kernel of your own may have (`show kernel 0,1,0,1,-4,1,0,1,0`): 9 for
  /// 3x3, 25 for 5x5, row by row.
  public static let customCounts = [9, 25]

  /// Largest magnitude a number of your own kernel may have (beyond it, pixel sums overflow
  /// Float32 long before they mean anything).
  public static let customLimit: Float = 1_000_000

  /// A kernel of your own from `values` row by row: 9 numbers make a 3x3 kernel, 25 a 5x5 one
  /// (``customCounts``); another count, or a number beyond ±``customLimit``, is refused.
  public static func custom(_ values: [Float]) throws(InspectionError) -> Grid {
    let side = Int(Double(values.count).squareRoot().rounded())
    guard customCounts.contains(values.count), side * side == values.count else {
      throw .invalidOption(
        name: "kernel", value: "\(values.count) numbers",
        hint: "give 9 numbers (3x3) or 25 (5x5), row by row")
    }
    guard values.allSatisfy({ $0.isFinite && abs($0) <= customLimit }) else {
      throw .invalidOption(
        name: "kernel", value: "a number beyond ±1e6",
        hint: "use numbers from -1,000,000 to 1,000,000")
    }
    return Grid(height: side, width: side, values: values)
  }

  /// `image` cross-correlated with any odd square `kernel` (`pad same`), as ``apply(to:)``
  /// does with a named one.
  public static func apply(_ kernel: Grid, to image: Grid) -> KernelApplication {
    KernelApplication(input: image, kernel: kernel, output: correlate(image, with: kernel))
  }

  /// Test image `index` of `data` in pixel units (`x/255`; colour images averaged to grey),
  /// cross-correlated with `kernel` (named or your own).
  public static func apply(_ kernel: Grid, to data: ImageSet, index: Int) throws(InspectionError)
    -> KernelApplication
  {
    guard index >= 0, index < data.count else {
      throw .noSuchImage(index: index, count: data.count)
    }
    let s = data.shape
    let area = s.height * s.width
    var grey = [Float](repeating: 0, count: area)
    let start = index * s.count
    for c in 0..<s.channels {
      for j in 0..<area { grey[j] += Float(data.pixels[start + c * area + j]) }
    }
    let scale = 1 / (255 * Float(s.channels))
    return apply(kernel, to: Grid(height: s.height, width: s.width, values: grey.map { $0 * scale }))
  }

  /// `out[y,x] = Σ k[ky,kx] · in[y + ky − ⌊kh/2⌋, x + kx − ⌊kw/2⌋]` (zero outside) via ``Conv2D``.
  static func correlate(_ image: Grid, with kernel: Grid) -> Grid {
    let conv = Conv2D(filters: 1, kernel: kernel.height, padding: .same, useBias: false)
    let shape = Shape(height: image.height, width: image.width, channels: 1)
    var random = SeededRandom(seed: 0)
    do {
      try conv.build(input: shape, random: &random)
    } catch {
      return Grid(height: image.height, width: image.width, values: image.values.map { _ in 0 })
    }
    conv.parameters[0].value = kernel.values
    let output = conv.forward(
      Tensor(batch: 1, shape: shape, storage: image.values),
      context: ComputeContext(mode: .inference))
    return Grid(output, channel: 0)
  }
}
