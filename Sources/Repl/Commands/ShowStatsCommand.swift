import Core
import Foundation
import Rendering

/// The `show stats [n=N]` command: per row, activation and gradient numbers on one batch.
public struct ShowStatsCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show stats", category: .inspect,
    abstract: "per row: activations (min, mean, max, zeros) and gradient sizes on one batch",
    discussion: [
      "Gradients that shrink row by row toward the input vanish; ones that grow explode;",
      "a relu row with 100% zeros is dead. Computed without changing the model.",
    ],
    options: [
      OptionSpec("n", "N", .integer(1...1024), default: "64", help: "training images in the batch")
    ],
    runsInCheck: false,
    examples: ["show stats", "show stats n=256"],
    make: { (a) throws(CommandError) in ShowStatsCommand(count: a.integer("n") ?? 64) })

  public var count: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show stats"
    let data = try session.requireData(name)
    let set = data.train.count > 0 ? data.train : data.test
    try InspectionSupport.requireIdleModel(
      name, in: session, images: min(count, set.count), pass: .training)
    let model = session.model
    let stats = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try RowStatistics.compute(
        model: model, data: set, normalization: data.normalization, count: count,
        threads: session.threads)
    }
    var lines = [
      "\(stats.images) training images, loss \(String(format: "%.4f", Double(stats.loss))); "
        + "activations, and |∂Loss/∂a| per row:",
      "row layer           output       min    mean     max zeros |grad| mean     max",
    ]
    for r in stats.rows {
      let layer = r.layer.count > 15 ? String(r.layer.prefix(14)) + "…" : r.layer
      lines.append(
        Self.right("\(r.row)", 3) + " " + layer.padding(toLength: 15, withPad: " ", startingAt: 0)
          + " " + "\(r.shape)".padding(toLength: 9, withPad: " ", startingAt: 0)
          + Self.right(Self.short(r.minimum), 7) + " " + Self.right(Self.short(r.mean), 7) + " "
          + Self.right(Self.short(r.maximum), 7)
          + Self.right(String(format: "%.0f%%", Double(100 * r.zeroFraction)), 6)
          + Self.right(Self.tiny(r.gradientMeanMagnitude), 12)
          + Self.right(Self.tiny(r.gradientMaxMagnitude), 8))
    }
    let spatial = stats.rows.filter { $0.row > 0 && $0.gradientMeanMagnitude > 0 }
    if let first = spatial.first, let last = spatial.last, first.row != last.row {
      let ratio = last.gradientMeanMagnitude / max(first.gradientMeanMagnitude, .leastNormalMagnitude)
      lines.append(
        "mean |grad| at row \(first.row) is \(Self.tiny(first.gradientMeanMagnitude)), at row "
          + "\(last.row) \(Self.tiny(last.gradientMeanMagnitude)): "
          + (ratio > 1000
            ? "it shrinks by \(String(format: "%.0f", Double(ratio)))x toward the input (vanishing)"
            : ratio < 0.001 ? "it grows toward the input (exploding)" : "no vanishing or exploding"))
    }
    let dead = stats.rows.filter { $0.row > 0 && $0.zeroFraction == 1 }.map { "\($0.row)" }
    if !dead.isEmpty {
      lines.append("row\(dead.count == 1 ? "" : "s") \(dead.joined(separator: ", ")) output only zeros: dead units")
    }
    let magnitudes = stats.rows.map { Float(log10(Double(max($0.gradientMeanMagnitude, 1e-12)))) }
    output.present(
      .picture(
        .images(
          title: "log10 mean |∂Loss/∂a|, row 0 (left) to row \(stats.rows.count - 1)",
          images: [
            CaptionedImage(values: magnitudes, width: magnitudes.count, height: 1, caption: "")
          ], palette: .sequential)))
    output.present(.text(InspectionSupport.wrapped(lines)))
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
