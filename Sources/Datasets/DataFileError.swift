import Core

/// Why a data file could not be read: one case per problem, each naming the file.
///
/// A ``StudentFacingError`` whose `problem` names the file first; `description` is one line a
/// student can act on: `FILE: what is wrong; what to do`.
/// Every loader in this module throws only this type for bad files, whatever their bytes.
public enum DataFileError: StudentFacingError, Hashable, Sendable {
  /// The folder given with `path=` (or under `--data-dir`) does not exist.
  case missingFolder(path: String)
  /// A required file is in neither its `.gz` nor its raw form in `folder`.
  case missing(file: String, folder: String)
  /// The file exists but cannot be read (a folder, no permission, an I/O error).
  case unreadable(file: String, reason: String)
  /// The file is shorter than its fixed header.
  case tooShort(file: String, bytes: Int, needed: Int)
  /// The first two bytes of an IDX file are not zero.
  case badMagic(file: String, magic: UInt32)
  /// The IDX element type is not unsigned bytes (`0x08`).
  case wrongDataType(file: String, code: UInt8)
  /// The IDX file has the wrong number of dimensions (1 for labels, 3 for images).
  case wrongDimensionCount(file: String, found: Int, expected: Int)
  /// Images with a zero side.
  case emptyImages(file: String, height: Int, width: Int)
  /// The file holds no images or labels at all.
  case empty(file: String)
  /// The header's count and the bytes that follow disagree.
  case countMismatch(file: String, header: Int, actual: Int, noun: String)
  /// Bytes left over after the last item the header announces.
  case trailingBytes(file: String, count: Int)
  /// The image file and the label file of one split hold different counts.
  case imageLabelMismatch(images: String, imageCount: Int, labels: String, labelCount: Int)
  /// A label is not a class index.
  case labelOutOfRange(file: String, index: Int, label: Int, classCount: Int)
  /// Training and test images differ in size.
  case shapeMismatch(file: String, found: String, expected: String)
  /// The gzip stream stops before its end.
  case truncatedGzip(file: String)
  /// The gzip stream is damaged (zlib's reason).
  case corruptGzip(file: String, reason: String)
  /// A CIFAR-10 batch whose size is not a whole number of records.
  case recordSize(file: String, bytes: Int, recordSize: Int)
  /// A class-name list with the wrong number of names.
  case classNameCount(file: String, found: Int, expected: Int)
  /// Bigger than ``FileSizeLimit/dataFile`` allows (checked before reading).
  case tooLarge(file: String, bytes: Int, limit: FileSizeLimit)

  /// What is wrong, after the file's name (`train-images-idx3-ubyte: only 12 bytes, …`).
  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case .missingFolder(let path):
      ("\(path): no such folder", "give the folder that holds the files with path=DIR")
    case let .missing(file, folder):
      (
        "\(file): not in \(folder) (with or without .gz)",
        "put the file there or give another folder with path=DIR"
      )
    case let .unreadable(file, reason):
      ("\(file): cannot be read (\(reason))", "check the file and its permissions")
    case let .tooShort(file, bytes, needed):
      (
        "\(file): only \(grouped(bytes)) bytes, shorter than its \(needed)-byte header",
        "the file is cut short, fetch it again"
      )
    case let .badMagic(file, magic):
      (
        "\(file): not an IDX file (magic number \(hex(magic)))",
        "check that this is an MNIST-format file"
      )
    case let .wrongDataType(file, code):
      (
        "\(file): IDX element type \(hex(UInt32(code), digits: 2)) is not unsigned bytes (0x08)",
        "only byte images and labels are supported"
      )
    case let .wrongDimensionCount(file, found, expected):
      (
        "\(file): has \(found) dimension\(found == 1 ? "" : "s"), expected \(expected) "
          + "(\(expected == 3 ? "an image file" : "a label file"))",
        "check the file names"
      )
    case let .emptyImages(file, height, width):
      (
        "\(file): images are \(height)x\(width) pixels",
        "the header is corrupt, fetch the file again"
      )
    case .empty(let file):
      ("\(file): holds no images or labels", "use a complete file")
    case let .countMismatch(file, header, actual, noun):
      (
        "\(file): header says \(grouped(header)) \(noun) but the file holds \(grouped(actual))",
        "the file is cut short or corrupt, fetch it again"
      )
    case let .trailingBytes(file, count):
      (
        "\(file): \(grouped(count)) unexpected bytes after the last item",
        "the header is wrong or the file is corrupt, fetch it again"
      )
    case let .imageLabelMismatch(images, imageCount, labels, labelCount):
      (
        "\(images): holds \(grouped(imageCount)) images but \(labels) holds "
          + "\(grouped(labelCount)) labels",
        "use the two files of the same split"
      )
    case let .labelOutOfRange(file, index, label, classCount):
      (
        "\(file): label \(label) at index \(grouped(index)) is outside 0…\(classCount - 1)",
        "the file is corrupt or not from this data set"
      )
    case let .shapeMismatch(file, found, expected):
      (
        "\(file): images are \(found) but the training images are \(expected)",
        "use files of the same data set"
      )
    case .truncatedGzip(let file):
      (
        "\(file): the compressed data stops before its end",
        "the file is cut short, fetch it again"
      )
    case let .corruptGzip(file, reason):
      ("\(file): damaged gzip data (\(reason))", "fetch the file again")
    case let .recordSize(file, bytes, recordSize):
      (
        "\(file): \(grouped(bytes)) bytes is not a whole number of \(grouped(recordSize))-byte "
          + "records",
        "use the binary version of CIFAR-10, uncut"
      )
    case let .classNameCount(file, found, expected):
      ("\(file): lists \(found) class names, expected \(expected)", "one name per line")
    case let .tooLarge(file, bytes, limit):
      (
        "\(file): " + FileReadError.tooLarge(path: file, bytes: bytes, limit: limit).reason,
        "use a smaller file (a subset of the images) or check that this is the right file"
      )
    }
  }
}
