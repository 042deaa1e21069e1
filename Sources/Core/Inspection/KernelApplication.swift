/// A kernel (named or your own) applied to an image: the grids `show kernel` shows.
public struct KernelApplication: Hashable, Sendable {
  /// The image in pixel units (`0 ... 1`).
  public let input: Grid
  /// The kernel values (signed: draw with a diverging palette).
  public let kernel: Grid
  /// The cross-correlation, same size as `input` (signed for sobel and edge kernels).
  public let output: Grid
}
