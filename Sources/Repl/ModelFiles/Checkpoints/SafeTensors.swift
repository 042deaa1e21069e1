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

  // MARK: - Writing

  /// The file's bytes: tensors in order, data packed without gaps, metadata keys sorted.
  public func encoded() throws(SafeTensorsError) -> Data {
    try Self.framed(
      tensors.map { RawTensor(name: $0.name, shape: $0.shape, payload: .float32($0.values)) },
      metadata: metadata)
  }

  /// One tensor as the file holds it: its name, shape and values of one dtype.
  public struct RawTensor: Sendable {
    /// The values: `F32` (little-endian IEEE 754) or `U8` bytes.
    public enum Payload: Sendable {
      case float32([Float])
      case uint8([UInt8])

      var dtype: String {
        switch self {
        case .float32: "F32"
        case .uint8: "U8"
        }
      }

      var byteCount: Int {
        switch self {
        case .float32(let values): 4 * values.count
        case .uint8(let bytes): bytes.count
        }
      }
    }

    public var name: String
    public var shape: [Int]
    public var payload: Payload

    public init(name: String, shape: [Int], payload: Payload) {
      self.name = name
      self.shape = shape
      self.payload = payload
    }
  }

  /// The file framing `raw` (in order, packed without gaps) and `metadata` (keys sorted):
  /// the header length, the JSON header padded with spaces to a multiple of 8, the data,
  /// appended one tensor at a time. Refuses a name used twice, and `__metadata__`.
  public static func framed(_ raw: [RawTensor], metadata: [String: String])
    throws(SafeTensorsError) -> Data
  {
    var seen = Set<String>()
    var entries: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.keys.sorted().map {
        "\(jsonString($0)):\(jsonString(metadata[$0] ?? ""))"
      }
      entries.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
    }
    var offset = 0
    for tensor in raw {
      guard seen.insert(tensor.name).inserted, tensor.name != "__metadata__" else {
        throw .duplicateName(tensor.name)
      }
      let shape = tensor.shape.map(String.init).joined(separator: ",")
      let end = offset + tensor.payload.byteCount
      entries.append(
        "\(jsonString(tensor.name)):{\"dtype\":\"\(tensor.payload.dtype)\",\"shape\":[\(shape)],"
          + "\"data_offsets\":[\(offset),\(end)]}")
      offset = end
    }
    var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
    while header.count % 8 != 0 { header.append(0x20) }
    var data = Data(capacity: 8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: header)
    for tensor in raw {
      switch tensor.payload {
      case .float32(let values):
        let little = values.map { $0.bitPattern.littleEndian }
        little.withUnsafeBytes { data.append(contentsOf: $0) }
      case .uint8(let bytes):
        data.append(contentsOf: bytes)
      }
    }
    return data
  }

  /// A JSON string literal for `text` (quotes, backslashes and control characters escaped).
  public static func jsonString(_ text: String) -> String {
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

  /// The tensors `header` describes, their values read from `data`, the file's data section
  /// (``SafeTensorsHeader/dataBytes`` long; the header checked that it is).
  public init(header: SafeTensorsHeader, data: ArraySlice<UInt8>) {
    tensors = data.withUnsafeBytes { raw in
      header.entries.map { entry in
        let values = (0..<entry.count).map { i in
          Float(
            bitPattern: UInt32(
              littleEndian: raw.loadUnaligned(fromByteOffset: entry.begin + 4 * i, as: UInt32.self))
          )
        }
        return Tensor(name: entry.name, shape: entry.shape, values: values)
      }
    }
    metadata = header.metadata
  }

  /// Reads and validates a whole file held in memory (see ``SafeTensorsHeader`` for the
  /// rules); entries whose names `skipping` accepts are left out.
  public init(decoding data: Data, skipping: (String) -> Bool = { _ in false })
    throws(SafeTensorsError)
  {
    let bytes = [UInt8](data)
    let header = try SafeTensorsHeader(fileSize: bytes.count, skipping: skipping) {
      (offset, count) throws(SafeTensorsError) in Array(bytes[offset..<(offset + count)])
    }
    self.init(header: header, data: bytes[header.dataStart...])
  }
}
