import Core
import Datasets
import Foundation
import Testing

@Suite struct IDXFolderTests {
  /// Pixel sums frozen from the shared files.
  ///
  /// Computed once with:
  /// ```python
  /// import gzip; d = '/work/shared/datasets/mnist/'
  /// tr = gzip.open(d + 'train-images-idx3-ubyte.gz').read()
  /// te = gzip.open(d + 't10k-images-idx3-ubyte.gz').read()
  /// [sum(tr[16 + i*784 : 16 + (i+1)*784]) for i in range(3)]   # [27525, 31095, 19443]
  /// sum(tr[16:])                                                # 633139674
  /// [sum(te[16 + i*784 : 16 + (i+1)*784]) for i in range(3)]   # [18454, 28850, 9871]
  /// ```
  static let trainImageSums = [27_525, 31_095, 19_443]
  static let trainTotalSum = 633_139_674
  static let testImageSums = [18_454, 28_850, 9_871]

  static func imageSum(_ set: ImageSet, _ index: Int) -> Int {
    let k = set.shape.count
    return set.pixels[(index * k)..<((index + 1) * k)].reduce(0) { $0 + Int($1) }
  }

  @Test(.enabled(if: Fixtures.hasSharedMNIST)) func loadsTheSharedMNISTFiles() throws {
    let folder = try #require(Fixtures.sharedMNIST)
    let data = try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
    #expect(data.train.count == 24_000)
    #expect(data.test.count == 10_000)
    #expect(data.train.shape == Shape(height: 28, width: 28, channels: 1))
    #expect(Array(data.train.labels.prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    #expect(Array(data.test.labels.prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    #expect((0..<3).map { Self.imageSum(data.train, $0) } == Self.trainImageSums)
    #expect((0..<3).map { Self.imageSum(data.test, $0) } == Self.testImageSums)
    #expect(data.train.pixels.reduce(0) { $0 + Int($1) } == Self.trainTotalSum)
    #expect(data.train.classCounts == [2381, 2732, 2347, 2487, 2347, 2144, 2370, 2489, 2292, 2411])
  }

  @Test(.enabled(if: Fixtures.hasSharedMNIST)) func rawFilesLoadLikeGzipOnes() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    try Fixtures.withScratchFolder { folder in
      for name in IDXFolder.fileNames where name.hasPrefix("t10k") {
        let bytes = try DataFileReader.bytes(at: shared.appendingPathComponent(name + ".gz"))
        try Fixtures.write(bytes, to: folder.appendingPathComponent(name))
      }
      for name in IDXFolder.fileNames where name.hasPrefix("train") {
        try FileManager.default.copyItem(
          at: shared.appendingPathComponent(name + ".gz"),
          to: folder.appendingPathComponent(name + ".gz"))
      }
      let data = try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
      #expect(data.test.count == 10_000)
      #expect((0..<3).map { Self.imageSum(data.test, $0) } == Self.testImageSums)
    }
  }

  /// The example, on the real file: the shared training images with the official
  /// header count of 60,000 put back.
  @Test(.enabled(if: Fixtures.hasSharedMNIST)) func aPatchedRealHeaderIsCaught() throws {
    let shared = try #require(Fixtures.sharedMNIST)
    let name = IDXFolder.trainImages + ".gz"
    var bytes = try DataFileReader.bytes(at: shared.appendingPathComponent(name))
    bytes[4...7] = [0x00, 0x00, 0xEA, 0x60]  // 60,000
    #expect(
      throws: DataFileError.countMismatch(
        file: name, header: 60_000, actual: 24_000, noun: "images")
    ) {
      try IDXReader.images(from: bytes, file: name)
    }
    let cut = Array(bytes.prefix(16 + 24_345 * 784 / 2))
    #expect(
      throws: DataFileError.countMismatch(
        file: name, header: 60_000, actual: 12_172, noun: "images")
    ) {
      try IDXReader.images(from: cut, file: name)
    }
  }

  /// Writes a tiny IDX folder (2x2 images) whose splits can be spoiled one at a time.
  func writeTinyFolder(_ folder: URL, trainLabels: [UInt8] = [0, 1, 2]) throws {
    let images = Fixtures.idxHeader([3, 2, 2]) + [UInt8](repeating: 9, count: 12)
    try Fixtures.write(images, to: folder.appendingPathComponent(IDXFolder.trainImages))
    try Fixtures.write(images, to: folder.appendingPathComponent(IDXFolder.testImages))
    try Fixtures.write(
      Fixtures.idxHeader([trainLabels.count]) + trainLabels,
      to: folder.appendingPathComponent(IDXFolder.trainLabels))
    try Fixtures.write(
      Fixtures.idxHeader([3]) + [3, 4, 5], to: folder.appendingPathComponent(IDXFolder.testLabels))
  }

  @Test func imageAndLabelCountsMustAgree() throws {
    try Fixtures.withScratchFolder { folder in
      try writeTinyFolder(folder, trainLabels: [0, 1])
      #expect(
        throws: DataFileError.imageLabelMismatch(
          images: IDXFolder.trainImages, imageCount: 3, labels: IDXFolder.trainLabels,
          labelCount: 2)
      ) { try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames) }
    }
  }

  @Test func testImagesMustMatchTheTrainingShape() throws {
    try Fixtures.withScratchFolder { folder in
      try writeTinyFolder(folder)
      try Fixtures.write(
        Fixtures.idxHeader([3, 1, 4]) + [UInt8](repeating: 1, count: 12),
        to: folder.appendingPathComponent(IDXFolder.testImages))
      #expect(
        throws: DataFileError.shapeMismatch(
          file: IDXFolder.testImages, found: "1x4x1", expected: "2x2x1")
      ) { try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames) }
    }
  }

  @Test func missingFilesAndFoldersAreNamed() throws {
    try Fixtures.withScratchFolder { folder in
      try writeTinyFolder(folder)
      try FileManager.default.removeItem(at: folder.appendingPathComponent(IDXFolder.testLabels))
      #expect(throws: DataFileError.missing(file: IDXFolder.testLabels, folder: folder.path)) {
        try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
      }
      let nowhere = folder.appendingPathComponent("nowhere")
      #expect(throws: DataFileError.missingFolder(path: nowhere.path)) {
        try IDXFolder(nowhere).load(name: "mnist", classNames: DatasetName.mnist.classNames)
      }
    }
  }

  @Test func aFolderWhereAFileShouldBeIsUnreadable() throws {
    try Fixtures.withScratchFolder { folder in
      try writeTinyFolder(folder)
      let labels = folder.appendingPathComponent(IDXFolder.testLabels)
      try FileManager.default.removeItem(at: labels)
      try FileManager.default.createDirectory(at: labels, withIntermediateDirectories: false)
      #expect(
        throws: DataFileError.unreadable(file: IDXFolder.testLabels, reason: "it is a folder")
      ) {
        try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
      }
    }
  }
}
