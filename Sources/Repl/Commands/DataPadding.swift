import Core
import Datasets

/// What `data … pad=P`, `data folder … pad=P` and `data csv … pad=P` share: the option, the
/// shape it gives and the framing of a loaded set (``Datasets/DataSplits/padded(by:)``), with
/// the refusal of a frame that would not fit in memory.
enum DataPadding {
  /// Largest P the parser accepts: a 28x28 digit in a 92x92 frame is already mostly frame.
  static let maxPixels = 32
  /// Most pixel bytes a padded set may take (train + test), as ``DataCommand/maxSyntheticBytes``.
  static let maxBytes = 1_000_000_000

  /// `pad=P` of every command that loads images.
  static let option = OptionSpec(
    "pad", "P", .integer(0...maxPixels), default: "0",
    help: "P black (zero) pixels around each image")

  /// `shape` with `p` pixels added on each side (what `cnnrepl check` assumes).
  static func shape(_ shape: Shape, padding p: Int) -> Shape {
    Shape(height: shape.height + 2 * p, width: shape.width + 2 * p, channels: shape.channels)
  }

  /// `data` framed by `p` zero pixels per side, or a refusal naming `command` when the framed
  /// pixels would pass ``maxBytes``.
  static func apply(_ p: Int, to data: DataSplits, command: String) throws(CommandError)
    -> DataSplits
  {
    guard p > 0 else { return data }
    try check(p, images: data.train.count + data.test.count, shape: data.train.shape, command)
    return data.padded(by: p)
  }

  /// Refuses `pad=p` when `images` images of `shape` framed by it would pass ``maxBytes``
  /// (synthetic sets are checked before they are generated).
  static func check(_ p: Int, images: Int, shape unpadded: Shape, _ command: String)
    throws(CommandError)
  {
    let framed = shape(unpadded, padding: p)
    let bytes = images * framed.count
    guard bytes > maxBytes else { return }
    throw .refused(
      command: command,
      problem: "pad=\(p) makes \(grouped(images)) images of \(framed): "
        + "\(grouped(bytes / 1_000_000)) MB of pixels",
      hint: "use a smaller pad (at most \(grouped(maxBytes / 1_000_000)) MB)")
  }
}
