import Foundation

/// The training pane: a progress line, then the loss chart (and the accuracy chart under it
/// when there are at least 8 chart rows and accuracy points).
///
/// Progress line: `ep 1/3 <bar> 120/750 1234 img/s ETA 0:42 loss 0.123`; the optional fields
/// are dropped from the right until the bar has at least 5 columns.
public enum TrainingPane {
  public static func progressLine(_ d: TrainingDisplay, width: Int, charset: Charset) -> String {
    let head = "ep \(d.epoch)/\(d.epochs) "
    var tail = [" \(d.step)/\(d.stepsPerEpoch)"]
    if let ips = d.imagesPerSecond { tail.append(" \(Int(ips.rounded())) img/s") }
    if let eta = d.etaSeconds { tail.append(" ETA \(duration(eta))") }
    if let loss = d.loss.last { tail.append(" loss \(LossChart.axisLabel(loss))") }
    if d.state != "training" { tail.append(" \(d.state)") }
    while !tail.isEmpty, width - head.count - tail.joined().count < 5 {
      tail.removeLast()
    }
    let barWidth = width - head.count - tail.joined().count
    guard barWidth >= 1 else { return String((head + tail.joined()).prefix(max(0, width))) }
    return head + ProgressBar(fraction: d.fraction, charset: charset).render(width: barWidth)
      + tail.joined()
  }

  /// `m:ss`, or `h:mm:ss` from an hour.
  public static func duration(_ seconds: Double) -> String {
    let s = max(0, Int(seconds.isFinite ? seconds.rounded() : 0))
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
    return String(format: "%d:%02d", s / 60, s % 60)
  }

  public static func render(
    _ display: TrainingDisplay?, width: Int, height: Int, charset: Charset, title: Bool = true,
    chartStyle: ChartStyle? = nil
  ) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    var out: [StyledLine] = []
    let withTitle = title && height >= 3
    if withTitle { out.append(PaneTitle.render("training", width: width, charset: charset)) }
    guard let d = display else {
      out.append(StyledLine("no training yet", style: .dim).truncated(width: width))
      return out
    }
    out.append(StyledLine(progressLine(d, width: width, charset: charset)))
    let rows = height - out.count
    guard rows >= 2 else { return out }
    let style = charset == .ascii ? .ascii : chartStyle ?? ChartStyle(charset: charset)
    func chart(_ values: [Double], range: ClosedRange<Double>?) -> LossChart {
      LossChart(
        values: values, expectedCount: d.expectedPoints, epochBoundaries: d.epochBoundaries,
        marks: d.marks, style: style, yRange: range)
    }
    if rows >= 8, !d.accuracy.isEmpty {
      let top = rows / 2
      out += chart(d.loss, range: nil).render(width: width, height: top).map { StyledLine($0) }
      out += chart(d.accuracy, range: 0...1).render(width: width, height: rows - top)
        .map { StyledLine($0, style: .success) }
    } else {
      out += chart(d.loss, range: nil).render(width: width, height: rows).map { StyledLine($0) }
    }
    return out
  }
}
