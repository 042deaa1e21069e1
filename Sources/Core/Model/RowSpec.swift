/// One row of a network as a value: its layer and where it reads from.
///
/// A row reads the output of the row above unless `from` names another (`conv 8 3 from=6`);
/// `add` and `concat` rows read further rows named in their ``LayerSpec`` (`add 1 3`), and
/// `maxunpool N` reads row N's indices. Row 0 is the input, so every reference is a number
/// `0 … row − 1`: the rows are always in an order the forward pass can follow, and a network
/// with no `from=`, `add` or `concat` is the plain stack it always was.
///
/// `description` is the command as the summary and saved sessions write it, `from=N` last
/// (`conv 8 3 pad=same relu from=6`).
public struct RowSpec: Hashable, Sendable, CustomStringConvertible {
  public var layer: LayerSpec
  /// The row whose output this row reads instead of the row above, or nil for the row above.
  public var from: Int?

  public init(_ layer: LayerSpec, from: Int? = nil) {
    self.layer = layer
    self.from = from
  }

  public var description: String {
    guard let from else { return layer.description }
    return "\(layer) from=\(from)"
  }

  /// The rows this row reads, the main input first: `[from ?? row − 1] + add/concat rows`.
  public func inputRows(at row: Int) -> [Int] {
    [from ?? row - 1] + layer.mergedRows
  }

  /// Every earlier row this row names explicitly (`from=`, `add`/`concat` rows, `maxunpool`'s
  /// pool), which edits must renumber or protect.
  public var namedRows: [Int] {
    (from.map { [$0] } ?? []) + layer.mergedRows + (layer.unpooledRow.map { [$0] } ?? [])
  }

  /// The same row with every named row number passed through `renumber`.
  public func renumbered(_ renumber: (Int) -> Int) -> RowSpec {
    var copy = self
    copy.from = from.map(renumber)
    switch layer {
    case .add(let rows): copy.layer = .add(rows: rows.map(renumber))
    case .concat(let rows): copy.layer = .concat(rows: rows.map(renumber))
    case .maxUnpool(let row): copy.layer = .maxUnpool(poolRow: renumber(row))
    default: break
    }
    return copy
  }
}

extension LayerSpec {
  /// The rows an `add` or `concat` merges with its main input (`[]` for other layers).
  public var mergedRows: [Int] {
    switch self {
    case .add(let rows), .concat(let rows): rows
    default: []
    }
  }

  /// The maxpool row a `maxunpool` reads, or nil.
  public var unpooledRow: Int? {
    if case .maxUnpool(let row) = self { return row }
    return nil
  }
}
