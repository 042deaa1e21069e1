import Core
import Datasets
import Testing

@Suite struct IDXReaderTests {
  let name = "train-images-idx3-ubyte.gz"

  @Test func readsImagesAfterCheckingTheHeader() throws {
    let bytes = Fixtures.idxHeader([2, 2, 3]) + (1...12).map(UInt8.init)
    let (shape, pixels) = try IDXReader.images(from: bytes, file: name)
    #expect(shape == Shape(height: 2, width: 3, channels: 1))
    #expect(pixels == (1...12).map(UInt8.init))
  }

  @Test func headerCountAboveTheBytesNamesBothNumbers() {
    // 2x2 images: the header promises 60,000 but only 24,345 (and a bit) follow.
    let bytes = Fixtures.idxHeader([60_000, 2, 2]) + [UInt8](repeating: 7, count: 24_345 * 4 + 3)
    #expect(
      throws: DataFileError.countMismatch(
        file: name, header: 60_000, actual: 24_345, noun: "images")
    ) { try IDXReader.images(from: bytes, file: name) }
  }

  @Test func hugeDimensionsDoNotOverflow() {
    let bytes = Fixtures.idxHeader([Int(UInt32.max), Int(UInt32.max), Int(UInt32.max)]) + [1, 2]
    #expect(
      throws: DataFileError.countMismatch(
        file: name, header: Int(UInt32.max), actual: 0, noun: "images")
    ) { try IDXReader.images(from: bytes, file: name) }
  }

  @Test func refusesEveryBadHeaderField() {
    let cases: [([UInt8], DataFileError)] = [
      ([], .tooShort(file: name, bytes: 0, needed: 16)),
      ([0x1F, 0x8B, 8, 0], .badMagic(file: name, magic: 0x1F8B_0800)),
      ([0, 0, 0x0D, 3] + [UInt8](repeating: 0, count: 12), .wrongDataType(file: name, code: 0x0D)),
      (
        Fixtures.idxHeader([5]) + [0, 1, 2, 3, 4],
        .wrongDimensionCount(file: name, found: 1, expected: 3)
      ),
      (
        Array(Fixtures.idxHeader([1, 28, 28])[0..<10]), .tooShort(file: name, bytes: 10, needed: 16)
      ),
      (Fixtures.idxHeader([1, 0, 28]), .emptyImages(file: name, height: 0, width: 28)),
      (Fixtures.idxHeader([0, 28, 28]), .empty(file: name)),
      (Fixtures.idxHeader([1, 1, 2]) + [1, 2, 3], .trailingBytes(file: name, count: 1)),
    ]
    for (bytes, expected) in cases {
      #expect(throws: expected) { try IDXReader.images(from: bytes, file: name) }
    }
  }

  @Test func labelsAreCheckedAgainstTheClassCount() throws {
    let file = "train-labels-idx1-ubyte"
    #expect(
      try IDXReader.labels(from: Fixtures.idxHeader([3]) + [0, 9, 5], file: file, classCount: 10)
        == [0, 9, 5])
    #expect(throws: DataFileError.labelOutOfRange(file: file, index: 2, label: 10, classCount: 10))
    {
      try IDXReader.labels(from: Fixtures.idxHeader([3]) + [0, 9, 10], file: file, classCount: 10)
    }
    #expect(throws: DataFileError.countMismatch(file: file, header: 5, actual: 3, noun: "labels")) {
      try IDXReader.labels(from: Fixtures.idxHeader([5]) + [0, 1, 2], file: file, classCount: 10)
    }
    #expect(throws: DataFileError.wrongDimensionCount(file: file, found: 3, expected: 1)) {
      try IDXReader.labels(from: Fixtures.idxHeader([1, 1, 1]) + [0], file: file, classCount: 10)
    }
  }
}
