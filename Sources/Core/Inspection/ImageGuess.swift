/// The model's top guess for one test image (`show predictions`).
public struct ImageGuess: Hashable, Sendable {
  /// The image's index in the test split.
  public let index: Int
  /// Its true class.
  public let label: Int
  /// `argmax_k p_k`, the lowest `k` on ties.
  public let guess: Int
  /// `p_guess`, the probability the model gives its guess.
  public let probability: Float

  public init(index: Int, label: Int, guess: Int, probability: Float) {
    self.index = index
    self.label = label
    self.guess = guess
    self.probability = probability
  }

  public var isRight: Bool { guess == label }
}
