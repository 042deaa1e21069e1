import Core
import Testing

@Suite struct ConfusionMatrixTests {
  @Test func rowsAreTrueClasses() {
    var matrix = ConfusionMatrix(classes: 3)
    for (actual, predicted) in [(0, 0), (0, 0), (0, 1), (1, 1), (2, 0), (2, 2), (2, 2), (2, 2)] {
      matrix.add(actual: actual, predicted: predicted)
    }
    #expect(matrix.counts == [[2, 1, 0], [0, 1, 0], [1, 0, 3]])
    #expect(matrix.total == 8)
    #expect(matrix.correct == 6)
    #expect(matrix.accuracy == 0.75)
    #expect(matrix.perClassAccuracy == [Float(2) / 3, 1, 0.75])
  }

  @Test func emptyClassesHaveNoAccuracy() {
    var matrix = ConfusionMatrix(classes: 2)
    #expect(matrix.accuracy == nil)
    matrix.add(outputs: Tensor(batch: 1, shape: .flat(2), storage: [0.2, 0.8]), labels: [1])
    matrix.add(actual: 5, predicted: 0)  // out of range: ignored
    #expect(matrix.perClassAccuracy == [nil, 1])
    #expect(matrix.total == 1)
  }
}
