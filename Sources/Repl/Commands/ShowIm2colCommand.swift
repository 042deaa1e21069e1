import Core
import Foundation
import Rendering

/// The `show im2col L [at=Y,X] [sample=N]` command: a conv row as the patch matrix and the one
/// GEMM cnnrepl runs for it.
public struct ShowIm2colCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show im2col", category: .inspect,
    abstract: "conv row L as cnnrepl runs it: the patch matrix (im2col) and one GEMM",
    discussion: [
      "Every window of the image becomes a column of P (C·k·k rows); the kernels are the rows",
      "of W; W·P + bias, then the activation, is the whole feature-map stack at once.",
    ],
    arguments: [
      ArgumentSpec("L", "row L", .integer(1...Limits.row.upperBound), help: "a conv row")
    ],
    options: [
      OptionSpec("at", "Y,X", .pair(0...65_535), default: "mid-image", help: "first column shown"),
      .testImage,
    ],
    runsInCheck: false,
    examples: ["show im2col 1", "show im2col 1 at=10,8 sample=3"],
    make: { (a) throws(CommandError) in
      ShowIm2colCommand(
        row: a.integer("L") ?? 1, at: a.integers("at").map { ($0[0], $0[1]) },
        sample: a.integer("sample") ?? 0)
    })

  public var row: Int
  public var at: (y: Int, x: Int)?
  public var sample: Int

  /// Columns of numbers shown (each 7 wide after an 8-wide label: 78 columns).
  static let shownColumns = 10
  static let shownRows = 12

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show im2col"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let m = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try PatchMatrix.compute(
        model: model, data: set, normalization: normalization, index: sample, row: row,
        threads: session.threads)
    }
    let (rows, columns, k) = (m.patchRows, m.patchColumns, m.kernel)
    let out = m.output
    let position = at ?? (out.height / 2, max(0, out.width / 2 - Self.shownColumns / 2))
    guard (0..<out.height).contains(position.0), (0..<out.width).contains(position.1) else {
      throw .refused(
        command: name, problem: "row \(row) has no output position \(position.0),\(position.1)",
        hint: "pick at= with Y from 0 to \(out.height - 1) and X from 0 to \(out.width - 1)")
    }
    let first = position.0 * out.width + position.1
    let shown = first..<min(columns, first + Self.shownColumns)
    let pictureColumns = first..<min(columns, first + 78)
    var picture: [Float] = []
    for r in 0..<rows {
      for c in pictureColumns { picture.append(m.patches[r * columns + c]) }
    }
    output.present(
      .picture(
        .images(
          title: "row \(row): patch matrix P, \(rows) x \(grouped(columns)), "
            + "columns \(pictureColumns.lowerBound)-\(pictureColumns.upperBound - 1)",
          images: [
            CaptionedImage(values: picture, width: pictureColumns.count, height: rows, caption: "P")
          ], palette: .sequential)))
    let cin = m.input.channels
    let activation = m.activation.map { ", \($0.name)" } ?? ""
    var lines = [
      "row \(row) `\(m.layer)` as one matrix product, test image \(sample) "
        + "(label \(InspectionSupport.className(m.label, in: set))):",
      "im2col: row \(m.inputRow)'s \(m.input) → P, \(rows) x \(grouped(columns)): a row per "
        + "(channel, ky, kx), a column per output position",
      "W: \(out.channels) x \(rows), a row per filter (its \(k)x\(k)x\(cin) kernel, row by row)",
      "W · P = \(out.channels) x \(grouped(columns)), + bias\(activation) → the \(out) output "
        + "(a row of W·P is one feature map)",
      "one GEMM of \(grouped(out.channels * rows * columns)) multiply-adds "
        + "(\(out.channels)·\(rows)·\(grouped(columns)), the MACs column)",
      "P, columns for output positions \(Self.position(shown.lowerBound, out))"
        + " to \(Self.position(shown.upperBound - 1, out)):",
    ]
    var header = "  c,y,x "
    for c in shown { header += Self.fit(Self.position(c, out), 7) }
    lines.append(header)
    for r in 0..<min(rows, Self.shownRows) {
      let (c, ky, kx) = (r / (k * k), (r / k) % k, r % k)
      var line = "  " + "\(c),\(ky),\(kx)".padding(toLength: 6, withPad: " ", startingAt: 0)
      for col in shown { line += NumberBlocks.cell(m.patches[r * columns + col]) }
      lines.append(line)
    }
    if rows > Self.shownRows { lines.append("  … \(rows - Self.shownRows) more rows") }
    lines.append("W, first columns:")
    for f in 0..<min(out.channels, 4) {
      var line = "  " + "f \(f)".padding(toLength: 6, withPad: " ", startingAt: 0)
      for r in 0..<min(rows, Self.shownColumns) { line += NumberBlocks.cell(m.weights[f * rows + r]) }
      lines.append(line)
    }
    if out.channels > 4 { lines.append("  … \(out.channels - 4) more filters") }
    lines.append(
      "check: W·P + bias\(activation) equals row \(row)'s output (largest difference "
        + "\(String(format: "%.1g", Double(m.largestDifference))))")
    output.present(.text(InspectionSupport.wrapped(lines)))
  }

  static func position(_ column: Int, _ out: Shape) -> String {
    "\(column / out.width),\(column % out.width)"
  }

  static func fit(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }
}
