import Core
import Foundation
import TestSupport
import Testing

/// `show adversarial` and `show shift`.
@Suite struct AdversarialExampleTests {
  let data = SyntheticImages.lines(count: 8, size: 8)

  func model() throws -> Sequential {
    try Sequential.built(
      input: data.shape,
      [.conv(filters: 3, kernel: 3, activation: .tanh), .flatten,
       .dense(units: 4, activation: .softmax)], seed: 11
    ) { Float($0) * 0.02 }
  }

  /// FGSM moves every pixel by ε in the direction of the loss gradient's sign (checked by
  /// central differences of the cross-entropy), clipped to [0, 1].
  @Test func fgsmIsEpsilonTimesTheGradientSign() throws {
    let model = try model()
    let epsilon: Float = 0.1
    let attack = try AdversarialExample.compute(model: model, data: data, index: 1, epsilon: epsilon)
    let p = attack.original.storage
    func loss(_ pixels: [Float]) -> Double {
      let x = Tensor(batch: 1, shape: data.shape, storage: pixels)
      let out = model.forward(x, context: ComputeContext(mode: .inference)).storage
      return -log(Double(out[attack.label]))
    }
    var checked = 0
    for j in p.indices {
      var plus = p
      plus[j] += 1e-2
      var minus = p
      minus[j] -= 1e-2
      let numeric = (loss(plus) - loss(minus)) / 2e-2
      let sign: Float = numeric > 0 ? 1 : -1
      if abs(numeric) > 1e-4 {
        #expect(attack.gradientSign.storage[j] == sign)
        checked += 1
      }
      let expected = min(max(p[j] + epsilon * attack.gradientSign.storage[j], 0), 1) - p[j]
      #expect(abs(attack.perturbation.storage[j] - expected) < 1e-6)
      #expect(abs(attack.adversarial.storage[j] - (p[j] + attack.perturbation.storage[j])) < 1e-6)
    }
    #expect(checked > 32)
    #expect(loss(attack.adversarial.storage) > loss(p))
  }

  /// PGD never moves a pixel by more than ε nor out of [0, 1]; a targeted attack raises the
  /// target's probability.
  @Test func pgdStaysInTheEpsilonBall() throws {
    let model = try model()
    let attack = try AdversarialExample.compute(
      model: model, data: data, index: 2, epsilon: 0.2, steps: 8, target: 3)
    for j in attack.perturbation.storage.indices {
      #expect(abs(attack.perturbation.storage[j]) <= 0.2 + 1e-6)
      #expect((0...1).contains(attack.adversarial.storage[j]))
    }
    let context = ComputeContext(mode: .inference)
    let before = model.forward(attack.original, context: context).storage[3]
    let after = model.forward(attack.adversarial, context: context).storage[3]
    #expect(after > before)
    #expect(throws: InspectionError.self) {
      try AdversarialExample.compute(model: model, data: data, index: 0, epsilon: 0)
    }
    #expect(throws: InspectionError.self) {
      try AdversarialExample.compute(model: model, data: data, index: 0, epsilon: 0.1, target: 4)
    }
  }

  /// A conv row's maps move with the image (equivariance) away from the borders; a shift
  /// that is no multiple of the row's stride is reported as such.
  @Test func convMapsMoveWithTheImage() throws {
    let model = try Sequential.built(
      input: Shape(height: 12, width: 12, channels: 1),
      [.conv(filters: 3, kernel: 3, padding: .same, activation: .relu),
       .conv(filters: 2, kernel: 3, stride: 2, padding: .same), .flatten,
       .dense(units: 4)], seed: 2
    ) { _ in 0.1 }
    let images = SyntheticImages.lines(count: 4, size: 12)
    let shift = try ShiftComparison.compute(model: model, data: images, index: 1, dy: 2, dx: -1)
    #expect(shift.row == 1)
    #expect(shift.jump == 1)
    #expect(shift.mapShift?.dy == 2 && shift.mapShift?.dx == -1)
    #expect(shift.comparedCells > 0)
    #expect(try #require(shift.largestDifference) < 1e-5)
    for y in 0..<12 {
      for x in 0..<12 {
        let moved = (0..<12).contains(y - 2) && (0..<12).contains(x + 1)
        #expect(shift.shifted[0, 0, y, x] == (moved ? shift.original[0, 0, y - 2, x + 1] : 0))
      }
    }
    let odd = try ShiftComparison.compute(
      model: model, data: images, index: 1, dy: 1, dx: 0, row: 2)
    #expect(odd.jump == 2)
    #expect(odd.mapShift == nil)
    let even = try ShiftComparison.compute(
      model: model, data: images, index: 1, dy: 2, dx: 0, row: 2)
    #expect(even.mapShift?.dy == 1)
  }
}
