/// The activations of one row for one image (`show fmap L [sample=N] [ch=A-B]`).
///
/// An image row `HxWxC` gives one `H x W` grid per channel in `channels`, each with its own
/// range (per-channel scaling, as a grid of small pictures). A flat row of `N` features gives a
/// single `1 x n` strip of the features in `channels`. Row 0 is the (normalised) input.
/// Computed with ``Sequential/forwardCollecting(_:context:)`` in inference mode.
public struct FeatureMaps: Sendable {
  /// The summary row (0 is the input).
  public let row: Int
  /// The row's layer as typed (`conv 32 3 relu`), or `input`.
  public let layer: String
  /// The row's output shape for one image.
  public let shape: Shape
  /// The channels (features, for a flat row) shown.
  public let channels: Range<Int>
  /// One grid per channel of `channels`, or one `1 x n` strip for a flat row.
  public let maps: [Grid]
  /// The image's true class.
  public let label: Int

  /// Feature maps of row `row` for test image `index` of `data`.
  ///
  /// `channels` nil shows them all; a range is clipped to nothing outside the row and refused
  /// when it starts past the last channel.
  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    row: Int, channels: ClosedRange<Int>? = nil, threads: Int = 1
  ) throws(InspectionError) -> FeatureMaps {
    try TestImage.checkRow(row, in: model)
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    let outputs = model.forwardCollecting(
      image, context: ComputeContext(mode: .inference, threads: threads))
    let output = outputs[row]
    let shape = output.shape
    let available = shape.channels
    let chosen: Range<Int>
    if let channels {
      guard channels.lowerBound >= 0, channels.lowerBound < available else {
        throw .noSuchChannel(channel: channels.lowerBound, channels: available, row: row)
      }
      chosen = channels.lowerBound..<min(channels.upperBound + 1, available)
    } else {
      chosen = 0..<available
    }
    let maps: [Grid]
    if shape.isFlat {
      maps = [Grid(height: 1, width: chosen.count, values: Array(output.storage[chosen]))]
    } else {
      maps = chosen.map { Grid(output, channel: $0) }
    }
    return FeatureMaps(
      row: row, layer: row == 0 ? "input" : model.specs[row - 1].description, shape: shape,
      channels: chosen, maps: maps, label: label)
  }
}
