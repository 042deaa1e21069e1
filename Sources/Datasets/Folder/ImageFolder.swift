import Core
import Foundation

/// A folder of images with one sub-folder per class.
///
/// The layout is Keras' `image_dataset_from_directory`:
///
///     DIR/cats/001.png  DIR/cats/002.pgm  …
///     DIR/dogs/x.ppm    …
///
/// Classes are the sub-folders' names in sorted (byte) order, label `i` for the `i`-th; every
/// file below a class folder (nested folders too, hidden files left out) is decoded by its
/// content (PNG, PGM, PPM), resized by area averaging (``ImageResizer``) and converted to the
/// chosen channels. A file that cannot be decoded is skipped and reported, never fatal; only a
/// folder that yields no image at all throws. The images are then split per class
/// (``StratifiedSplit``).
public struct ImageFolder {
  public let folder: URL
  /// Most pixel bytes the images may take (2 GB).
  public static let maxBytes = 2_000_000_000

  public init(_ folder: URL) { self.folder = folder }

  public func load(_ options: ImageFolderOptions = ImageFolderOptions()) throws -> UserDataLoad {
    try DataFileReader.requireFolder(folder)
    let classes = try subfolders(of: folder)
    guard !classes.isEmpty else { throw UserDataError.noClassFolders(folder: folder.path) }
    guard classes.count <= UserDataError.maxClasses else {
      throw UserDataError.tooManyClasses(
        source: folder.path, found: classes.count, maximum: UserDataError.maxClasses)
    }

    var size: (height: Int, width: Int)? = nil
    if let height = options.height, let width = options.width { size = (height, width) }
    var images: [(bytes: [UInt8], channels: Int, label: UInt8)] = []
    var skipped: [SkippedInput] = []
    var totalBytes = 0
    for (label, name) in classes.enumerated() {
      let classFolder = folder.appendingPathComponent(name, isDirectory: true)
      for relative in files(below: classFolder) {
        let url = classFolder.appendingPathComponent(relative)
        let shown = name + "/" + relative
        let decoded: DecodedImage
        do {
          decoded = try ImageDecoder.decode(contentsOf: url)
        } catch {
          skipped.append(SkippedInput(name: shown, reason: error.problem))
          continue
        }
        let target = size ?? (decoded.height, decoded.width)
        size = target
        let resized = ImageResizer.resized(decoded, height: target.height, width: target.width)
        let channels = options.color?.channels ?? resized.channels
        totalBytes += target.height * target.width * 3
        guard totalBytes <= Self.maxBytes else {
          throw UserDataError.tooLarge(
            source: folder.path, bytes: totalBytes, maximum: Self.maxBytes)
        }
        images.append(
          (ImageResizer.bytes(resized, channels: channels), channels, UInt8(label)))
      }
    }
    guard let size, !images.isEmpty else {
      throw UserDataError.noImages(
        folder: folder.path, skipped: skipped.count, firstReason: skipped.first?.description)
    }
    let channels = options.color?.channels ?? (images.contains { $0.channels == 3 } ? 3 : 1)
    let shape = Shape(height: size.height, width: size.width, channels: channels)
    var pixels = [UInt8]()
    pixels.reserveCapacity(images.count * shape.count)
    for image in images {
      // Only gray → RGB is left to do here (RGB → gray happened when `color` was given).
      if image.channels == channels {
        pixels += image.bytes
      } else {
        for _ in 0..<channels { pixels += image.bytes }
      }
    }
    let all = ImageSet(
      shape: shape, pixels: pixels, labels: images.map(\.label), classNames: classes)
    let (train, test) = StratifiedSplit.split(
      all, testFraction: options.testFraction, seed: options.seed)
    let data = DataSplits(name: folder.lastPathComponent, train: train, test: test)
    return UserDataLoad(data: data, skipped: skipped, noun: "files")
  }

  /// Non-hidden sub-folders of `url`, sorted.
  private func subfolders(of url: URL) throws -> [String] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: url.path)
    } catch {
      throw DataFileError.unreadable(
        file: url.path, reason: (error as NSError).localizedDescription)
    }
    return names.filter { name in
      var isFolder: ObjCBool = false
      return !name.hasPrefix(".")
        && FileManager.default.fileExists(
          atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
        && isFolder.boolValue
    }.sorted()
  }

  /// Paths (relative to `url`) of the non-hidden regular files below it, sorted.
  private func files(below url: URL) -> [String] {
    guard
      let enumerator = FileManager.default.enumerator(
        at: url, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else { return [] }
    let base = url.standardizedFileURL.path
    var found: [String] = []
    for case let file as URL in enumerator {
      let isFile = (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile ?? false
      guard isFile else { continue }
      var path = file.standardizedFileURL.path
      if path.hasPrefix(base + "/") { path = String(path.dropFirst(base.count + 1)) }
      found.append(path)
    }
    return found.sorted()
  }
}
