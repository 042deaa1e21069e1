import Foundation

/// MD5 (RFC 1321), streaming, for checking downloaded files against their published sums.
///
/// Not for security: MD5 is what the MNIST and Fashion-MNIST checksums are published in.
/// Blocks of 64 bytes; four rounds of 16 steps `a = b + ((a + F(b,c,d) + X[g] + K[i]) <<< s)`,
/// with `K[i] = floor(|sin(i + 1)| · 2^32)`; the length in bits is appended little-endian.
public struct MD5: Sendable {
  private static let shifts: [UInt32] =
    [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
  private static let table: [UInt32] = (0..<64).map {
    UInt32(abs(sin(Double($0 + 1))) * 4_294_967_296)
  }

  private var state: (UInt32, UInt32, UInt32, UInt32) = (
    0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476
  )
  private var pending: [UInt8] = []
  private var length: UInt64 = 0

  public init() { pending.reserveCapacity(64) }

  /// Feeds more bytes.
  public mutating func update(_ bytes: some Collection<UInt8>) {
    length &+= UInt64(bytes.count)
    var rest = bytes[...]
    if !pending.isEmpty {
      let take = min(64 - pending.count, rest.count)
      pending.append(contentsOf: rest.prefix(take))
      rest = rest.dropFirst(take)
      if pending.count < 64 { return }
      let block = pending
      block.withUnsafeBytes { compress($0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = rest.count / 64 * 64
    if whole > 0 {
      let blocks = Array(rest.prefix(whole))
      blocks.withUnsafeBytes { raw in
        for offset in stride(from: 0, to: whole, by: 64) {
          compress(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 64)]))
        }
      }
    }
    pending.append(contentsOf: rest.dropFirst(whole))
  }

  /// The 16-byte digest (the value is consumed: padding is added to a copy).
  public func finalize() -> [UInt8] {
    var copy = self
    let bits = length &* 8
    var padding: [UInt8] = [0x80]
    padding += [UInt8](repeating: 0, count: (55 - Int(length % 64) + 64) % 64)
    padding += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * UInt64($0))) }
    copy.update(padding)
    let words = [copy.state.0, copy.state.1, copy.state.2, copy.state.3]
    return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
  }

  /// Lower-case hex of the digest, as `md5sum` prints it.
  public func hexDigest() -> String {
    finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// The hex MD5 of `bytes` in one call.
  public static func hex(_ bytes: some Collection<UInt8>) -> String {
    var md5 = MD5()
    md5.update(bytes)
    return md5.hexDigest()
  }

  private mutating func compress(_ block: UnsafeRawBufferPointer) {
    func word(_ g: Int) -> UInt32 {
      UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4 * g, as: UInt32.self))
    }
    var (a, b, c, d) = state
    for i in 0..<64 {
      let f: UInt32
      let g: Int
      switch i {
      case 0..<16: (f, g) = ((b & c) | (~b & d), i)
      case 16..<32: (f, g) = ((d & b) | (~d & c), (5 * i + 1) % 16)
      case 32..<48: (f, g) = (b ^ c ^ d, (3 * i + 5) % 16)
      default: (f, g) = (c ^ (b | ~d), (7 * i) % 16)
      }
      let s = Self.shifts[(i / 16) * 4 + i % 4]
      let sum = a &+ f &+ word(g) &+ Self.table[i]
      (a, d, c) = (d, c, b)
      b = b &+ (sum << s | sum >> (32 - s))
    }
    state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
  }
}
