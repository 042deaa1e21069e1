/// The shape of one sample as users see it: `HxWxC` (as Keras prints it), or `N` once flattened.
///
/// A flat shape is stored as `1x1xN` with `isFlat` set, so code that walks channels works on
/// both. Inside a ``Tensor`` the same numbers are laid out NCHW.
public struct Shape: Hashable, Sendable, CustomStringConvertible {
  public var height: Int
  public var width: Int
  public var channels: Int
  /// True after `flatten` or `dense`: printed as `N`, and only layers that take vectors accept it.
  public var isFlat: Bool

  public init(height: Int, width: Int, channels: Int) {
    self.height = height
    self.width = width
    self.channels = channels
    self.isFlat = false
  }

  /// A vector of `count` features (`N` in the summary table).
  public static func flat(_ count: Int) -> Shape {
    var shape = Shape(height: 1, width: 1, channels: count)
    shape.isFlat = true
    return shape
  }

  /// Number of Float32 values in one sample: `H·W·C`.
  public var count: Int { height * width * channels }

  /// `28x28x1`, or `1152` when flat.
  public var description: String {
    isFlat ? "\(channels)" : "\(height)x\(width)x\(channels)"
  }

  /// Parses `HxWxC` (or `HxW`, meaning one channel). Returns nil for anything else.
  public init?(parsing text: String) {
    let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    let numbers = parts.compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
    guard numbers.count == parts.count, (2...3).contains(numbers.count),
      numbers.allSatisfy({ $0 > 0 })
    else { return nil }
    self.init(height: numbers[0], width: numbers[1], channels: numbers.count == 3 ? numbers[2] : 1)
  }
}
