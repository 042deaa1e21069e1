import Core

/// The model summary as text: one pure function for the header, each row and the totals, so
/// the line printed after `conv 32 3` lines up with the table `summary` prints.
///
/// Columns: `#`, layer (normalised command), output `HxWxC` (or `N`), params, MACs per image,
/// receptive field `RxR`. Counts are grouped with commas (`104,202`). A network with branches
/// (``ModelSummary/isBranching``) gets an `in` column after `#`: the rows each row reads, its
/// main input first (`3,1` for `add 1` on row 4), so the whole wiring reads off the table.
public enum SummaryTable {
  /// Minimum widths of the columns; a longer cell widens its own line only, up to
  /// ``lineWidth``.
  static let indexWidth = 3
  static let layerWidth = 26
  static let outputWidth = 10
  static let paramsWidth = 10
  static let macsWidth = 13
  static let fieldWidth = 7
  /// The widest a row may print on one line: an 80-column terminal. A longer layer name gets a
  /// line of its own, and the numbers go on the next line in their columns.
  static let lineWidth = 80

  public static var header: String { header(widths: Widths()) }

  static func header(widths: Widths) -> String {
    line(
      index: "#", inputs: "in", layer: "layer", output: "output", params: "params", macs: "MACs",
      field: "RF", widths: widths)
  }

  /// The output and numeric columns' widths: at least the defaults, and in a whole table as
  /// wide as the column's widest entry and its blanks, so large counts never run together.
  struct Widths {
    var output = outputWidth
    var params = paramsWidth
    var macs = macsWidth
    var field = fieldWidth
    /// The `in` column's width, or nil for a plain stack (no column).
    var inputs: Int?

    init() {}

    init(_ rows: [SummaryRow]) {
      if ModelSummary(rows: rows).isBranching {
        inputs = rows.map { SummaryTable.inputs($0).count + 2 }.max().map { max($0, 4) }
        // The `in` column's room comes from the number columns: as wide as their entries need.
        (output, params, macs, field) = (7, 8, 6, 4)
      }
      for row in rows {
        output = max(output, row.outputShape.description.count + 1)
        params = max(params, grouped(row.parameters).count + 2)
        macs = max(macs, grouped(row.macs).count + 2)
        field = max(field, "\(row.receptiveField)x\(row.receptiveField)".count + 2)
      }
    }
  }

  /// One line, or two when the layer name would push the row past ``lineWidth``.
  public static func rows(_ row: SummaryRow) -> [String] { rows(row, widths: Widths()) }

  static func rows(_ row: SummaryRow, widths: Widths) -> [String] {
    func numbers(layer: String) -> String {
      line(
        index: "\(row.index)", inputs: inputs(row), layer: layer, output: row.outputShape.description,
        params: grouped(row.parameters), macs: grouped(row.macs),
        field: "\(row.receptiveField)x\(row.receptiveField)", widths: widths)
    }
    let layer = layerCell(row, showsInputs: widths.inputs != nil)
    let one = numbers(layer: layer)
    guard one.count > lineWidth else { return [one] }
    let lead = widths.inputs.map { indexWidth + 2 + $0 } ?? indexWidth + 2
    let name = String(numbers(layer: "").prefix(lead)) + layer
    let below = numbers(layer: "")
    return [name, String(repeating: " ", count: lead) + below.dropFirst(lead)]
  }

  /// `total params: 104,202 (407.0 KiB)` and the three lines after it.
  public static func totals(_ summary: ModelSummary) -> [String] {
    [
      "total params: \(grouped(summary.totalParameters)) (\(bytes(4 * summary.totalParameters)))",
      "trainable params: \(grouped(summary.trainableParameters)) (\(bytes(4 * summary.trainableParameters)))",
      "MACs per image: \(grouped(summary.macs))",
      "activation memory per image: \(bytes(summary.activationBytes))",
    ]
  }

  /// The whole table: header, every row, totals.
  public static func render(_ summary: ModelSummary) -> [String] {
    guard !summary.rows.isEmpty else {
      return ["(empty model: start with `input 28x28x1` or `input data`)"]
    }
    let widths = Widths(summary.rows)
    let unused = summary.unusedRows
    let warning =
      unused.isEmpty
      ? []
      : [
        "note: no row reads " + (unused.count == 1 ? "row " : "rows ")
          + unused.map(String.init).joined(separator: ", ")
          + ": a branch that leads nowhere; join it with add/concat"
      ]
    return [header(widths: widths)] + summary.rows.flatMap { rows($0, widths: widths) }
      + totals(summary) + warning
  }

  /// `512 B`, `407.0 KiB`, `12.3 MiB` (binary units, one decimal).
  public static func bytes(_ count: Int) -> String { MemoryBudget.describe(count) }

  /// The `in` cell: the rows `row` reads, main input first (`3,1`); empty for the input row.
  /// More than four read rows show the first three and how many more (`9,1,2,+5`).
  public static func inputs(_ row: SummaryRow) -> String {
    let shown = row.inputs.count > 4 ? Array(row.inputs.prefix(3)) : row.inputs
    let more = row.inputs.count - shown.count
    return (shown.map(String.init) + (more > 0 ? ["+\(more)"] : [])).joined(separator: ",")
  }

  /// The layer cell: the row as typed, without its `from=N` when the `in` column shows it.
  public static func layerCell(_ row: SummaryRow, showsInputs: Bool) -> String {
    guard showsInputs, let range = row.layer.range(of: " from=") else { return row.layer }
    let rest = row.layer[range.upperBound...]
    guard rest.allSatisfy(\.isNumber) else { return row.layer }
    return String(row.layer[..<range.lowerBound])
  }

  /// One row; a number wider than its column still gets two blanks before it.
  static func line(
    index: String, inputs: String = "", layer: String, output: String, params: String,
    macs: String, field: String, widths: Widths = Widths()
  ) -> String {
    func number(_ text: String, _ width: Int) -> String {
      pad(text, max(width, text.count + 2), right: true)
    }
    let text =
      pad(index, indexWidth, right: true) + "  "
      + (widths.inputs.map { pad(inputs, $0) } ?? "") + pad(layer, layerWidth) + " "
      + pad(output, max(widths.output, output.count + 1)) + number(params, widths.params)
      + number(macs, widths.macs) + number(field, widths.field)
    return String(text.reversed().drop(while: { $0 == " " }).reversed())
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
  }
}
