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
    let (_, height, width) = try imageSizes(bytes, fileSize: bytes.count, file: file)
    return (Shape(height: height, width: width, channels: 1), Array(bytes[16...]))
  }

  /// Count, rows and columns from an IDX3 header, checked against `fileSize` (the whole
  /// file's bytes, of which `head` holds at least the first 16, or all when fewer): called
  /// on the first bytes of a raw file before the rest is read.
  public static func imageSizes(_ head: [UInt8], fileSize: Int, file: String) throws -> (
    count: Int, height: Int, width: Int
  ) {
    let sizes = try header(head, fileSize: fileSize, file: file, dimensions: 3)
    let (count, height, width) = (sizes[0], sizes[1], sizes[2])
    guard height > 0, width > 0 else {
      throw DataFileError.emptyImages(file: file, height: height, width: width)
    }
    // Each size is below 2^32, but their products can pass Int.max: check, never trap.
    let payload = fileSize - 16
    let (imageBytes, overflow1) = height.multipliedReportingOverflow(by: width)
    let (total, overflow2) = count.multipliedReportingOverflow(by: imageBytes)
    if overflow1 || overflow2 || total > payload {
      throw DataFileError.countMismatch(
        file: file, header: count, actual: overflow1 ? 0 : payload / imageBytes, noun: "images")
    }
    if total < payload { throw DataFileError.trailingBytes(file: file, count: payload - total) }
    guard count > 0 else { throw DataFileError.empty(file: file) }
    return (count, height, width)
  }

  /// Labels of an IDX1 file, each checked to be below `classCount`.
  public static func labels(from bytes: [UInt8], file: String, classCount: Int) throws -> [UInt8] {
    _ = try labelCount(bytes, fileSize: bytes.count, file: file)
    let labels = Array(bytes[8...])
    if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
      throw DataFileError.labelOutOfRange(
        file: file, index: index, label: Int(labels[index]), classCount: classCount)
    }
    return labels
  }

  /// The count of an IDX1 header, checked against `fileSize` as ``imageSizes(_:fileSize:file:)``
  /// does.
  public static func labelCount(_ head: [UInt8], fileSize: Int, file: String) throws -> Int {
    let count = try header(head, fileSize: fileSize, file: file, dimensions: 1)[0]
    let payload = fileSize - 8
    if count > payload {
      throw DataFileError.countMismatch(file: file, header: count, actual: payload, noun: "labels")
    }
    if count < payload { throw DataFileError.trailingBytes(file: file, count: payload - count) }
    guard count > 0 else { throw DataFileError.empty(file: file) }
    return count
  }

  /// Checks the magic number and returns the `dimensions` sizes that follow it; `bytes` holds
  /// the file's first bytes (at least the header's, when the file has them), `fileSize` all.
  static func header(_ bytes: [UInt8], fileSize: Int, file: String, dimensions: Int) throws
    -> [Int]
  {
    guard fileSize >= 4, bytes.count >= 4 else {
      throw DataFileError.tooShort(file: file, bytes: fileSize, needed: 4 + 4 * dimensions)
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
    guard fileSize >= needed, bytes.count >= needed else {
      throw DataFileError.tooShort(file: file, bytes: fileSize, needed: needed)
    }
    return (0..<dimensions).map { Int(bigEndian(bytes, at: 4 + 4 * $0)) }  // each < 2^32
  }

  static func bigEndian(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { ($0 << 8) | UInt32(bytes[offset + $1]) }
  }
}
