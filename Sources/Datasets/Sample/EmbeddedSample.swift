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

  /// The folder of the sample, looked for beside the running binary:
  ///
  ///     BIN/../share/cnnrepl/mnist-sample                    installed (`make install`)
  ///     BIN/cnnrepl_Datasets.resources/Resources/mnist-sample  the build folder (SwiftPM's copy)
  ///     BIN/cnnrepl_Datasets.resources/mnist-sample
  ///
  /// BIN is the folder of the binary itself (links resolved), so a link to an installed binary
  /// works. SwiftPM's own `Bundle.module` is not used: it stops the program when the build
  /// folder is gone, and a copied or installed binary must give an error instead.
  public static var folder: URL {
    get throws {
      let candidates = searchedFolders(binaryFolder: binaryFolder)
      guard let found = candidates.first(where: { isFolder($0) }) else {
        throw DataFileError.missingFolder(
          path: "the built-in MNIST sample (looked in \(candidates.map(\.path).joined(separator: ", ")))")
      }
      return found
    }
  }

  /// Where ``folder`` looks, in order, for a binary in `binaryFolder`.
  public static func searchedFolders(binaryFolder: URL) -> [URL] {
    let bundle = binaryFolder.appendingPathComponent("cnnrepl_Datasets.resources")
    return [
      binaryFolder.deletingLastPathComponent().appendingPathComponent("share/cnnrepl/mnist-sample"),
      bundle.appendingPathComponent("Resources/mnist-sample"),
      bundle.appendingPathComponent("mnist-sample"),
    ].map(\.standardizedFileURL)
  }

  /// The running binary's folder, its links resolved.
  static var binaryFolder: URL {
    let own = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    let binary = own.path == "/proc/self/exe" ? Bundle.main.executableURL ?? own : own
    return binary.resolvingSymlinksInPath().deletingLastPathComponent()
  }

  private static func isFolder(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  /// Loads the sample as the data set `mnist`.
  public static func load() throws -> DataSplits {
    try IDXFolder(folder).load(name: "mnist", classNames: DatasetName.mnist.classNames)
  }
}
