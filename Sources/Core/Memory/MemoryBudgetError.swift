/// A computation that would pass the ``MemoryBudget``: what it needs, how that adds up, and
/// what would fit.
///
/// A ``StudentFacingError``: `needs 24.5 GiB for a batch of 64: 64 × 383.0 MiB of activations;
/// budget 12.0 GiB; try batch=31 or a smaller model (…)`. The budget opens the hint, as the
/// line the REPL has always printed puts it after the first `; `.
public struct MemoryBudgetError: StudentFacingError, Sendable, Hashable {
  public var need: MemoryNeed
  public var budget: MemoryBudget

  public init(need: MemoryNeed, budget: MemoryBudget) {
    self.need = need
    self.budget = budget
  }

  /// `needs 24.5 GiB for a batch of 64: 64 × 383.0 MiB of activations`.
  public var problem: String {
    let what =
      need.images == 1
      ? "1 image"
      : need.pass == .training ? "a batch of \(need.images)" : "\(need.images) images at once"
    var text =
      "needs \(MemoryBudget.describe(need.totalBytes)) for \(what): \(need.images) × "
      + "\(MemoryBudget.describe(need.bytesPerImage)) of activations"
    if need.fixedBytes > 0 {
      text +=
        " + \(MemoryBudget.describe(need.fixedBytes)) of parameter gradients and optimizer state"
    }
    return text
  }

  /// `budget 12.0 GiB; try batch=31 or a smaller model (`--memory` sets the budget)`.
  public var hint: String { "budget \(MemoryBudget.describe(budget.bytes)); \(advice)" }

  /// What to try: a batch that fits, or a smaller model (and `--memory`).
  public var advice: String {
    let fits = need.largestBatch(within: budget)
    if fits >= 1, need.pass == .training {
      return "try batch=\(fits) or a smaller model (`--memory` sets the budget)"
    }
    return "try a smaller model or input (`--memory` sets the budget)"
  }
}
