import Core
import Foundation

/// The MNIST sample built into the binary: 6,000 training and 1,000 test images, balanced.
///
/// Cut by `scripts/make-sample.py` (`make sample`): the first 600 training and the first 100
/// test images of each digit from the official files, in file order, as gzipped IDX files in
/// `Resources/mnist-sample/`.
public enum EmbeddedSample {
  /// Images per class in each split.
  public static let trainPerClass = 600
  public static let testPerClass = 100

  /// The folder of the sample inside the resource bundle.
  ///
  /// `.copy("Resources")` keeps the folder, but Foundation on Linux already reports
  /// `…resources/Resources` as the bundle's resource URL while macOS reports its parent, so
  /// both places are tried.
  public static var folder: URL {
    get throws {
      let bundle = Bundle.module
      let bases = [bundle.resourceURL, bundle.bundleURL].compactMap { $0 }
      let candidates = bases.flatMap {
        [
          $0.appendingPathComponent("Resources/mnist-sample"),
          $0.appendingPathComponent("mnist-sample"),
        ]
      }
      guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) })
      else { throw DataFileError.missingFolder(path: "mnist-sample in the cnnrepl resources") }
      return found
    }
  }

  /// Loads the sample as the data set `mnist`.
  public static func load() throws -> DataSplits {
    try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
  }
}
