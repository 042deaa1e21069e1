import Core
import Foundation

/// The one entry point of `data NAME`: picks the folder, the reader or the generator.
///
/// Folder rule for the file-based sets: `path=DIR` is the folder itself; otherwise each data
/// folder (`--data-dir DIR`, then the download cache) holds one folder per set (`DIR/mnist`,
/// `DIR/fashion`, `DIR/cifar10`), and the first that exists is used; otherwise `mnist` is the
/// built-in sample and the others are refused. Nothing is returned unless everything loaded, so a failed `data` command can
/// leave the previous data set in place.
public enum DataCatalog {
  /// Loads (or generates) `name`.
  ///
  /// Throws ``DataFileError`` for bad files and ``DatasetOptionError`` for bad options.
  public static func load(
    _ name: DatasetName, path: URL? = nil, dataDirs: [URL] = [],
    synthetic: SyntheticOptions = SyntheticOptions()
  ) throws -> DataSplits {
    switch name {
    case .bars: return try BarsGenerator.generate(synthetic)
    case .shapes: return try ShapesGenerator.generate(synthetic)
    case .mnist, .fashion, .cifar10:
      guard let folder = folder(for: name, path: path, dataDirs: dataDirs) else {
        if name == .mnist { return try EmbeddedSample.load() }
        throw DatasetOptionError.folderRequired(dataset: name.rawValue)
      }
      if name == .cifar10 { return try CIFAR10Folder(folder).load(name: name.rawValue) }
      return try IDXFolder(folder).load(name: name.rawValue, classNames: name.classNames)
    }
  }

  /// The folder `load` reads `name` from, or nil when none is given or found.
  public static func folder(for name: DatasetName, path: URL?, dataDirs: [URL]) -> URL? {
    if let path { return path }
    for dataDir in dataDirs {
      let folder = defaultFolder(for: name, dataDir: dataDir)
      var isFolder: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder)
      if exists && isFolder.boolValue { return folder }
    }
    return nil
  }

  /// `DATA_DIR/NAME`: where `download NAME` writes and where `data NAME` looks.
  public static func defaultFolder(for name: DatasetName, dataDir: URL) -> URL {
    dataDir.appendingPathComponent(name.rawValue, isDirectory: true)
  }
}
