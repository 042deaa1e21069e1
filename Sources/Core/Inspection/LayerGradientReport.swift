/// The worst disagreement between a layer's analytic and numeric gradients (`gradcheck`).
///
/// Errors are relative, `|a − n| / max(|a| + |n|, 0.01)` (the floor keeps entries whose
/// gradient is almost 0 from dividing by nothing), the largest over the sampled entries.
public struct LayerGradientReport: Hashable, Sendable {
  /// The worst error for one parameter array (`weight`, `bias`, `depthwise.weight`, …).
  public struct Entry: Hashable, Sendable {
    public let name: String
    public let worstError: Double
    /// How many entries were compared.
    public let checked: Int
    /// Entries left out because a kink lay within the step (see ``GradientChecker``).
    public let skippedAtKinks: Int
  }

  /// The summary row (0 when a lone layer was checked).
  public let row: Int
  /// The layer as typed (`conv 32 3 relu`).
  public let layer: String
  /// The mode the layer ran in (inference for dropout, training otherwise).
  public let mode: ForwardMode
  /// dLoss/dInput against central differences.
  public let input: Entry
  /// One entry per trainable parameter array, in the layer's order.
  public let parameters: [Entry]
  /// The limit `passed` compares `worstError` with.
  public let threshold: Double

  /// The largest error of the layer.
  public var worstError: Double { ([input] + parameters).map(\.worstError).max() ?? 0 }

  /// The worst error is below the threshold and no array had more entries skipped at kinks
  /// than compared.
  public var passed: Bool {
    worstError < threshold && ([input] + parameters).allSatisfy { $0.skippedAtKinks <= $0.checked }
  }
}
