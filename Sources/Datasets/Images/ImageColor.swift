/// The channels a folder of images is converted to: `gray` (1) or `rgb` (3).
public enum ImageColor: String, CaseIterable, Hashable, Sendable {
  case gray
  case rgb

  public var channels: Int { self == .gray ? 1 : 3 }
}
