/// Settings of a dream (``Dream``): `show dream L CH [steps=S]`.
public struct DreamOptions: Hashable, Sendable {
  /// Gradient-ascent steps.
  public var steps: Int
  /// Step size in pixel units (`0 ... 1` is black to white), applied to the gradient divided by
  /// its mean magnitude, so about this much change per pixel and step.
  public var stepSize: Float
  /// L2 penalty `λ·‖p − 0.5‖²` on the image: each step shrinks it towards grey by `2·stepSize·λ`.
  public var l2: Float
  /// A 3x3 Gaussian blur (``ClassicKernel/blur``) every this many steps (0: never).
  public var blurEvery: Int
  /// Standard deviation of the starting noise around grey, in pixel units.
  public var noise: Float
  /// Each step looks at the image rolled by up to this many pixels (a random, seeded shift,
  /// undone on the gradient): a pattern must work wherever it sits, so single-pixel noise the
  /// model happens to like does not grow.
  public var jitter: Int
  /// Climb the map's contrast, `mean relu(a − ā)`, instead of its mean `ā`: the cells that
  /// respond must respond *more than the others*. A first conv row is close to linear, so its
  /// mean grows fastest by brightening every pixel (a flat bright square); its contrast grows
  /// with the pattern its kernel detects, repeated (oriented edges and stripes).
  public var contrast: Bool
  public var seed: UInt64

  public init(
    steps: Int = 40, stepSize: Float = 0.05, l2: Float = 0.1, blurEvery: Int = 10,
    noise: Float = 0.05, jitter: Int = 1, contrast: Bool = true, seed: UInt64 = 0
  ) {
    self.steps = steps
    self.stepSize = stepSize
    self.l2 = l2
    self.blurEvery = blurEvery
    self.noise = noise
    self.jitter = jitter
    self.contrast = contrast
    self.seed = seed
  }
}
