import Core
import Foundation

/// The `gradcheck [L]` command: each trainable row's analytic gradients against central
/// differences (``GradientChecker``), worst relative error `|a − n| / max(|a| + |n|, 0.01)`.
public struct GradcheckCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "gradcheck", category: .inspect,
    abstract: "compare each layer's backward pass with finite differences",
    arguments: [
      ArgumentSpec(
        "L", "row L", .integer(1...Limits.row.upperBound), optional: true,
        help: "one row (default: every row with weights)")
    ],
    runsInCheck: false,
    examples: ["gradcheck", "gradcheck 1"],
    make: { (a) throws(CommandError) in GradcheckCommand(row: a.integer("L")) })

  public var row: Int?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "gradcheck"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .training)
    let model = session.model
    let reports = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try GradientChecker().check(model: model, row: row)
    }
    guard !reports.isEmpty else {
      output.present(.text(["no row has weights to check; `gradcheck L` checks one row"]))
      return
    }
    var lines = ["  #  layer                      worst error  result"]
    for report in reports {
      let layer = report.layer.count > 26 ? String(report.layer.prefix(25)) + "…" : report.layer
      lines.append(
        Self.pad(String(report.row), 3, left: true) + "  " + Self.pad(layer, 26) + " "
          + Self.pad(String(format: "%.2e", report.worstError), 11, left: true) + "  "
          + (report.passed ? "pass" : "FAIL"))
    }
    let failed = reports.filter { !$0.passed }.count
    let threshold = reports.first.map { String(format: "%.0e", $0.threshold) } ?? "?"
    lines.append(
      failed == 0
        ? (reports.count == 1 ? "the row passes" : "all \(reports.count) rows pass")
          + " (relative error below \(threshold))"
        : "\(failed) of \(reports.count) rows fail (relative error at or above \(threshold))")
    output.present(.text(lines))
  }

  static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return left ? fill + text : text + fill
  }
}
