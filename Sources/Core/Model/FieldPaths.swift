/// The receptive fields a row can have, one per way down to the input that no other way beats,
/// so the summary can give the largest over all paths of a graph.
///
/// Two paths into a merge may grow the field at different rates (a stride-4 path and a
/// stride-1 path with a wide kernel): the one with the larger field now may be overtaken by the
/// other after the next layers, whose growth is `(k − 1)·jump`. So a row keeps every
/// `(size, jump)` that no other of its paths matches or beats in both, at most
/// ``maximumKept`` (the largest sizes), each with the path it came from for `show rf` and
/// `explain`.
public struct FieldPaths: Sendable {
  /// One path's field at this row and where it came from: the index of the field it grew from
  /// in the row it read (`nil` for the input).
  public struct Path: Sendable {
    public let field: ReceptiveField
    public let source: (row: Int, index: Int)?
  }

  /// Most paths kept per row (a bound on the work; ties in practice are a handful).
  public static let maximumKept = 8

  public let paths: [Path]

  /// The input: one path, one pixel.
  public static let input = FieldPaths(paths: [Path(field: .input, source: nil)])

  /// The fields of a row whose `layer` reads `inputs` (main input first), each path of each
  /// input grown by the layer's window.
  public init(
    layer: any Layer, inputs: [Int], previous: [FieldPaths], shapes: [Shape]
  ) {
    var grown: [Path] = []
    for row in inputs {
      for (index, path) in previous[row].paths.enumerated() {
        grown.append(
          Path(
            field: layer.receptiveField(after: path.field, input: shapes[row]),
            source: (row, index)))
      }
    }
    self.init(paths: Self.undominated(grown))
  }

  private init(paths: [Path]) { self.paths = paths }

  /// The largest field (the first on a tie).
  public var widest: Path {
    paths.dropFirst().reduce(paths[0]) { $1.field.size > $0.field.size ? $1 : $0 }
  }

  /// `paths` without those another path matches or beats in size and jump, largest first.
  private static func undominated(_ paths: [Path]) -> [Path] {
    var kept: [Path] = []
    for path in paths.sorted(by: { $0.field.size > $1.field.size }) {
      let beaten = kept.contains { other in
        other.field.size >= path.field.size && other.field.jump >= path.field.jump
      }
      if !beaten { kept.append(path) }
    }
    return Array(kept.prefix(maximumKept))
  }
}
