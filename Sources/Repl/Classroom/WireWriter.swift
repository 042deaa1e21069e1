/// Appends values to a byte buffer for the `--share` wire format: integers as 8 bytes
/// little-endian, doubles as their IEEE bit pattern, strings and arrays as a count then the
/// elements, floats as their raw 4-byte little-endian words (a feature map costs its size).
///
/// Read back with ``WireReader`` in the same order; ``ShareFrame`` says which order.
public struct WireWriter: Sendable {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public mutating func byte(_ value: UInt8) { bytes.append(value) }

  public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  public mutating func int(_ value: Int) {
    var raw = UInt64(bitPattern: Int64(value)).littleEndian
    withUnsafeBytes(of: &raw) { bytes.append(contentsOf: $0) }
  }

  public mutating func double(_ value: Double) {
    var raw = value.bitPattern.littleEndian
    withUnsafeBytes(of: &raw) { bytes.append(contentsOf: $0) }
  }

  public mutating func string(_ value: String) {
    let utf8 = Array(value.utf8)
    int(utf8.count)
    bytes.append(contentsOf: utf8)
  }

  public mutating func raw(_ value: [UInt8]) {
    int(value.count)
    bytes.append(contentsOf: value)
  }

  public mutating func floats(_ values: [Float]) {
    int(values.count)
    for value in values {
      var raw = value.bitPattern.littleEndian
      withUnsafeBytes(of: &raw) { bytes.append(contentsOf: $0) }
    }
  }

  public mutating func doubles<C: Collection<Double>>(_ values: C) {
    int(values.count)
    for value in values { double(value) }
  }

  public mutating func optional<T>(_ value: T?, _ write: (inout WireWriter, T) -> Void) {
    guard let value else { return bool(false) }
    bool(true)
    write(&self, value)
  }

  public mutating func array<T>(_ values: [T], _ write: (inout WireWriter, T) -> Void) {
    int(values.count)
    for value in values { write(&self, value) }
  }
}
