import Core
import Rendering

/// The live feature maps of the visual pane: one row's activations for the probe image, one
/// small image per channel (the first `maxChannels`), each scaled on its own.
///
/// `activations[0]` is the input, `activations[r]` the output of row `r` (batch 1, NCHW, so
/// channel `c` is `storage[c·H·W ..< (c+1)·H·W]`). Flat rows have no map and give nil.
public enum FeatureMapPicture {
  public static let maxChannels = 16

  /// The row shown by default: the first `conv` (else the first row with a spatial output).
  public static func defaultRow(specs: [LayerSpec], shapes: [Shape]) -> Int? {
    if let conv = specs.firstIndex(where: { if case .conv = $0 { true } else { false } }) {
      return conv + 1
    }
    return shapes.indices.dropFirst().first { !shapes[$0].isFlat }
  }

  public static func picture(
    activations: [Tensor], row: Int, layer: String, step: Int
  ) -> VisualPicture? {
    guard activations.indices.contains(row) else { return nil }
    let tensor = activations[row]
    let shape = tensor.shape
    guard !shape.isFlat, shape.height > 0, shape.width > 0 else { return nil }
    let plane = shape.height * shape.width
    let channels = min(maxChannels, shape.channels)
    guard tensor.storage.count >= channels * plane else { return nil }
    let images = (0..<channels).map { c in
      CaptionedImage(
        values: Array(tensor.storage[(c * plane)..<((c + 1) * plane)]), width: shape.width,
        height: shape.height, caption: "\(c)")
    }
    return .images(title: "row \(row) \(layer), step \(step)", images: images, palette: .sequential)
  }
}
