import Core
import Testing

@Suite struct AccuracyTests {
  @Test func argmaxTakesTheFirstOfEqualMaxima() {
    let outputs = Tensor(batch: 3, shape: .flat(3), storage: [0.1, 0.7, 0.2, 1, 1, 0, -3, -2, -1])
    #expect(Accuracy.predictions(outputs) == [1, 0, 2])
    #expect(Accuracy.correctCount(outputs: outputs, labels: [1, 1, 2]) == 2)
  }
}
