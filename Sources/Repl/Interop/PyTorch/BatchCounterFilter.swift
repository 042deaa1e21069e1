import Foundation

/// Drops PyTorch's `*.num_batches_tracked` entries (int64 counters every `BatchNorm` keeps in
/// its `state_dict`) from a safetensors file's header before it is read, so
/// `safetensors.torch.save_file(model.state_dict(), FILE)` can be imported as it is.
///
/// Only the JSON header is rewritten (`8-byte length, JSON, data`); the data section stays as
/// it was, the counters' bytes becoming an unused gap. Anything that does not look like a
/// safetensors header is returned unchanged, for ``SafeTensors`` to report.
enum BatchCounterFilter {
  static let suffix = ".num_batches_tracked"

  static func apply(_ data: Data) -> Data {
    let bytes = [UInt8](data)
    guard bytes.count >= 8 else { return data }
    var length = 0
    for i in (0..<8).reversed() { length = length << 8 | Int(bytes[i]) }
    guard length > 0, length <= bytes.count - 8, length <= SafeTensors.maxHeaderBytes,
      var header = (try? JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])))
        as? [String: Any]
    else { return data }
    let counters = header.keys.filter { $0.hasSuffix(suffix) }
    guard !counters.isEmpty else { return data }
    for key in counters { header.removeValue(forKey: key) }
    guard var json = try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    else { return data }
    while json.count % 8 != 0 { json.append(0x20) }
    var result = Data(capacity: 8 + json.count + bytes.count - 8 - length)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { result.append(contentsOf: $0) }
    result.append(json)
    result.append(contentsOf: bytes[(8 + length)...])
    return result
  }
}
