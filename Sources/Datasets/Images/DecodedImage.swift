/// One image as a decoder hands it over: `height · width · channels` samples, rows top to
/// bottom, channels interleaved (HWC), each sample on the `0…255` scale whatever the file's
/// bit depth (a 16-bit PGM sample `v` with maxval `M` becomes `v·255/M`).
public struct DecodedImage: Hashable, Sendable {
  public var width: Int
  public var height: Int
  /// 1 (gray) or 3 (RGB).
  public var channels: Int
  public var samples: [Float]

  public init(width: Int, height: Int, channels: Int, samples: [Float]) {
    self.width = width
    self.height = height
    self.channels = channels
    self.samples = samples
  }
}
