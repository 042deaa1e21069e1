import Foundation

/// The part of a safetensors file before its data: the 8-byte header length, the JSON header,
/// and what they say about the data section, all checked before a byte of data is read.
///
/// Rules, in the order they are checked (each refusal a ``SafeTensorsError``):
/// - the header is at most ``maxHeaderBytes`` and fits in the file;
/// - before it is parsed, a scan outside strings finds at most ``maxHeaderItems`` items
///   (`{`, `[` and `,` each count one) and nesting at most ``maxDepth`` deep, so a header of a
///   million empty entries costs nothing to refuse;
/// - it is a JSON object; `__metadata__`, if present, maps strings to strings;
/// - every entry is F32 with a shape of whole numbers ≥ 0 and `data_offsets` `[begin, end]`
///   holding exactly `4 · Π shape` bytes (entries `skipping` names are only placed, their dtype
///   not read: PyTorch's int64 batch counters);
/// - the entries tile the data section: sorted by offset, each begins where the one before ends,
///   the first at 0, and the last ends at the file's end (no overlap, no gap, no trailing bytes,
///   as the reference implementation requires). So the file's size must be exactly
///   `8 + header + data`, and a cut file is always refused.
public struct SafeTensorsHeader: Sendable, Hashable {
  /// One F32 tensor: its name, shape, and byte range in the data section.
  public struct Entry: Sendable, Hashable {
    public var name: String
    public var shape: [Int]
    public var begin: Int
    public var end: Int
    public var count: Int { (end - begin) / 4 }
  }

  /// The F32 entries (skipped ones left out), in file order.
  public var entries: [Entry]
  public var metadata: [String: String]
  /// Bytes of the JSON header (`N`); the data section starts at `8 + N`.
  public var headerBytes: Int
  /// Bytes of the data section, as the entries describe it (and as the file holds).
  public var dataBytes: Int

  public var dataStart: Int { 8 + headerBytes }

  /// Largest header accepted: 16 MiB. A header names each tensor once (about 100 bytes) and
  /// holds the architecture script, itself at most 4 MiB (``Datasets/FileSizeLimit/script``).
  public static let maxHeaderBytes = 16 << 20
  /// Most items in a header: 2^20, about 90,000 tensors' worth (a tensor takes some 11).
  public static let maxHeaderItems = 1 << 20
  /// Deepest nesting of a valid header: the object, an entry, its shape.
  public static let maxDepth = 3

  public func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

  /// Reads and checks the header of a file of `fileSize` bytes through `read(offset, count)`,
  /// which is asked only for ranges inside the file.
  public init(
    fileSize: Int, skipping: (String) -> Bool = { _ in false },
    read: (_ offset: Int, _ count: Int) throws(SafeTensorsError) -> [UInt8]
  ) throws(SafeTensorsError) {
    guard fileSize >= 8 else { throw .tooShort(bytes: fileSize) }
    var length: UInt64 = 0
    for byte in try read(0, 8).reversed() { length = length << 8 | UInt64(byte) }
    guard length <= UInt64(fileSize - 8) else {
      throw .headerLength(declared: length, available: fileSize - 8)
    }
    guard length <= UInt64(Self.maxHeaderBytes) else {
      throw .headerTooLarge(bytes: Int(length), limit: Self.maxHeaderBytes)
    }
    headerBytes = Int(length)
    let text = try read(8, headerBytes)
    try Self.scan(text)
    let available = fileSize - 8 - headerBytes
    let json: Any
    do { json = try JSONSerialization.jsonObject(with: Data(text), options: []) } catch {
      throw .headerNotJSON
    }
    guard let header = json as? [String: Any] else { throw .headerNotJSON }

    metadata = [:]
    if let raw = header["__metadata__"] {
      guard let object = raw as? [String: Any] else { throw .badMetadata }
      for (key, value) in object {
        guard let text = value as? String else { throw .badMetadata }
        metadata[key] = text
      }
    }

    var placed: [(entry: Entry, skipped: Bool)] = []
    for (name, raw) in header where name != "__metadata__" {
      guard let object = raw as? [String: Any] else {
        throw .badEntry(name: name, problem: "not an object")
      }
      let (begin, end) = try Self.offsets(object, name: name, available: available)
      if skipping(name) {
        placed.append((Entry(name: name, shape: [], begin: begin, end: end), true))
        continue
      }
      let shape = try Self.shape(object, name: name, bytes: end - begin, available: available)
      placed.append((Entry(name: name, shape: shape, begin: begin, end: end), false))
    }
    placed.sort {
      ($0.entry.begin, $0.entry.end, $0.entry.name) < ($1.entry.begin, $1.entry.end, $1.entry.name)
    }
    var covered = 0
    var previous: String?
    for (entry, _) in placed {
      if entry.begin < covered, let previous { throw .overlap(name: previous, other: entry.name) }
      if entry.begin > covered { throw .gap(begin: covered, end: entry.begin) }
      covered = entry.end
      previous = entry.name
    }
    guard covered == available else {
      throw .dataSize(described: covered, actual: available)
    }
    dataBytes = covered
    entries = placed.filter { !$0.skipped }.map(\.entry)
  }

  /// `data_offsets` of an entry, inside the `available` data bytes.
  private static func offsets(_ entry: [String: Any], name: String, available: Int)
    throws(SafeTensorsError) -> (Int, Int)
  {
    guard let offsets = integers(entry["data_offsets"]), offsets.count == 2 else {
      throw .badEntry(name: name, problem: "data_offsets is not [begin, end]")
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin >= 0, begin <= end, end <= available else {
      throw .offsetsOutOfRange(name: name, begin: begin, end: end, available: available)
    }
    return (begin, end)
  }

  /// The shape of an F32 entry whose range holds `bytes`, checked to hold `4 · Π shape`.
  private static func shape(_ entry: [String: Any], name: String, bytes: Int, available: Int)
    throws(SafeTensorsError) -> [Int]
  {
    guard let dtype = entry["dtype"] as? String else {
      throw .badEntry(name: name, problem: "no dtype")
    }
    guard dtype == "F32" else { throw .unsupportedType(name: name, dtype: dtype) }
    guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
      throw .badEntry(name: name, problem: "shape is not a list of whole numbers ≥ 0")
    }
    var count = 1
    for side in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: side)
      guard !overflow, product <= available else {
        throw .sizeMismatch(name: name, shape: shape, expectedBytes: Int.max, actualBytes: bytes)
      }
      count = product
    }
    guard 4 * count == bytes else {
      throw .sizeMismatch(name: name, shape: shape, expectedBytes: 4 * count, actualBytes: bytes)
    }
    return shape
  }

  /// Counts items and nesting outside strings; refuses a header past either limit before
  /// it is parsed.
  static func scan(_ text: [UInt8]) throws(SafeTensorsError) {
    var items = 0
    var depth = 0
    var inString = false
    var escaped = false
    for byte in text {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        items += 1
        guard depth <= maxDepth else { throw .headerTooDeep(limit: maxDepth) }
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      case UInt8(ascii: ","): items += 1
      default: continue
      }
      guard items <= maxHeaderItems else { throw .headerTooManyItems(limit: maxHeaderItems) }
    }
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
