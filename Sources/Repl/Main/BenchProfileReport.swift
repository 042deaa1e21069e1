import Core
import Foundation

/// The table `cnnrepl bench --profile` prints after the usual bench lines: one line per layer
/// kind, slowest first, then where the rest of a training step went.
///
/// Columns, per training step (one batch):
///
///     fwd ms, bwd ms   wall-clock milliseconds of the kind's forward / backward calls
///     GFLOP/s          nominal FLOPs / seconds / 10⁹ (FLOPs: 2·MACs forward; backward 2x
///                      forward with trainable weights, 1x for the data conv and weightless
///                      layers — see LayerProfiler.profile(of:))
///     peak             GFLOP/s / peak, peak = peak-gflops · threads / 2 (204 GFLOP/s is the
///                      measured FMA peak of this machine on 2 threads, BENCHMARKS.md)
///     MFLOP/img        forward FLOPs per image, 2·MACs of the summary, over the kind's rows
///     step             (fwd + bwd) / the step's wall-clock time
///
/// Fused groups (a conv with the `maxpool 2` it runs inside) are one line named by their
/// members, `conv+relu+maxpool`; a row's own activation is part of its kind (`conv+relu`).
/// `perRow` prints one line per row or fused group instead of one per kind.
enum BenchProfileReport {
  /// The report's lines for `profile`, trained on `threads` threads, against a 2-thread peak of
  /// `peakGFLOPS` GFLOP/s.
  static func lines(
    profile: TrainingProfile, threads: Int, peakGFLOPS: Double, perRow: Bool = false
  ) -> [String] {
    let steps = max(profile.steps, 1)
    let peak = peakGFLOPS * Double(threads) / 2
    let step = profile.stepSeconds
    /// Milliseconds per step of `seconds` summed over the steps.
    func ms(_ seconds: Double) -> String { String(format: "%.3f", seconds * 1e3 / Double(steps)) }
    func share(_ seconds: Double) -> String {
      step > 0 ? String(format: "%.1f%%", 100 * seconds / step) : "-"
    }
    func rate(_ pass: PassTiming) -> (String, String) {
      guard let gflops = pass.gflopsPerSecond else { return ("-", "-") }
      let ofPeak = peak > 0 ? String(format: "%.0f%%", 100 * gflops / peak) : "-"
      return (String(format: "%.1f", gflops), ofPeak)
    }
    let imagesPerStep = Double(profile.images) / Double(steps)
    var lines = [
      String(
        format: "profile: %d steps of %.0f images on %d thread(s), per step; peak %.1f GFLOP/s",
        profile.steps, imagesPerStep, threads, peak),
      row(
        "kind", "rows", "fwd ms", "GFLOP/s", "peak", "bwd ms", "GFLOP/s", "peak", "MFLOP/img",
        "step"),
    ]
    let entries = perRow ? profile.units.sorted { $0.seconds > $1.seconds } : profile.kinds
    for kind in entries {
      let (forwardRate, forwardPeak) = rate(kind.forward)
      let (backwardRate, backwardPeak) = rate(kind.backward)
      let units = perRow ? [kind] : profile.units.filter { $0.name == kind.name }
      lines.append(
        row(
          kind.name, rows(of: units), ms(kind.forward.seconds), forwardRate,
          forwardPeak, ms(kind.backward.seconds), backwardRate, backwardPeak,
          String(format: "%.3f", Double(kind.forwardFLOPsPerImage) * 1e-6),
          share(kind.seconds)))
    }
    let forwardLayers = profile.units.reduce(0) { $0 + $1.forward.seconds }
    let backwardLayers = profile.units.reduce(0) { $0 + $1.backward.seconds }
    lines.append(
      row(
        "layers (sum)", "", ms(forwardLayers), "", "", ms(backwardLayers), "", "", "",
        share(profile.unitSeconds)))
    let rest: [(String, Double)] = [
      ("pass bookkeeping", profile.passOverheadSeconds),
      ("loss", profile.seconds(of: .loss)),
      ("optimizer", profile.seconds(of: .optimizer)),
      ("data (batch gather)", profile.seconds(of: .data)),
      ("other (copy, checks)", profile.remainderSeconds),
    ]
    for (name, seconds) in rest {
      lines.append(row(name, "", ms(seconds), "", "", "", "", "", "", share(seconds)))
    }
    let overall = step > 0 ? profile.flops / step / 1e9 : 0
    lines.append(
      row(
        "step", "", ms(step), String(format: "%.1f", overall),
        peak > 0 ? String(format: "%.0f%%", 100 * overall / peak) : "-", "", "", "", "",
        step > 0 ? "100.0%" : "-"))
    lines.append(
      "(nominal FLOPs: 2·MACs forward; backward 2x with weights, 1x for the data conv; "
        + "Winograd does fewer)")
    return lines
  }

  /// The rows of `units`: `3` for a row, `1-2` for a fused group, joined by commas and cut to
  /// the column's width.
  private static func rows(of units: [ProfiledUnit]) -> String {
    let text = units.map { unit in
      unit.rows.count == 1 ? "\(unit.rows[0])" : "\(unit.rows[0])-\(unit.rows[unit.rows.count - 1])"
    }.joined(separator: ",")
    return text.count <= rowsWidth ? text : String(text.prefix(rowsWidth - 1)) + "…"
  }

  private static let rowsWidth = 11

  /// One line of the table: the kind left-aligned in 22 columns, the rows in 11, the numbers
  /// right-aligned (92 columns in all).
  private static func row(
    _ kind: String, _ rows: String, _ forwardMs: String, _ forwardRate: String,
    _ forwardPeak: String, _ backwardMs: String, _ backwardRate: String, _ backwardPeak: String,
    _ megaflops: String, _ share: String
  ) -> String {
    func left(_ text: String, _ width: Int) -> String {
      text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
    func right(_ text: String, _ width: Int) -> String {
      text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
    let line =
      left(kind, 22) + left(rows, rowsWidth) + right(forwardMs, 8) + right(forwardRate, 9)
      + right(forwardPeak, 6) + right(backwardMs, 9) + right(backwardRate, 9)
      + right(backwardPeak, 6) + right(megaflops, 11) + right(share, 8)
    return line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
  }
}
