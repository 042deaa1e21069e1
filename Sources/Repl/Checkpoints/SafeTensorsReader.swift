import Datasets
import ModelFiles

/// A `.safetensors` file opened for `load model` or `import`: its header read and checked
/// first, its data read only on ``tensors()``, after the caller checked the header against the
/// model.
///
/// Rule: nothing is allocated for a file's data before its header has been checked against
/// the file's size (``SafeTensorsHeader``) and, by the caller, against the model; the file
/// itself is refused unread when bigger than ``Datasets/FileSizeLimit/weights``.
public struct SafeTensorsReader {
  public let path: String
  public let header: SafeTensorsHeader
  private let file: OpenedFile
  private let command: String
  private let hint: String

  /// Opens `path` and reads its header; entries `skipping` accepts are left out. Refusals
  /// name `path`, and end with `hint` when the file is damaged.
  public init(
    path: String, skipping: (String) -> Bool = { _ in false }, command: String, hint: String
  ) throws(CommandError) {
    let file = try FileAccess.openFile(path, limit: .weights, command: command)
    do {
      header = try SafeTensorsHeader(fileSize: file.size, skipping: skipping) {
        (offset, count) throws(SafeTensorsError) in try Self.read(file, offset, count)
      }
    } catch {
      throw .refused(command: command, problem: "\(path): \(error.problem)", hint: hint)
    }
    self.path = path
    self.file = file
    self.command = command
    self.hint = hint
  }

  /// The tensors, read from the data section the header describes.
  public func tensors() throws(CommandError) -> SafeTensors {
    do {
      return SafeTensors(
        header: header, data: try Self.read(file, header.dataStart, header.dataBytes)[...])
    } catch {
      throw .refused(command: command, problem: "\(path): \(error.problem)", hint: hint)
    }
  }

  private static func read(_ file: OpenedFile, _ offset: Int, _ count: Int)
    throws(SafeTensorsError) -> [UInt8]
  {
    do { return try file.bytes(at: offset, count: count) } catch {
      throw .unreadable(reason: error.reason)
    }
  }
}
