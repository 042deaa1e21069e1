/// A computation that would pass the ``MemoryBudget``: what it needs, how that adds up, and
/// what would fit.
public struct MemoryBudgetError: Error, Sendable, Hashable, CustomStringConvertible {
  public var need: MemoryNeed
  public var budget: MemoryBudget

  public init(need: MemoryNeed, budget: MemoryBudget) {
    self.need = need
    self.budget = budget
  }

  /// `needs 24.5 GiB for a batch of 64: 64 × 383.0 MiB of activations; budget 12.0 GiB`.
  public var description: String {
    let what =
      need.images == 1
      ? "1 image" : need.pass == .training ? "a batch of \(need.images)" : "\(need.images) images at once"
    var text =
      "needs \(MemoryBudget.describe(need.totalBytes)) for \(what): \(need.images) × "
      + "\(MemoryBudget.describe(need.bytesPerImage)) of activations"
    if need.fixedBytes > 0 {
      text += " + \(MemoryBudget.describe(need.fixedBytes)) of parameter gradients and optimizer state"
    }
    return text + "; budget \(MemoryBudget.describe(budget.bytes))"
  }

  /// What to try: a batch that fits, or a smaller model (and `--memory`).
  public var hint: String {
    let fits = need.largestBatch(within: budget)
    if fits >= 1, need.pass == .training {
      return "try batch=\(fits) or a smaller model (`--memory` sets the budget)"
    }
    return "try a smaller model or input (`--memory` sets the budget)"
  }
}
