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
  /// The file's bytes (its names are fixed, so framing never refuses them).
  public static func encoded(_ data: DataSplits) throws(SafeTensorsError) -> Data {
    let scale = 1 / (255 * data.normalization.std)
    let offset = -data.normalization.mean / data.normalization.std
    func dims(_ set: ImageSet) -> [Int] {
      [set.count, set.shape.channels, set.shape.height, set.shape.width]
    }
    let tensors = [
      SafeTensors.RawTensor(
        name: "train_images", shape: dims(data.train), payload: .uint8(data.train.pixels)),
      SafeTensors.RawTensor(
        name: "train_labels", shape: [data.train.count], payload: .uint8(data.train.labels)),
      SafeTensors.RawTensor(
        name: "test_images", shape: dims(data.test), payload: .uint8(data.test.pixels)),
      SafeTensors.RawTensor(
        name: "test_labels", shape: [data.test.count], payload: .uint8(data.test.labels)),
      SafeTensors.RawTensor(
        name: "input_scale", shape: [1], payload: .float32([scale])),
      SafeTensors.RawTensor(
        name: "input_offset", shape: [1], payload: .float32([offset])),
    ]
    let classes =
      "[" + data.train.classNames.map { SafeTensors.jsonString($0) }.joined(separator: ",") + "]"
    let metadata = [
      "dataset": data.name, "classes": classes, "padding": String(data.padding),
      "normalization":
        "(x/255 - \(formatNumber(data.normalization.mean)))/\(formatNumber(data.normalization.std))",
    ]
    return try SafeTensors.framed(tensors, metadata: metadata)
  }
}
