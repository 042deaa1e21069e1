import Core
import Foundation

/// A folder holding the binary version of CIFAR-10.
///
/// Files: `data_batch_1.bin` … `data_batch_5.bin` (training), `test_batch.bin`, and optionally
/// `batches.meta.txt` (one class name per line). A record is 3,073 bytes: 1 label byte, then
/// 32·32·3 = 3,072 pixel bytes already in CHW order (1,024 red, 1,024 green, 1,024 blue).
public struct CIFAR10Folder: Sendable {
  public static let trainFiles = (1...5).map { "data_batch_\($0).bin" }
  public static let testFile = "test_batch.bin"
  public static let metaFile = "batches.meta.txt"
  /// Image shape: `32x32x3`.
  public static let shape = Shape(height: 32, width: 32, channels: 3)
  /// One label byte plus the pixels.
  public static let recordSize = 1 + 32 * 32 * 3
  /// Class names used when `batches.meta.txt` is absent (the official list, in label order).
  public static let defaultClassNames = [
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
  ]

  public var folder: URL

  public init(_ folder: URL) { self.folder = folder }

  /// Loads the five training batches and the test batch.
  public func load(name: String = "cifar10") throws -> DataSplits {
    try DataFileReader.requireFolder(folder)
    let classNames = try readClassNames()
    // Appended batch by batch into one buffer: peak memory stays near the final 150 MB.
    var pixels: [UInt8] = []
    var labels: [UInt8] = []
    for file in Self.trainFiles {
      let batch = try batch(file, classCount: classNames.count)
      if pixels.isEmpty { pixels.reserveCapacity(batch.pixels.count * Self.trainFiles.count) }
      pixels += batch.pixels
      labels += batch.labels
    }
    let test = try batch(Self.testFile, classCount: classNames.count)
    return DataSplits(
      name: name,
      train: ImageSet(shape: Self.shape, pixels: pixels, labels: labels, classNames: classNames),
      test: ImageSet(
        shape: Self.shape, pixels: test.pixels, labels: test.labels, classNames: classNames))
  }

  /// Splits the records of one batch file into pixels and labels.
  public static func records(from bytes: [UInt8], file: String, classCount: Int) throws -> (
    pixels: [UInt8], labels: [UInt8]
  ) {
    guard !bytes.isEmpty else { throw DataFileError.empty(file: file) }
    guard bytes.count % recordSize == 0 else {
      throw DataFileError.recordSize(file: file, bytes: bytes.count, recordSize: recordSize)
    }
    let count = bytes.count / recordSize
    let imageBytes = recordSize - 1
    var labels = [UInt8](repeating: 0, count: count)
    var pixels = [UInt8](repeating: 0, count: count * imageBytes)
    bytes.withUnsafeBytes { source in
      pixels.withUnsafeMutableBytes { target in
        for i in 0..<count {
          labels[i] = source[i * recordSize]
          let from = source.baseAddress.map { $0 + i * recordSize + 1 }
          let to = target.baseAddress.map { $0 + i * imageBytes }
          if let from, let to { to.copyMemory(from: from, byteCount: imageBytes) }
        }
      }
    }
    if let index = labels.firstIndex(where: { Int($0) >= classCount }) {
      throw DataFileError.labelOutOfRange(
        file: file, index: index, label: Int(labels[index]), classCount: classCount)
    }
    return (pixels, labels)
  }

  func batch(_ name: String, classCount: Int) throws -> (pixels: [UInt8], labels: [UInt8]) {
    let url = try DataFileReader.locate(name, in: folder)
    let file = url.lastPathComponent
    let bytes = try DataFileReader.bytes(at: url) { _, size in  // a raw batch: size first
      guard size % Self.recordSize == 0 else {
        throw DataFileError.recordSize(file: file, bytes: size, recordSize: Self.recordSize)
      }
    }
    return try Self.records(from: bytes, file: file, classCount: classCount)
  }

  /// The names in `batches.meta.txt` (non-empty lines, trimmed), or the default names.
  func readClassNames() throws -> [String] {
    let url = folder.appendingPathComponent(Self.metaFile)
    guard FileManager.default.fileExists(atPath: url.path) else { return Self.defaultClassNames }
    let text = String(decoding: try DataFileReader.bytes(at: url), as: UTF8.self)
    let names = text.split(whereSeparator: \.isNewline)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    guard names.count == Self.defaultClassNames.count else {
      throw DataFileError.classNameCount(
        file: Self.metaFile, found: names.count, expected: Self.defaultClassNames.count)
    }
    return names
  }
}
