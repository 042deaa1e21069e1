import Core
import Testing

/// The memory estimate's arithmetic, its refusal text and the `--memory` sizes.
@Suite struct MemoryNeedTests {
  private func summary(_ input: Shape, _ specs: [LayerSpec]) throws -> ModelSummary {
    let model = Sequential(seed: 0)
    try model.setStack(input: input, specs: specs)
    return model.summary
  }

  @Test func trainingNeedsThreeCopiesOfTheActivationsPlusTheWidestIm2colAndTheOptimizer() throws {
    // 8x8x1 → conv 4 3 pad=same: outputs 64 + 256 values; im2col 64 positions × 9 values.
    let s = try summary(
      Shape(height: 8, width: 8, channels: 1),
      [.conv(filters: 4, kernel: 3, stride: 1, padding: .same, activation: .none)])
    let perImageActivations = 4 * (64 + 256)
    let workspace = 4 * 64 * 9
    let training = MemoryNeed(summary: s, images: 10, pass: .training)
    #expect(training.bytesPerImage == 3 * perImageActivations + workspace)
    #expect(training.fixedBytes == 12 * 40)
    #expect(training.totalBytes == 12 * 40 + 10 * (3 * perImageActivations + workspace))
    let inference = MemoryNeed(summary: s, images: 10, pass: .inference)
    #expect(inference.bytesPerImage == 2 * perImageActivations + workspace)
    #expect(inference.fixedBytes == 0)
  }

  @Test func theRefusalShowsTheArithmeticAndABatchThatFits() {
    let need = MemoryNeed(
      pass: .training, images: 64, bytesPerImage: 383 << 20, fixedBytes: 0)
    let budget = MemoryBudget(bytes: 12 << 30)
    #expect(throws: MemoryBudgetError.self) { try budget.check(need) }
    let error = MemoryBudgetError(need: need, budget: budget)
    #expect(error.problem == "needs 23.9 GiB for a batch of 64: 64 × 383.0 MiB of activations")
    #expect(
      error.hint == "budget 12.0 GiB; try batch=32 or a smaller model (`--memory` sets the budget)")
    #expect(need.largestBatch(within: budget) == 32)
    #expect(throws: Never.self) { try budget.check(need.with(images: 32)) }
  }

  @Test func hugeNumbersSaturateInsteadOfOverflowing() {
    let need = MemoryNeed(pass: .training, images: Int.max / 2, bytesPerImage: 1 << 40, fixedBytes: 5)
    #expect(need.totalBytes == Int.max)
    #expect(throws: MemoryBudgetError.self) { try MemoryBudget(bytes: 1 << 62).check(need) }
  }

  @Test(arguments: [
    ("12G", 12 << 30), ("512M", 512 << 20), ("2048k", 2 << 20), ("1T", 1 << 40),
    ("800000000", 800_000_000), ("1.5G", 3 << 29), ("4GiB", 4 << 30),
  ])
  func memorySizesParse(text: String, bytes: Int) {
    #expect(MemoryBudget.parse(text)?.bytes == bytes)
  }

  @Test(arguments: ["", "G", "-1G", "0", "twelve", "9999999999T", "1e400"])
  func badMemorySizesAreRefused(text: String) {
    #expect(MemoryBudget.parse(text) == nil)
  }

  @Test func theStandardBudgetIsHalfOfWhatTheProcessMayUse() {
    #expect(MemoryBudget.standard.bytes == max(1 << 28, MemoryBudget.availableMemory / 2))
    #expect(MemoryBudget.availableMemory > 0)
  }
}
