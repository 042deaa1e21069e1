import Core
import Foundation
import Testing

@Suite struct TestGuessesTests {
  /// Images of two pixels `(a, b)` through `flatten`, `dense 2` with W = I and no bias: the
  /// guess is the brighter pixel, its probability `softmax(a, b)` of it (x/255 units).
  static func setUp() throws -> (Sequential, ImageSet) {
    let model = Sequential(seed: 1)
    try model.setStack(
      input: Shape(height: 1, width: 2, channels: 1),
      specs: [.flatten, .dense(units: 2, bias: false)])
    model.layers[1].parameters[0].value = [1, 0, 0, 1]
    let pixels: [UInt8] = [255, 0, 0, 255, 255, 0, 0, 255, 0, 255, 255, 0]
    let labels: [UInt8] = [0, 0, 0, 1, 0, 1]
    let set = ImageSet(
      shape: Shape(height: 1, width: 2, channels: 1), pixels: pixels, labels: labels,
      classNames: ["left", "right"])
    return (model, set)
  }

  @Test func guessesAreTheArgmaxWithTheirProbability() throws {
    let (model, set) = try Self.setUp()
    let all = try TestGuesses.compute(model: model, data: set, count: 10, batchSize: 4)
    #expect(all.guesses.map(\.guess) == [0, 1, 0, 1, 1, 0])
    #expect(all.guesses.map(\.index) == Array(0..<6) && all.scanned == 6)
    let p = Float(1 / (1 + exp(-1.0)))
    #expect(all.guesses.allSatisfy { abs($0.probability - p) < 1e-6 })
    #expect(all.guesses.map(\.isRight) == [true, false, true, true, false, false])
    let first = try TestGuesses.compute(model: model, data: set, count: 2)
    #expect(first.guesses.map(\.index) == [0, 1] && first.scanned == 2)
  }

  @Test func wrongOnlyScansOnUntilEnoughAreFound() throws {
    let (model, set) = try Self.setUp()
    let two = try TestGuesses.compute(
      model: model, data: set, count: 2, wrongOnly: true, batchSize: 1)
    #expect(two.guesses.map(\.index) == [1, 4] && two.scanned == 5)
    let all = try TestGuesses.compute(model: model, data: set, count: 9, wrongOnly: true)
    #expect(all.guesses.map(\.index) == [1, 4, 5] && all.scanned == 6)
    #expect(all.guesses.allSatisfy { !$0.isRight })
  }

  @Test func refusesOtherOutputsAndShapes() throws {
    let (_, set) = try Self.setUp()
    let three = Sequential(seed: 1)
    try three.setStack(input: set.shape, specs: [.flatten, .dense(units: 3)])
    #expect(throws: InspectionError.notClassifier(output: .flat(3), classes: 2)) {
      try TestGuesses.compute(model: three, data: set, count: 1)
    }
    #expect(throws: InspectionError.emptyModel) {
      try TestGuesses.compute(model: Sequential(), data: set, count: 1)
    }
  }
}
