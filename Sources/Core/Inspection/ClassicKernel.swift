/// The hand-made 3x3 image kernels of image editors (GIMP's convolution matrix demo), to
/// compare with what a conv layer learns (`show kernel sobel-x|sobel-y|blur|sharpen|edge`).
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
    KernelApplication(input: image, kernel: kernel, output: Self.correlate(image, with: kernel))
  }

  /// Test image `index` of `data` in pixel units (`x/255`; colour images averaged to grey),
  /// with the kernel applied.
  public func apply(to data: ImageSet, index: Int) throws(InspectionError) -> KernelApplication {
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
    return apply(to: Grid(height: s.height, width: s.width, values: grey.map { $0 * scale }))
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
