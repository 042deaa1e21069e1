import Core
import Datasets
import Foundation
import Testing

@Suite struct CIFAR10FolderTests {
  /// Record `i` of batch `b`: label `(b + i) mod 10`; pixel `p` = `(b·31 + i·7 + p) mod 256`.
  static func record(batch b: Int, index i: Int) -> [UInt8] {
    [UInt8((b + i) % 10)] + (0..<3_072).map { UInt8((b * 31 + i * 7 + $0) % 256) }
  }

  /// Writes the six batches in the official binary format, `perBatch` records each.
  static func writeFolder(_ folder: URL, perBatch: Int = 4, meta: String? = nil) throws {
    for (b, name) in (CIFAR10Folder.trainFiles + [CIFAR10Folder.testFile]).enumerated() {
      let bytes = (0..<perBatch).flatMap { record(batch: b, index: $0) }
      try Fixtures.write(bytes, to: folder.appendingPathComponent(name))
    }
    if let meta {
      try Data(meta.utf8).write(to: folder.appendingPathComponent(CIFAR10Folder.metaFile))
    }
  }

  @Test func readsTheOfficialBinaryLayout() throws {
    try Fixtures.withScratchFolder { folder in
      try Self.writeFolder(folder)
      let data = try CIFAR10Folder(folder).load()
      #expect(data.name == "cifar10")
      #expect(data.train.count == 20)
      #expect(data.test.count == 4)
      #expect(data.train.shape == Shape(height: 32, width: 32, channels: 3))
      #expect(data.train.classNames == CIFAR10Folder.defaultClassNames)
      // Batch 2 (index 1), record 3: label 4, pixels continue the pattern, CHW as stored.
      let k = 3_072
      let image = 4 + 3
      #expect(data.train.labels[image] == 4)
      #expect(
        Array(data.train.pixels[(image * k)..<((image + 1) * k)])
          == Array(Self.record(batch: 1, index: 3).dropFirst()))
      #expect(data.test.labels == [5, 6, 7, 8])
    }
  }

  @Test func classNamesComeFromTheMetaFile() throws {
    try Fixtures.withScratchFolder { folder in
      let names = (0..<10).map { "class \($0)" }
      try Self.writeFolder(folder, meta: names.joined(separator: "\n") + "\n\n")
      #expect(try CIFAR10Folder(folder).load().train.classNames == names)
      try Data("a\nb\n".utf8).write(to: folder.appendingPathComponent(CIFAR10Folder.metaFile))
      #expect(
        throws: DataFileError.classNameCount(file: "batches.meta.txt", found: 2, expected: 10)
      ) {
        try CIFAR10Folder(folder).load()
      }
    }
  }

  @Test func aWrongRecordSizeIsNamed() throws {
    try Fixtures.withScratchFolder { folder in
      try Self.writeFolder(folder)
      let url = folder.appendingPathComponent("data_batch_3.bin")
      try Fixtures.write(try Fixtures.read(url) + [0], to: url)
      #expect(
        throws: DataFileError.recordSize(
          file: "data_batch_3.bin", bytes: 4 * 3_073 + 1, recordSize: 3_073)
      ) {
        try CIFAR10Folder(folder).load()
      }
      #expect(
        DataFileError.recordSize(file: "data_batch_3.bin", bytes: 12_293, recordSize: 3_073)
          .description.hasPrefix(
            "data_batch_3.bin: 12,293 bytes is not a whole number of 3,073-byte records"))
    }
  }

  @Test func labelsAboveNineAndMissingBatchesAreRefused() throws {
    try Fixtures.withScratchFolder { folder in
      try Self.writeFolder(folder)
      var bytes = try Fixtures.read(folder.appendingPathComponent("test_batch.bin"))
      bytes[2 * 3_073] = 10
      try Fixtures.write(bytes, to: folder.appendingPathComponent("test_batch.bin"))
      #expect(
        throws: DataFileError.labelOutOfRange(
          file: "test_batch.bin", index: 2, label: 10, classCount: 10)
      ) {
        try CIFAR10Folder(folder).load()
      }
      try FileManager.default.removeItem(at: folder.appendingPathComponent("data_batch_5.bin"))
      #expect(throws: DataFileError.missing(file: "data_batch_5.bin", folder: folder.path)) {
        try CIFAR10Folder(folder).load()
      }
    }
  }

  @Test func anEmptyBatchIsRefused() {
    #expect(throws: DataFileError.empty(file: "test_batch.bin")) {
      try CIFAR10Folder.records(from: [], file: "test_batch.bin", classCount: 10)
    }
  }
}
