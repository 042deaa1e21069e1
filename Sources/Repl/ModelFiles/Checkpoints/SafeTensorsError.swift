import Core
import Datasets

/// Why a `.safetensors` file cannot be read, naming the tensor and the numbers.
public enum SafeTensorsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Fewer than the 8 bytes of the header length.
  case tooShort(bytes: Int)
  /// The header length points past the end of the file (or is absurdly large).
  case headerLength(declared: UInt64, available: Int)
  /// The header is not a UTF-8 JSON object.
  case headerNotJSON
  /// `__metadata__` is not an object of strings.
  case badMetadata
  /// A tensor entry lacks `dtype`, `shape` or `data_offsets`, or has the wrong types.
  case badEntry(name: String, problem: String)
  /// A dtype other than F32.
  case unsupportedType(name: String, dtype: String)
  /// `data_offsets` outside the data section, or reversed.
  case offsetsOutOfRange(name: String, begin: Int, end: Int, available: Int)
  /// The byte range does not hold `dtype × shape`.
  case sizeMismatch(name: String, shape: [Int], expectedBytes: Int, actualBytes: Int)
  /// Two tensors share bytes.
  case overlap(name: String, other: String)
  /// Two tensors with one name (when writing).
  case duplicateName(String)
  /// The header is longer than ``SafeTensorsHeader/maxHeaderBytes``.
  case headerTooLarge(bytes: Int, limit: Int)
  /// The header holds more than ``SafeTensorsHeader/maxHeaderItems`` items.
  case headerTooManyItems(limit: Int)
  /// The header nests deeper than ``SafeTensorsHeader/maxDepth``.
  case headerTooDeep(limit: Int)
  /// Data bytes `[begin, end)` belong to no tensor.
  case gap(begin: Int, end: Int)
  /// The entries describe a data section of one size, the file holds another.
  case dataSize(described: Int, actual: Int)
  /// The file could not be read (an I/O error, or it changed while it was read).
  case unreadable(reason: String)

  public var problem: String {
    switch self {
    case .tooShort(let bytes): "the file has \(bytes) bytes, fewer than the 8-byte header length"
    case let .headerLength(declared, available):
      "the header length \(declared) does not fit in the \(available) bytes after it"
    case .headerNotJSON: "the header is not a JSON object"
    case .badMetadata: "`__metadata__` is not an object of strings"
    case let .badEntry(name, problem): "tensor `\(name)`: \(problem)"
    case let .unsupportedType(name, dtype):
      "tensor `\(name)` has dtype \(dtype); only F32 is supported"
    case let .offsetsOutOfRange(name, begin, end, available):
      "tensor `\(name)` has data_offsets [\(begin), \(end)] outside the \(available) data bytes"
    case let .sizeMismatch(name, shape, expected, actual):
      "tensor `\(name)` of shape \(shape) needs \(expected) bytes but has \(actual)"
    case let .overlap(name, other): "tensors `\(name)` and `\(other)` overlap"
    case .duplicateName(let name): "two tensors are named `\(name)`"
    case let .headerTooLarge(bytes, limit):
      "the header is \(describe(bytes)), more than the \(describe(limit)) a header may be"
    case .headerTooManyItems(let limit):
      "the header holds more than \(grouped(limit)) items (entries, numbers, names)"
    case .headerTooDeep(let limit): "the header nests deeper than \(limit) levels"
    case let .gap(begin, end): "data bytes \(begin)..<\(end) belong to no tensor"
    case let .dataSize(described, actual):
      "the header describes \(grouped(described)) data bytes but the file holds \(grouped(actual))"
    case .unreadable(let reason): reason
    }
  }

  public var description: String { problem + "; the file is damaged or not a safetensors file" }
}

/// `16 MiB`, `99.2 MiB`.
private func describe(_ bytes: Int) -> String { FileSizeLimit.describe(bytes) }

/// `60,000`, as the summary table prints counts.
