/// Reads what ``WireWriter`` wrote, in the same order; any short or impossible field throws
/// ``ShareError/malformedFrame(_:)`` (a count larger than the bytes left, an unknown tag).
public struct WireReader: Sendable {
  private let bytes: [UInt8]
  private var offset = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte has been read.
  public var isAtEnd: Bool { offset == bytes.count }

  public mutating func byte() throws(ShareError) -> UInt8 {
    guard offset < bytes.count else { throw .malformedFrame("the frame ends early") }
    defer { offset += 1 }
    return bytes[offset]
  }

  public mutating func bool() throws(ShareError) -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    case let other: throw .malformedFrame("\(other) is not a yes/no byte")
    }
  }

  private mutating func word() throws(ShareError) -> UInt64 {
    guard bytes.count - offset >= 8 else { throw .malformedFrame("the frame ends early") }
    var value: UInt64 = 0
    for i in 0..<8 { value |= UInt64(bytes[offset + i]) << (8 * UInt64(i)) }
    offset += 8
    return value
  }

  public mutating func int() throws(ShareError) -> Int { Int(Int64(bitPattern: try word())) }

  public mutating func double() throws(ShareError) -> Double { Double(bitPattern: try word()) }

  /// An integer in `range`; any other value is a malformed frame naming `what`.
  public mutating func int(in range: ClosedRange<Int>, _ what: String) throws(ShareError) -> Int {
    let value = try int()
    guard range.contains(value) else {
      throw .malformedFrame("\(what) is \(value), not in \(range.lowerBound)...\(range.upperBound)")
    }
    return value
  }

  /// A double that is NaN, infinite, or has a magnitude of at most `limit`; a finite value
  /// beyond it is a malformed frame naming `what`.
  public mutating func double(magnitudeAtMost limit: Double, _ what: String) throws(ShareError)
    -> Double
  {
    let value = try double()
    guard !value.isFinite || abs(value) <= limit else {
      throw .malformedFrame("\(what) is \(value), beyond ±\(limit)")
    }
    return value
  }

  /// A count of elements of `size` bytes each that the rest of the frame can hold.
  private mutating func count(elementSize: Int) throws(ShareError) -> Int {
    let n = try int()
    guard n >= 0, n <= (bytes.count - offset) / max(1, elementSize) else {
      throw .malformedFrame("a count of \(n) does not fit in the frame")
    }
    return n
  }

  public mutating func raw() throws(ShareError) -> [UInt8] {
    let n = try count(elementSize: 1)
    defer { offset += n }
    return Array(bytes[offset..<offset + n])
  }

  public mutating func string() throws(ShareError) -> String {
    String(decoding: try raw(), as: UTF8.self)
  }

  public mutating func floats() throws(ShareError) -> [Float] {
    let n = try count(elementSize: 4)
    var values = [Float](repeating: 0, count: n)
    for i in 0..<n {
      var raw: UInt32 = 0
      for k in 0..<4 { raw |= UInt32(bytes[offset + 4 * i + k]) << (8 * UInt32(k)) }
      values[i] = Float(bitPattern: raw)
    }
    offset += 4 * n
    return values
  }

  public mutating func doubles() throws(ShareError) -> [Double] {
    let n = try count(elementSize: 8)
    var values: [Double] = []
    values.reserveCapacity(n)
    for _ in 0..<n { values.append(try double()) }
    return values
  }

  public mutating func optional<T>(_ read: (inout WireReader) throws(ShareError) -> T)
    throws(ShareError) -> T?
  {
    guard try bool() else { return nil }
    return try read(&self)
  }

  /// An array whose elements take at least one byte each.
  public mutating func array<T>(_ read: (inout WireReader) throws(ShareError) -> T)
    throws(ShareError) -> [T]
  {
    let n = try count(elementSize: 1)
    var values: [T] = []
    values.reserveCapacity(n)
    for _ in 0..<n { values.append(try read(&self)) }
    return values
  }
}
