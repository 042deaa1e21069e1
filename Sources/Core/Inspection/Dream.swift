/// The input a channel likes best, found by gradient ascent (`show dream L CH [steps=S]`).
///
/// Activation maximisation after Erhan et al. 2009 (the idea behind "deep dream").
///
/// Starting from grey plus seeded noise, in pixel units `p` (`x = (p − mean)/std` is fed):
///
///     a(p)  = mean over (y, x) of row L's channel CH (a feature of a flat row: that value)
///     c(p)  = mean over (y, x) of relu(a_yx − ā)   (contrast: the map's part above its mean)
///     g     = ∂c/∂p (∂a/∂p for a flat row) at p rolled by a random (dy, dx) in ±jitter,
///             rolled back
///     p ← p + η · g / mean|g| − 2ηλ·(p − 0.5),   then clip to [0, 1]
///     every B steps: p ← blur3x3(p) per channel
///
/// The contrast objective, jitter and the blur are the regularisers that make a first conv row's
/// dream show the oriented edges its kernels detect rather than a flat square.
///
/// While the gradient is zero everywhere (a channel a ReLU has silenced for this image) the
/// step follows the channel's pre-activation instead, which always has a gradient. Forward
/// only up to row L, inference mode; the weights are not touched.
public struct Dream: Sendable {
  /// The final image per channel, in pixel units `0 ... 1`.
  public let image: [Grid]
  /// The final image as fed to the model (normalised), `[1, C, H, W]`.
  public let input: Tensor
  public let row: Int
  public let channel: Int
  /// Mean activation of the channel for the starting image (grey + noise) and the final one.
  public let activationBefore: Float
  public let activationAfter: Float
  /// The contrast `mean relu(a − ā)` the dream climbed, before and after (nil when it climbed
  /// the mean: a flat row, or ``DreamOptions/contrast`` off).
  public let contrastBefore: Float?
  public let contrastAfter: Float?

  /// Dreams channel `channel` of row `row` (rows 1 to the last).
  public static func run(
    model: Sequential, row: Int, channel: Int, normalization: Normalization = .unit,
    options: DreamOptions = DreamOptions(), threads: Int = 1
  ) throws(InspectionError) -> Dream {
    try TestImage.checkRow(row, in: model, first: 1)
    guard let shape = model.inputShape else { throw .emptyModel }
    let out = model.shapes[row]
    guard (0..<out.channels).contains(channel) else {
      throw .noSuchChannel(channel: channel, channels: out.channels, row: row)
    }
    guard options.steps >= 0 else {
      throw .invalidOption(
        name: "steps", value: "\(options.steps)", hint: "use 0 or more, such as 40")
    }
    guard options.stepSize > 0, options.l2 >= 0, options.blurEvery >= 0, options.noise >= 0 else {
      throw .invalidOption(
        name: "dream options", value: "\(options)",
        hint: "use a positive step size and non-negative l2, blur interval and noise")
    }
    let context = ComputeContext(mode: .inference, threads: threads)
    var random = SeededRandom(seed: options.seed)
    var pixels = (0..<shape.count).map { _ in
      min(max(0.5 + random.normal(standardDeviation: options.noise), 0), 1)
    }
    let area = out.height * out.width
    var seed = Tensor(batch: 1, shape: out)
    for j in 0..<area { seed.storage[channel * area + j] = 1 / Float(area) }
    func fed() -> Tensor {
      Tensor(
        batch: 1, shape: shape,
        storage: pixels.map { ($0 - normalization.mean) / normalization.std })
    }
    /// The channel's mean and its contrast `mean relu(a − ā)`.
    func activation() -> (mean: Float, contrast: Float) {
      let y = model.forward(fed(), throughRow: row, context: context)
      let map = y.storage[(channel * area)..<((channel + 1) * area)]
      let mean = map.reduce(0, +) / Float(area)
      return (mean, map.reduce(0) { $0 + max($1 - mean, 0) } / Float(area))
    }
    let before = activation()
    let shrink = 2 * options.stepSize * options.l2
    for step in 0..<options.steps {
      let span = UInt64(2 * max(options.jitter, 0) + 1)
      let dy = Int(random.next() % span) - options.jitter
      let dx = Int(random.next() % span) - options.jitter
      let original = pixels
      pixels = roll(pixels, shape, dy, dx)
      let y = model.forward(fed(), throughRow: row, context: context)
      pixels = original
      let stepSeed = options.contrast ? contrastSeed(y, channel: channel) ?? seed : seed
      var g = model.backward(stepSeed, fromRow: row, context: context)
      // ∂a/∂p = ∂a/∂x / std: the 1/std is absorbed by the normalisation by the mean magnitude.
      var meanMagnitude = g.storage.reduce(0) { $0 + abs($1) } / Float(g.count)
      if meanMagnitude == 0 {
        g = model.backward(seed, fromRow: row, context: context, throughActivation: false)
        meanMagnitude = g.storage.reduce(0) { $0 + abs($1) } / Float(g.count)
      }
      g.storage = roll(g.storage, shape, -dy, -dx)
      guard meanMagnitude > 0, meanMagnitude.isFinite else { break }
      let scale = options.stepSize / meanMagnitude
      for j in 0..<pixels.count {
        let p = pixels[j] + scale * g.storage[j] - shrink * (pixels[j] - 0.5)
        pixels[j] = min(max(p, 0), 1)
      }
      if options.blurEvery > 0, (step + 1) % options.blurEvery == 0 { blur(&pixels, shape) }
    }
    let after = activation()
    let planeArea = shape.height * shape.width
    let image = (0..<shape.channels).map { c in
      Grid(
        height: shape.height, width: shape.width,
        values: Array(pixels[(c * planeArea)..<((c + 1) * planeArea)]))
    }
    let climbsContrast = options.contrast && area > 1
    return Dream(
      image: image, input: fed(), row: row, channel: channel, activationBefore: before.mean,
      activationAfter: after.mean, contrastBefore: climbsContrast ? before.contrast : nil,
      contrastAfter: climbsContrast ? after.contrast : nil)
  }

  /// The gradient seed of the contrast objective `c = mean_j relu(a_j − ā)` over channel
  /// `channel`'s map (`ā` its mean): `∂c/∂a_j = ([a_j > ā] − n/A)/A`, `n` the cells above the
  /// mean, `A` the map's area. Nil when no cell is above the mean (a flat map).
  private static func contrastSeed(_ y: Tensor, channel: Int) -> Tensor? {
    let s = y.shape
    let area = s.height * s.width
    guard area > 1 else { return nil }
    let map = y.storage[(channel * area)..<((channel + 1) * area)]
    let mean = map.reduce(0, +) / Float(area)
    let above = map.filter { $0 > mean }.count
    guard above > 0 else { return nil }
    var seed = Tensor(batch: 1, shape: s)
    let share = Float(above) / Float(area)
    for (j, v) in map.enumerated() {
      seed.storage[channel * area + j] = ((v > mean ? 1 : 0) - share) / Float(area)
    }
    return seed
  }

  /// `values` (`shape`, one image) rolled `dy` down and `dx` right, wrapping around.
  private static func roll(_ values: [Float], _ shape: Shape, _ dy: Int, _ dx: Int) -> [Float] {
    guard dy != 0 || dx != 0 else { return values }
    let (h, w) = (shape.height, shape.width)
    var out = values
    for c in 0..<shape.channels {
      for y in 0..<h {
        let ty = ((y + dy) % h + h) % h
        for x in 0..<w {
          out[(c * h + ty) * w + ((x + dx) % w + w) % w] = values[(c * h + y) * w + x]
        }
      }
    }
    return out
  }

  /// The 3x3 Gaussian of ``ClassicKernel/blur`` on every channel plane.
  private static func blur(_ pixels: inout [Float], _ shape: Shape) {
    let area = shape.height * shape.width
    for c in 0..<shape.channels {
      let plane = Grid(
        height: shape.height, width: shape.width,
        values: Array(pixels[(c * area)..<((c + 1) * area)]))
      let blurred = ClassicKernel.correlate(plane, with: ClassicKernel.blur.kernel)
      pixels.replaceSubrange((c * area)..<((c + 1) * area), with: blurred.values)
    }
  }
}
