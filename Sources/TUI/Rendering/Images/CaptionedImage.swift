/// One small picture for a grid: row-major values (`height` rows of `width`) and a caption
/// (a channel number, a class name).
public struct CaptionedImage: Sendable, Equatable {
  public var values: [Float]
  public var width: Int
  public var height: Int
  public var caption: String

  public init(values: [Float], width: Int, height: Int, caption: String = "") {
    self.values = values
    self.width = width
    self.height = height
    self.caption = caption
  }
}
