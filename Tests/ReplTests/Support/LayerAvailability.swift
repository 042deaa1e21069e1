import Core
import Testing

/// Whether Core's layers answer shape inference in this build.
///
/// Until the `conv` and `layers` branches are merged the layer files are stubs that throw
/// "not implemented yet"; tests that need real shapes are enabled by these probes, so they run
/// by themselves once the layers land.
enum LayerAvailability {
  /// conv, dwconv, sepconv, deconv, pooling, upsample, gap.
  static let windows = works([
    [.conv(filters: 2, kernel: 3)], [.depthwiseConv(kernel: 3)],
    [.separableConv(filters: 2, kernel: 3)],
    [.transposedConv(filters: 2, kernel: 2)], [.maxPool(kernel: 2)], [.avgPool(kernel: 2)],
    [.upsample(factor: 2)],
    [.globalAvgPool],
  ])

  /// Every layer kind (flatten, dense, dropout, batchnorm, activations, maxunpool too).
  static let all =
    windows
    && works([
      [.flatten, .dense(units: 3)], [.dropout(rate: 0.5)], [.batchNorm], [.activation(.relu)],
      [.maxPool(kernel: 2), .maxUnpool(poolRow: 1)],
    ])

  static let windowsReason: Comment = "needs Core's window layers (conv + layers branches merged)"
  static let allReason: Comment = "needs every Core layer (conv + layers branches merged)"

  /// True when every stack infers its shapes on an 8x8x2 input.
  private static func works(_ stacks: [[LayerSpec]]) -> Bool {
    let input = Shape(height: 8, width: 8, channels: 2)
    return stacks.allSatisfy { (try? Sequential.inferShapes(input: input, specs: $0)) != nil }
  }
}
