/// Ranges the parser accepts for common values: wide enough for any network a laptop can
/// train, narrow enough to catch typos (`conv 3200000 3`).
public enum Limits {
  public static let filters = 1...4096
  public static let kernel = 1...64
  public static let stride = 1...64
  public static let dilation = 1...32
  public static let paddingPixels = 64
  public static let units = 1...1_048_576
  public static let factor = 1...32
  /// Summary rows (`del N`, `show fmap L`).
  public static let row = 0...9_999
  public static let threads = 1...256
  public static let sample = 0...9_999_999
}
