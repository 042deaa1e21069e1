import Core
import Testing

/// Output sizes: Keras 'same' is ceil(in/s); PyTorch explicit P is ⌊(in + 2P − k)/s⌋ + 1.
@Test(arguments: [
  (28, 5, 1, Padding.same, 28), (28, 3, 2, .same, 14), (7, 3, 2, .same, 4),
  (28, 5, 1, .valid, 24), (28, 3, 2, .valid, 13), (5, 3, 1, .explicit(1), 5),
  (28, 5, 1, .explicit(2), 28), (3, 5, 1, .valid, -1),
])
func outputSizes(input: Int, kernel: Int, stride: Int, padding: Padding, expected: Int) {
  #expect(padding.resolve(input: input, kernel: kernel, stride: stride).output == expected)
}

@Test func refusalSpellsOutTheArithmetic() {
  #expect(throws: ShapeError.self) {
    _ = try ShapeError.windowOutput(
      layer: "conv 16 5", input: Shape(height: 3, width: 3, channels: 8), kernel: 5, stride: 1,
      padding: .valid)
  }
  do {
    _ = try ShapeError.windowOutput(
      layer: "conv 16 5", input: Shape(height: 3, width: 3, channels: 8), kernel: 5, stride: 1,
      padding: .valid)
  } catch {
    #expect(
      error.description
        == "conv 16 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/1 + 1 = -1; use pad=same or a smaller kernel"
    )
  }
}
