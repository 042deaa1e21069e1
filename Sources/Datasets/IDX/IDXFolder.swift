import Core
import Foundation

/// A folder holding the four standard IDX files of MNIST or Fashion-MNIST, `.gz` or raw.
public struct IDXFolder: Sendable {
  /// The standard file names, without `.gz`.
  public static let trainImages = "train-images-idx3-ubyte"
  public static let trainLabels = "train-labels-idx1-ubyte"
  public static let testImages = "t10k-images-idx3-ubyte"
  public static let testLabels = "t10k-labels-idx1-ubyte"
  /// All four, in download order.
  public static let fileNames = [trainImages, trainLabels, testImages, testLabels]

  public var folder: URL

  public init(_ folder: URL) { self.folder = folder }

  /// Loads both splits; the test images must have the training images' shape.
  public func load(name: String, classNames: [String]) throws -> DataSplits {
    try DataFileReader.requireFolder(folder)
    let train = try split(
      images: Self.trainImages, labels: Self.trainLabels, classNames: classNames)
    let test = try split(images: Self.testImages, labels: Self.testLabels, classNames: classNames)
    guard test.shape == train.shape else {
      throw DataFileError.shapeMismatch(
        file: Self.testImages, found: test.shape.description, expected: train.shape.description)
    }
    return DataSplits(name: name, train: train, test: test)
  }

  /// One split: an image file and its label file, whose counts must agree.
  func split(images: String, labels: String, classNames: [String]) throws -> ImageSet {
    let imageURL = try DataFileReader.locate(images, in: folder)
    let labelURL = try DataFileReader.locate(labels, in: folder)
    let imageFile = imageURL.lastPathComponent
    let labelFile = labelURL.lastPathComponent
    // A raw file's header is checked against its size before the rest is read.
    let imageBytes = try DataFileReader.bytes(at: imageURL) { head, size in
      _ = try IDXReader.imageSizes(head, fileSize: size, file: imageFile)
    }
    let (shape, pixels) = try IDXReader.images(from: imageBytes, file: imageFile)
    let labelBytes = try IDXReader.labels(
      from: DataFileReader.bytes(at: labelURL) { head, size in
        _ = try IDXReader.labelCount(head, fileSize: size, file: labelFile)
      },
      file: labelFile, classCount: classNames.count)
    let imageCount = pixels.count / shape.count
    guard imageCount == labelBytes.count else {
      throw DataFileError.imageLabelMismatch(
        images: imageFile, imageCount: imageCount, labels: labelFile,
        labelCount: labelBytes.count)
    }
    return ImageSet(shape: shape, pixels: pixels, labels: labelBytes, classNames: classNames)
  }
}
