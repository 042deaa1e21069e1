import Foundation

/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random number in cnnrepl — weight initialisation, shuffling, dropout masks, synthetic
/// data — comes from one of these, so the same seed gives the same numbers bit for bit on every
/// machine. It is a value type: copy it to fork a stream, pass it `inout` to advance it.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

  public init(seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

  /// Uniform in `[0, 1)` with 24 random bits (exactly representable as Float).
  public mutating func nextUnitFloat() -> Float {
    Float(next() >> 40) * (1.0 / 16_777_216.0)
  }

  /// Uniform in `[low, high)`.
  public mutating func uniform(_ low: Float, _ high: Float) -> Float {
    low + (high - low) * nextUnitFloat()
  }

  /// Standard normal sample (Box–Muller; deterministic, one value per call).
  public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
    var u1 = Double(next() >> 11) * 0x1.0p-53
    if u1 < 1e-300 { u1 = 1e-300 }
    let u2 = Double(next() >> 11) * 0x1.0p-53
    let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    return mean + standardDeviation * Float(z)
  }

  /// A new independent generator derived from this one (for per-layer or per-thread streams).
  public mutating func fork() -> SeededRandom { SeededRandom(seed: next()) }
}

