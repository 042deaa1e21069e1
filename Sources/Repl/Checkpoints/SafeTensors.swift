import Foundation

/// The safetensors format (Hugging Face), F32 only: what `save model` writes and `load model`
/// reads, and what Python's `safetensors` package reads and writes too.
///
/// Layout: 8 bytes header length `N` (little-endian UInt64), then `N` bytes of UTF-8 JSON
/// `{"__metadata__": {string: string}, NAME: {"dtype": "F32", "shape": [..],
/// "data_offsets": [begin, end]}, …}` padded with spaces to a multiple of 8, then the data
/// section; each tensor's raw little-endian values lie at `[begin, end)` of that section.
public struct SafeTensors: Sendable, Hashable {
  public struct Tensor: Sendable, Hashable {
    public var name: String
    /// Dimensions, outermost first (PyTorch order, as ``Core/Parameter`` stores them).
    public var shape: [Int]
    public var values: [Float]

    public init(name: String, shape: [Int], values: [Float]) {
      self.name = name
      self.shape = shape
      self.values = values
    }
  }

  /// In file order.
  public var tensors: [Tensor]
  public var metadata: [String: String]

  public init(tensors: [Tensor], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }

  /// Largest header accepted when reading (the reference implementation uses 100 MB).
  public static let maxHeaderBytes = 100_000_000

  // MARK: - Writing

  /// The file's bytes: tensors in order, data packed without gaps, metadata keys sorted.
  public func encoded() throws(SafeTensorsError) -> Data {
    var seen = Set<String>()
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map {
        "\(Self.jsonString($0)):\(Self.jsonString(metadata[$0] ?? ""))"
      }
      entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
    }
    var offset = 0
    for tensor in tensors {
      guard seen.insert(tensor.name).inserted, tensor.name != "__metadata__" else {
        throw .duplicateName(tensor.name)
      }
      let bytes = 4 * tensor.values.count
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      entries.append(
        "\(Self.jsonString(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}"
      )
      offset += bytes
    }
    var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    var data = Data(capacity: 8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: header)
    for tensor in tensors {
      let little = tensor.values.map { $0.bitPattern.littleEndian }
      little.withUnsafeBytes { data.append(contentsOf: $0) }
    }
    return data
  }

  /// A JSON string literal for `text` (quotes, backslashes and control characters escaped).
  static func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  // MARK: - Reading

  /// Reads and validates a file's bytes: header length in range, JSON well formed, every
  /// entry F32 with offsets inside the data section, sizes equal to `4·Π shape`, no overlaps.
  public init(decoding data: Data) throws(SafeTensorsError) {
    let bytes = [UInt8](data)
    guard bytes.count >= 8 else { throw .tooShort(bytes: bytes.count) }
    var length: UInt64 = 0
    for i in (0..<8).reversed() { length = length << 8 | UInt64(bytes[i]) }
    guard length <= UInt64(Self.maxHeaderBytes), length <= UInt64(bytes.count - 8) else {
      throw .headerLength(declared: length, available: bytes.count - 8)
    }
    let headerEnd = 8 + Int(length)
    let json: Any
    do {
      json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]), options: [])
    } catch {
      throw .headerNotJSON
    }
    guard let header = json as? [String: Any] else { throw .headerNotJSON }
    let available = bytes.count - headerEnd

    var metadata: [String: String] = [:]
    if let raw = header["__metadata__"] {
      guard let object = raw as? [String: Any] else { throw .badMetadata }
      for (key, value) in object {
        guard let text = value as? String else { throw .badMetadata }
        metadata[key] = text
      }
    }

    struct Located {
      var name: String
      var shape: [Int]
      var begin: Int
      var end: Int
    }
    var located: [Located] = []
    for (name, raw) in header where name != "__metadata__" {
      guard let entry = raw as? [String: Any] else {
        throw .badEntry(name: name, problem: "not an object")
      }
      guard let dtype = entry["dtype"] as? String else {
        throw .badEntry(name: name, problem: "no dtype")
      }
      guard dtype == "F32" else { throw .unsupportedType(name: name, dtype: dtype) }
      guard let shape = Self.integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
        throw .badEntry(name: name, problem: "shape is not a list of whole numbers ≥ 0")
      }
      guard let offsets = Self.integers(entry["data_offsets"]), offsets.count == 2 else {
        throw .badEntry(name: name, problem: "data_offsets is not [begin, end]")
      }
      let (begin, end) = (offsets[0], offsets[1])
      guard begin >= 0, begin <= end, end <= available else {
        throw .offsetsOutOfRange(name: name, begin: begin, end: end, available: available)
      }
      var count = 1
      for side in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: side)
        guard !overflow, product <= available else {
          throw .sizeMismatch(
            name: name, shape: shape, expectedBytes: Int.max, actualBytes: end - begin)
        }
        count = product
      }
      guard 4 * count == end - begin else {
        throw .sizeMismatch(
          name: name, shape: shape, expectedBytes: 4 * count, actualBytes: end - begin)
      }
      located.append(Located(name: name, shape: shape, begin: begin, end: end))
    }
    located.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    for (previous, next) in zip(located, located.dropFirst()) where next.begin < previous.end {
      throw .overlap(name: previous.name, other: next.name)
    }

    tensors = located.map { entry in
      let count = (entry.end - entry.begin) / 4
      var values = [Float](repeating: 0, count: count)
      for i in 0..<count {
        let at = headerEnd + entry.begin + 4 * i
        let bits =
          UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(
            bytes[at + 3]) << 24
        values[i] = Float(bitPattern: bits)
      }
      return Tensor(name: entry.name, shape: entry.shape, values: values)
    }
    self.metadata = metadata
  }

  /// A JSON array of whole numbers (JSONSerialization gives NSNumber; fractions are refused).
  private static func integers(_ value: Any?) -> [Int]? {
    guard let array = value as? [Any] else { return nil }
    var result: [Int] = []
    for element in array {
      guard let number = element as? NSNumber,
        let integer = Int(exactly: number.doubleValue)
      else { return nil }
      result.append(integer)
    }
    return result
  }
}
