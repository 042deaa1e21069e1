import Core
import TestSupport
import Testing

@Suite struct DropoutTests {
  let training = ComputeContext(mode: .training)
  let inference = ComputeContext(mode: .inference)
  let shape = Shape(height: 50, width: 40, channels: 5)

  func built(_ rate: Float, seed: UInt64 = 9) throws -> Dropout {
    let dropout = Dropout(rate: rate)
    var random = SeededRandom(seed: seed)
    try dropout.build(input: shape, random: &random)
    return dropout
  }

  @Test func inferenceIsTheIdentity() throws {
    let dropout = try built(0.5)
    let x = GradientCheck.randomInput(batch: 2, shape: shape)
    #expect(dropout.forward(x, context: inference).storage == x.storage)
    #expect(dropout.backward(x, context: inference).storage == x.storage)
    #expect(dropout.mask.isEmpty)
  }

  /// 20,000 values at P = 0.3: the kept fraction is 0.7 within 4 standard deviations
  /// (√(0.7·0.3/20000) ≈ 0.0032), and each kept value is scaled by exactly 1/0.7.
  @Test func trainingKeepsOneMinusPAndScalesThem() throws {
    let dropout = try built(0.3)
    let x = Tensor(batch: 2, shape: shape, repeating: 2)
    let y = dropout.forward(x, context: training)
    let scale: Float = 1 / (1 - 0.3)
    let kept = y.storage.filter { $0 != 0 }
    #expect(kept.allSatisfy { $0 == 2 * scale })
    let fraction = Double(kept.count) / Double(y.count)
    #expect(abs(fraction - 0.7) < 4 * 0.0033, "kept \(fraction)")
    #expect(dropout.mask.map { $0 * 2 } == y.storage)
  }

  @Test func backwardUsesTheForwardMask() throws {
    let dropout = try built(0.5)
    let x = GradientCheck.randomInput(batch: 2, shape: shape, seed: 4)
    let y = dropout.forward(x, context: training)
    let dOut = GradientCheck.randomInput(batch: 2, shape: shape, seed: 5)
    let dIn = dropout.backward(dOut, context: training)
    for i in 0..<y.count {
      if y.storage[i] == 0 {
        #expect(dIn.storage[i] == 0)
      } else {
        #expect(dIn.storage[i] == dOut.storage[i] * 2)
      }
    }
  }

  @Test func masksFollowTheSeedAndChangeEveryStep() throws {
    let x = Tensor(batch: 1, shape: shape, repeating: 1)
    let a = try built(0.5, seed: 1)
    let b = try built(0.5, seed: 1)
    let first = a.forward(x, context: training).storage
    #expect(b.forward(x, context: training).storage == first)
    #expect(a.forward(x, context: training).storage != first)
    #expect(try built(0.5, seed: 2).forward(x, context: training).storage != first)
  }

  @Test(arguments: [Float(0), 0.4])
  func gradientMatchesFiniteDifferencesWithAFixedMask(rate: Float) throws {
    let dropout = Dropout(rate: rate)
    let small = Shape(height: 3, width: 3, channels: 2)
    var random = SeededRandom(seed: 1)
    try dropout.build(input: small, random: &random)
    dropout.reusesMask = true
    let x = GradientCheck.randomInput(batch: 2, shape: small)
    let report = GradientCheck.check(dropout, input: x)
    #expect(report.worst < 1e-2, "\(report)")
    if rate > 0 { #expect(dropout.mask.contains(0)) }
  }

  @Test func refusesRatesOutsideZeroToOne() throws {
    for rate: Float in [1, 1.5, -0.1, .nan] {
      #expect(throws: ShapeError.self) { _ = try Dropout(rate: rate).outputShape(for: .flat(8)) }
    }
    do {
      _ = try Dropout(rate: 1).outputShape(for: .flat(8))
    } catch {
      #expect(
        error.description
          == "dropout 1: the rate 1 is not in [0, 1); "
          + "P is the fraction of values dropped while training; try dropout 0.5")
    }
    let dropout = Dropout(rate: 0.25)
    #expect(try dropout.outputShape(for: .flat(8)) == .flat(8))
    #expect(try dropout.outputShape(for: shape) == shape)
    #expect(dropout.parameterCount(for: shape) == 0)
  }
}
