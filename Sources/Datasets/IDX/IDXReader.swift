import Core

/// Reads IDX files (the MNIST and Fashion-MNIST format) after checking every header field.
///
/// Layout (big-endian): `00 00 TT DD`, then `DD` 32-bit sizes, then the items.
/// `TT = 0x08` (unsigned bytes); images have `DD = 3` (count, rows, columns), labels `DD = 1`.
/// The payload must be exactly `count·rows·columns` (or `count`) bytes.
public enum IDXReader {
  /// The element type code of unsigned bytes.
  public static let unsignedByte: UInt8 = 0x08

  /// Images of an IDX3 file: shape `rows x columns x 1`, pixels image after image.
  public static func images(from bytes: [UInt8], file: String) throws -> (
    shape: Shape, pixels: [UInt8]
  ) {
    let sizes = try header(bytes, file: file, dimensions: 3)
    let (count, height, width) = (sizes[0], sizes[1], sizes[2])
    guard height > 0, width > 0 else {
      throw DataFileError.emptyImages(file: file, height: height, width: width)
    }
    // Each size is below 2^32, but their products can pass Int.max: check, never trap.
    let payload = bytes.count - 16
    let (imageBytes, overflow1) = height.multipliedReportingOverflow(by: width)
    let (total, overflow2) = count.multipliedReportingOverflow(by: imageBytes)
    if overflow1 || overflow2 || total > payload {
      throw DataFileError.countMismatch(
        file: file, header: count, actual: overflow1 ? 0 : payload / imageBytes, noun: "images")
    }
    if total < payload { throw DataFileError.trailingBytes(file: file, count: payload - total) }
    guard count > 0 else { throw DataFileError.empty(file: file) }
    return (Shape(height: height, width: width, channels: 1), Array(bytes[16...]))
  }

  /// Labels of an IDX1 file, each checked to be below `classCount`.
  public static func labels(from bytes: [UInt8], file: String, classCount: Int) throws -> [UInt8] {
    let count = try header(bytes, file: file, dimensions: 1)[0]
    let payload = bytes.count - 8
    if count > payload {
      throw DataFileError.countMismatch(file: file, header: count, actual: payload, noun: "labels")
    }
    if count < payload { throw DataFileError.trailingBytes(file: file, count: payload - count) }
    guard count > 0 else { throw DataFileError.empty(file: file) }
    let labels = Array(bytes[8...])
    if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
      throw DataFileError.labelOutOfRange(
        file: file, index: index, label: Int(labels[index]), classCount: classCount)
    }
    return labels
  }

  /// Checks the magic number and returns the `dimensions` sizes that follow it.
  static func header(_ bytes: [UInt8], file: String, dimensions: Int) throws -> [Int] {
    guard bytes.count >= 4 else {
      throw DataFileError.tooShort(file: file, bytes: bytes.count, needed: 4 + 4 * dimensions)
    }
    let magic = bigEndian(bytes, at: 0)
    guard bytes[0] == 0, bytes[1] == 0 else {
      throw DataFileError.badMagic(file: file, magic: magic)
    }
    guard bytes[2] == unsignedByte else {
      throw DataFileError.wrongDataType(file: file, code: bytes[2])
    }
    guard Int(bytes[3]) == dimensions else {
      throw DataFileError.wrongDimensionCount(
        file: file, found: Int(bytes[3]), expected: dimensions)
    }
    let needed = 4 + 4 * dimensions
    guard bytes.count >= needed else {
      throw DataFileError.tooShort(file: file, bytes: bytes.count, needed: needed)
    }
    return (0..<dimensions).map { Int(bigEndian(bytes, at: 4 + 4 * $0)) }  // each < 2^32
  }

  static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { ($0 << 8) | UInt32(bytes[offset + $1]) }
  }
}
