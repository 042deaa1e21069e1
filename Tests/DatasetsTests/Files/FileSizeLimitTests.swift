import Datasets
import Foundation
import TestSupport
import Testing

/// Size caps on every data reader, raw or compressed (issue #17): huge files are made sparse
/// (no disk space) and must be refused before they are read. The 1 TiB cases would abort the
/// test process if a reader allocated for them.
@Suite struct FileSizeLimitTests {
  static let sizes = [4_500_000_000, SparseFile.moreThanMemory]

  /// An IDX3 header for `count` images of 28x28.
  static func imageHeader(count: Int) -> [UInt8] { Fixtures.idxHeader([count, 28, 28]) }

  @Test(arguments: sizes) func aHugeRawIDXFileIsRefusedUnread(size: Int) throws {
    try Fixtures.withScratchFolder { folder in
      let images = folder.appendingPathComponent(IDXFolder.trainImages)
      // The header even agrees with the size: only the cap stands in the way.
      try SparseFile.make(images.path, size: size, head: Self.imageHeader(count: (size - 16) / 784))
      try SparseFile.make(
        folder.appendingPathComponent(IDXFolder.trainLabels).path, size: 8 + 10,
        head: Fixtures.idxHeader([10]))
      #expect(
        throws: DataFileError.tooLarge(
          file: images.lastPathComponent, bytes: size, limit: .dataFile)
      ) {
        try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
      }
    }
  }

  @Test func theRefusalNamesTheFileItsSizeAndTheLimit() {
    let error = DataFileError.tooLarge(
      file: "train-images-idx3-ubyte", bytes: 4_831_838_208, limit: .dataFile)
    #expect(
      error.description.hasPrefix(
        "train-images-idx3-ubyte: 4.5 GiB, more than the 2 GiB a data file may be; "))
    #expect(
      FileReadError.tooLarge(path: "x.idx", bytes: 4_831_838_208, limit: .dataFile).problem
        == "`x.idx` is 4.5 GiB, more than the 2 GiB a data file may be")
  }

  /// Under the cap, a raw IDX file whose header disagrees with its size is refused from its
  /// first 16 bytes: the other 1.5 GB are never read.
  @Test func aRawIDXHeaderIsCheckedAgainstTheSizeBeforeReading() throws {
    try Fixtures.withScratchFolder { folder in
      let images = folder.appendingPathComponent(IDXFolder.trainImages)
      let size = 1_500_000_016
      try SparseFile.make(images.path, size: size, head: Self.imageHeader(count: 10))
      try SparseFile.make(
        folder.appendingPathComponent(IDXFolder.trainLabels).path, size: 8 + 10,
        head: Fixtures.idxHeader([10]))
      let before = SparseFile.bytesReadByThisProcess()
      #expect(
        throws: DataFileError.trailingBytes(
          file: images.lastPathComponent, count: size - 16 - 7_840)
      ) {
        try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
      }
      if let before, let after = SparseFile.bytesReadByThisProcess() {
        #expect(after - before < 1 << 30, "read \(after - before) bytes")
      }
    }
  }

  @Test(arguments: sizes) func aHugeCSVFileIsRefusedUnread(size: Int) throws {
    try Fixtures.withScratchFolder { folder in
      let file = folder.appendingPathComponent("pixels.csv")
      try SparseFile.make(file.path, size: size, head: Array("label,p0\n".utf8))
      #expect(throws: DataFileError.tooLarge(file: "pixels.csv", bytes: size, limit: .dataFile)) {
        try PixelCSV(file).load()
      }
    }
  }

  @Test func aHugeGzipFileIsRefusedUnread() throws {
    try Fixtures.withScratchFolder { folder in
      let file = folder.appendingPathComponent("train-images-idx3-ubyte.gz")
      try SparseFile.make(file.path, size: SparseFile.moreThanMemory, head: Gzip.magic)
      #expect(
        throws: DataFileError.tooLarge(
          file: file.lastPathComponent, bytes: SparseFile.moreThanMemory, limit: .dataFile)
      ) { try DataFileReader.bytes(at: file) }
    }
  }

  /// A CIFAR-10 batch under the cap whose size is not a whole number of records is refused
  /// from its size alone, the 1.5 GB never read.
  @Test func aRawCIFARBatchIsCheckedBeforeReading() throws {
    try Fixtures.withScratchFolder { folder in
      try SparseFile.make(
        folder.appendingPathComponent("data_batch_1.bin").path, size: 1_500_000_000)
      let before = SparseFile.bytesReadByThisProcess()
      #expect(
        throws: DataFileError.recordSize(
          file: "data_batch_1.bin", bytes: 1_500_000_000, recordSize: CIFAR10Folder.recordSize)
      ) { try CIFAR10Folder(folder).load() }
      if let before, let after = SparseFile.bytesReadByThisProcess() {
        #expect(after - before < 1 << 30, "read \(after - before) bytes")
      }
    }
  }

  @Test(arguments: sizes) func aHugeCIFARBatchIsRefusedUnread(size: Int) throws {
    try Fixtures.withScratchFolder { folder in
      try SparseFile.make(folder.appendingPathComponent("data_batch_1.bin").path, size: size)
      #expect(
        throws: DataFileError.tooLarge(file: "data_batch_1.bin", bytes: size, limit: .dataFile)
      ) {
        try CIFAR10Folder(folder).load()
      }
    }
  }

  @Test(arguments: [600 << 20, SparseFile.moreThanMemory])
  func aHugePictureIsSkippedUnread(size: Int) throws {
    try Fixtures.withScratchFolder { folder in
      let file = folder.appendingPathComponent("big.png")
      try SparseFile.make(file.path, size: size, head: [0x89, 0x50, 0x4E, 0x47])
      #expect(throws: ImageFileError.fileTooLarge(bytes: size, limit: .picture)) {
        try ImageDecoder.decode(contentsOf: file)
      }
      #expect(
        ImageFileError.fileTooLarge(bytes: 600 << 20, limit: .picture).problem
          == "600 MiB, more than the 512 MiB a picture may be")
    }
  }

  /// A device or a FIFO has no size to check and may never end: refused, never read (and
  /// opening a FIFO with no writer does not block).
  @Test func devicesAndPipesAreRefused() throws {
    #expect(
      throws: DataFileError.unreadable(
        file: "zero", reason: "not a regular file (a device, a pipe or a socket)")
    ) { try DataFileReader.bytes(at: URL(fileURLWithPath: "/dev/zero")) }
    try Fixtures.withScratchFolder { folder in
      let fifo = folder.appendingPathComponent("pipe").path
      try #require(mkfifo(fifo, 0o600) == 0)
      #expect(throws: FileReadError.notRegularFile(path: fifo)) {
        try FileSizeLimit.dataFile.open(fifo)
      }
    }
  }

  @Test func aFileWithinTheLimitIsReadWhole() throws {
    try Fixtures.withScratchFolder { folder in
      let path = folder.appendingPathComponent("small").path
      try Fixtures.write([1, 2, 3, 4, 5], to: URL(fileURLWithPath: path))
      let limit = FileSizeLimit(kind: "a test file", maximumBytes: 5)
      #expect(try limit.read(path) == [1, 2, 3, 4, 5])
      let file = try limit.open(path)
      #expect(try file.bytes(at: 3, count: 2) == [4, 5])
      #expect(throws: FileReadError.changed(path: path)) { try file.bytes(at: 3, count: 3) }
      #expect(
        throws: FileReadError.tooLarge(
          path: path, bytes: 5, limit: .init(kind: "x", maximumBytes: 4))
      ) {
        try FileSizeLimit(kind: "x", maximumBytes: 4).open(path)
      }
      #expect(throws: FileReadError.missing(path: path + "-not")) { try limit.open(path + "-not") }
      #expect(throws: FileReadError.folder(path: folder.path)) { try limit.open(folder.path) }
    }
  }
}
