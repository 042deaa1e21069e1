import Core
import Foundation
import Rendering

/// How ``RowStatistics`` read on screen (`show stats`, and the picture pane while a training
/// runs): a table of every row's activations and gradient sizes, what it means (vanishing,
/// exploding, dead rows), and a bar per row of log10 mean |∂Loss/∂a|.
///
/// The bar of a row is `2·(log10 g + 8)` cells long (1e-8 or less → empty, 1 → 16 cells), so
/// each decade is two cells and a gradient that shrinks tenfold per row shows as a staircase.
/// The picture's lines fit 40 columns, the picture pane's width beside the notebook.
public enum RowStatisticsReport {
  /// The widest bar, in cells (8 decades).
  static let barCells = 16
  /// Where the bars start on a picture line.
  static let barColumn = 23

  /// The first line: where the numbers come from.
  public static func heading(_ stats: RowStatistics) -> String {
    let loss = String(format: "%.4f", Double(stats.loss))
    if let step = stats.step {
      return "step \(step): \(stats.images) images of the training's batch, after the update; "
        + "loss \(loss)"
    }
    return "\(stats.images) training images, loss \(loss); activations, and |∂Loss/∂a| per row:"
  }

  /// The table (a header and one line per row, at most 78 columns).
  public static func table(_ stats: RowStatistics) -> [String] {
    var lines = ["row layer           output       min    mean     max zeros |grad| mean     max"]
    for r in stats.rows {
      lines.append(
        right("\(r.row)", 3) + " " + cut(r.layer, 15) + " "
          + "\(r.shape)".padding(toLength: 9, withPad: " ", startingAt: 0)
          + right(short(r.minimum), 7) + " " + right(short(r.mean), 7) + " "
          + right(short(r.maximum), 7)
          + right(String(format: "%.0f%%", Double(100 * r.zeroFraction)), 6)
          + right(tiny(r.gradientMeanMagnitude), 12) + right(tiny(r.gradientMaxMagnitude), 8))
    }
    return lines
  }

  /// What the numbers say: whether the mean gradient vanishes or explodes toward the input,
  /// and which rows output only zeros.
  public static func verdicts(_ stats: RowStatistics) -> [String] {
    var lines: [String] = []
    let spatial = stats.rows.filter { $0.row > 0 && $0.gradientMeanMagnitude > 0 }
    if let first = spatial.first, let last = spatial.last, first.row != last.row {
      let ratio = last.gradientMeanMagnitude / max(first.gradientMeanMagnitude, .leastNormalMagnitude)
      lines.append(
        "mean |grad| at row \(first.row) is \(tiny(first.gradientMeanMagnitude)), at row "
          + "\(last.row) \(tiny(last.gradientMeanMagnitude)): "
          + (ratio > 1000
            ? "it shrinks by \(String(format: "%.0f", Double(ratio)))x toward the input (vanishing)"
            : ratio < 0.001 ? "it grows toward the input (exploding)" : "no vanishing or exploding"))
    }
    let dead = deadRows(stats).map { "\($0)" }
    if !dead.isEmpty {
      lines.append(
        "row\(dead.count == 1 ? "" : "s") \(dead.joined(separator: ", ")) output only zeros: "
          + "dead units")
    }
    return lines
  }

  /// Rows after the input whose every output is 0.
  static func deadRows(_ stats: RowStatistics) -> [Int] {
    stats.rows.filter { $0.row > 0 && $0.zeroFraction == 1 }.map(\.row)
  }

  /// The picture: one line per row with its mean |grad| and bar (a dead row says so instead,
  /// in the warning style), then where the numbers come from and the verdicts.
  public static func picture(_ stats: RowStatistics) -> VisualPicture {
    let title =
      stats.step.map { "row statistics at step \($0) (live while training)" }
      ?? "row statistics of \(stats.images) training images"
    var lines = [
      StyledLine(
        "row layer      |grad|".padding(toLength: barColumn, withPad: " ", startingAt: 0)
          + "1e-8    1e-4    1", style: .dim, fit: .cut)
    ]
    let dead = Set(deadRows(stats))
    for r in stats.rows {
      let text = right("\(r.row)", 3) + " " + cut(r.layer, 10) + " "
      let gradient = right(tiny(r.gradientMeanMagnitude), 7) + " "
      lines.append(
        dead.contains(r.row)
          ? StyledLine(text + "dead: every output is 0", style: .warning, fit: .cut)
          : StyledLine(
            spans: [StyledSpan(text + gradient), StyledSpan(bar(r.gradientMeanMagnitude), style: .accent)],
            fit: .cut))
    }
    lines.append(StyledLine(heading(stats), style: .dim, fit: .wrap))
    lines += verdicts(stats).map { StyledLine($0, fit: .wrap) }
    return .lines(title: title, lines: lines)
  }

  /// `2·(log10 g + 8)` cells of `█`, a final `▌` for an odd half; empty for 0.
  static func bar(_ g: Float) -> String {
    guard g > 0 else { return "" }
    let halves = Int(((log10(Double(g)) + 8) * 4).rounded())
    let clamped = max(0, min(2 * barCells, halves))
    return String(repeating: "█", count: clamped / 2) + (clamped % 2 == 1 ? "▌" : "")
  }

  static func cut(_ text: String, _ width: Int) -> String {
    let shown = text.count > width ? String(text.prefix(width - 1)) + "…" : text
    return shown.padding(toLength: width, withPad: " ", startingAt: 0)
  }

  static func right(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  /// Up to 7 characters: `0.131`, `-12.5`, `1.2e+03`.
  static func short(_ x: Float) -> String {
    let text = String(format: "%.3f", Double(x))
    return text.count <= 7 ? (text == "-0.000" ? "0.000" : text) : String(format: "%.2g", Double(x))
  }

  /// Gradients: `1.2e-05`, `0`.
  static func tiny(_ x: Float) -> String { x == 0 ? "0" : String(format: "%.1e", Double(x)) }
}
