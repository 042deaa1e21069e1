import Core
import Foundation

/// `data.safetensors` of `export training`: a session's data exactly as cnnrepl trains on it,
/// so the Python side re-implements nothing.
///
///     train_images  U8  [N, C, H, W]   the training split (padding included), CHW per image
///     train_labels  U8  [N]
///     test_images   U8  [M, C, H, W]
///     test_labels   U8  [M]
///     input_scale   F32 [1]            x = pixel · input_scale + input_offset, in float32,
///     input_offset  F32 [1]            the very operations cnnrepl's batch gather does
///
/// Metadata: `dataset` (its name), `classes` (JSON list of class names), `normalization`
/// (`(x/255 − mean)/std` with its numbers), `padding`.
public enum TrainingDataFile {
  /// The file's bytes.
  public static func encoded(_ data: DataSplits) -> Data {
    let scale = 1 / (255 * data.normalization.std)
    let offset = -data.normalization.mean / data.normalization.std
    func dims(_ set: ImageSet) -> [Int] {
      [set.count, set.shape.channels, set.shape.height, set.shape.width]
    }
    let entries: [(String, String, [Int], [UInt8])] = [
      ("train_images", "U8", dims(data.train), data.train.pixels),
      ("train_labels", "U8", [data.train.count], data.train.labels),
      ("test_images", "U8", dims(data.test), data.test.pixels),
      ("test_labels", "U8", [data.test.count], data.test.labels),
      ("input_scale", "F32", [1], littleEndianBytes(scale)),
      ("input_offset", "F32", [1], littleEndianBytes(offset)),
    ]
    let classes =
      "[" + data.train.classNames.map { SafeTensors.jsonString($0) }.joined(separator: ",") + "]"
    let metadata = [
      "dataset": data.name, "classes": classes, "padding": String(data.padding),
      "normalization":
        "(x/255 - \(formatNumber(data.normalization.mean)))/\(formatNumber(data.normalization.std))",
    ]
    var header: [String] = [
      "\"__metadata__\":{"
        + metadata.keys.sorted().map {
          "\(SafeTensors.jsonString($0)):\(SafeTensors.jsonString(metadata[$0] ?? ""))"
        }.joined(separator: ",") + "}"
    ]
    var offsetBytes = 0
    for (name, dtype, shape, bytes) in entries {
      header.append(
        "\(SafeTensors.jsonString(name)):{\"dtype\":\"\(dtype)\",\"shape\":["
          + shape.map(String.init).joined(separator: ",")
          + "],\"data_offsets\":[\(offsetBytes),\(offsetBytes + bytes.count)]}")
      offsetBytes += bytes.count
    }
    var headerBytes = Array(("{" + header.joined(separator: ",") + "}").utf8)
    while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
    var out = Data(capacity: 8 + headerBytes.count + offsetBytes)
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { out.append(contentsOf: $0) }
    out.append(contentsOf: headerBytes)
    for entry in entries { out.append(contentsOf: entry.3) }
    return out
  }

  private static func littleEndianBytes(_ value: Float) -> [UInt8] {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
  }
}
