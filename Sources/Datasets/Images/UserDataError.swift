import Core

/// Why a folder of images or a pixel CSV gave no data set at all (single bad files or rows
/// are skipped instead, see ``SkippedInput``).
///
/// A ``StudentFacingError`` whose `problem` names the folder or file first.
public enum UserDataError: StudentFacingError, Hashable, Sendable {
  /// The folder holds no sub-folders (one per class is needed).
  case noClassFolders(folder: String)
  /// Not one image could be read; `skipped` files were tried.
  case noImages(folder: String, skipped: Int, firstReason: String?)
  /// More classes than labels can hold.
  case tooManyClasses(source: String, found: Int, maximum: Int)
  /// The images would take more memory than allowed.
  case tooLarge(source: String, bytes: Int, maximum: Int)
  /// A CSV with no usable row.
  case noRows(file: String, skipped: Int, firstReason: String?)
  /// The number of pixel columns does not give a known shape.
  case shapeRequired(file: String, pixelColumns: Int)
  /// `shape=` does not match the number of pixel columns.
  case shapeMismatch(file: String, pixelColumns: Int, shape: String)

  public static let maxClasses = 256

  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case .noClassFolders(let folder):
      (
        "\(folder): has no class folders",
        "put each class's images in a sub-folder of its own "
          + "(\(folder)/cats/…, \(folder)/dogs/…)"
      )
    case let .noImages(folder, skipped, firstReason):
      (
        "\(folder): no image could be read (\(grouped(skipped)) files skipped"
          + "\(firstReason.map { ", e.g. \($0)" } ?? ""))",
        "use PNG, PGM or PPM files"
      )
    case let .tooManyClasses(source, found, maximum):
      (
        "\(source): \(grouped(found)) classes is more than \(maximum)",
        "use at most \(maximum) classes"
      )
    case let .tooLarge(source, bytes, maximum):
      (
        "\(source): the images would take \(bytes / 1_000_000) MB",
        "use a smaller size= or fewer images (at most \(maximum / 1_000_000) MB)"
      )
    case let .noRows(file, skipped, firstReason):
      (
        "\(file): no usable row (\(grouped(skipped)) rows skipped"
          + "\(firstReason.map { ", e.g. \($0)" } ?? ""))",
        "each row is a label and the pixels 0-255, separated by commas"
      )
    case let .shapeRequired(file, pixelColumns):
      (
        "\(file): \(grouped(pixelColumns)) pixel columns is not a square gray image",
        "give the image size with shape=HxWxC"
      )
    case let .shapeMismatch(file, pixelColumns, shape):
      (
        "\(file): rows have \(grouped(pixelColumns)) pixel columns but shape=\(shape) "
          + "needs a different number",
        "check shape= and label="
      )
    }
  }
}
