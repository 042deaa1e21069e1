/// Which rows each row of a network reads and which rows read it, worked out from the row
/// specs once per edit so the passes only look numbers up.
///
/// Rows are numbered as the summary numbers them: 0 is the input, row `r` is `layers[r − 1]`.
public struct Wiring: Hashable, Sendable {
  /// `inputs[r − 1]`: the rows row `r` reads, its main input first (``RowSpec/inputRows(at:)``).
  public let inputs: [[Int]]
  /// `readers[r]`: the rows that read row `r` (0 … count), ascending, each once.
  public let readers: [[Int]]

  /// `named[r]`: whether some row names row `r` without reading its output (a `maxunpool`
  /// uses its maxpool's indices).
  private let named: Set<Int>

  public init(specs: [RowSpec]) {
    inputs = specs.indices.map { specs[$0].inputRows(at: $0 + 1) }
    var readers = [[Int]](repeating: [], count: specs.count + 1)
    for (i, rows) in inputs.enumerated() {
      for r in Set(rows).sorted() where (0...specs.count).contains(r) { readers[r].append(i + 1) }
    }
    self.readers = readers
    named = Set(specs.compactMap(\.layer.unpooledRow))
  }

  /// True when every row reads only the row above: a plain stack.
  public var isStack: Bool {
    inputs.indices.allSatisfy { inputs[$0] == [$0] }
  }

  /// The last row that reads row `r`, or nil when nothing does.
  public func lastReader(of r: Int) -> Int? { readers[r].last }

  /// Rows `1 … count` whose output nothing reads and that are not the last row: a branch
  /// that leads nowhere (its layers get no gradient).
  public var unusedRows: [Int] {
    guard inputs.count > 1 else { return [] }
    return (1..<inputs.count).filter { readers[$0].isEmpty && !named.contains($0) }
  }

  /// Rows `0 … count` from which some path of reads leads to the last row (the output).
  public var rowsReachingOutput: Set<Int> {
    var reached: Set<Int> = [inputs.count]
    for row in stride(from: inputs.count, through: 1, by: -1) where reached.contains(row) {
      reached.formUnion(inputs[row - 1])
    }
    return reached
  }
}
