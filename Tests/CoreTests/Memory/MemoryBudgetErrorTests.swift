import Core
import TestSupport
import Testing

/// ``MemoryBudgetError`` as a ``StudentFacingError``: the need is the problem, the budget and
/// what to try the hint (the line `needs …; budget …; try …` the REPL has always printed).
@Suite struct MemoryBudgetErrorTests {
  static let budget = MemoryBudget(bytes: 12 << 30)

  /// Each wording: a training batch that could shrink, one that cannot, inference, one image,
  /// and fixed bytes (parameter gradients and optimizer state) on top.
  static let examples: [MemoryBudgetError] = [
    MemoryBudgetError(
      need: MemoryNeed(pass: .training, images: 64, bytesPerImage: 383 << 20, fixedBytes: 0),
      budget: budget),
    MemoryBudgetError(
      need: MemoryNeed(pass: .training, images: 64, bytesPerImage: 383 << 20, fixedBytes: 13 << 30),
      budget: budget),
    MemoryBudgetError(
      need: MemoryNeed(pass: .inference, images: 256, bytesPerImage: 383 << 20, fixedBytes: 0),
      budget: budget),
    MemoryBudgetError(
      need: MemoryNeed(pass: .inference, images: 1, bytesPerImage: 13 << 30, fixedBytes: 0),
      budget: budget),
  ]

  @Test(arguments: examples) func problemThenHint(_ error: MemoryBudgetError) {
    #expect(studentFacingFlaws(error) == [])
    #expect(error.hint == "budget 12.0 GiB; \(error.advice)")
  }

  @Test func theLineIsTheOneTheREPLPrints() {
    #expect(
      Self.examples[0].description
        == "needs 23.9 GiB for a batch of 64: 64 × 383.0 MiB of activations; budget 12.0 GiB; "
        + "try batch=32 or a smaller model (`--memory` sets the budget)")
    #expect(Self.examples[1].problem.hasSuffix(" of parameter gradients and optimizer state"))
    #expect(Self.examples[1].advice == "try a smaller model or input (`--memory` sets the budget)")
    #expect(Self.examples[2].problem.contains(" GiB for 256 images at once: 256 × 383.0 MiB "))
    #expect(Self.examples[3].problem.hasPrefix("needs 13.0 GiB for 1 image: "))
  }
}
