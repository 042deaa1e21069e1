import Foundation

/// The training pane.
///
/// One line while nothing trains: the last training's result, or how to start one. While a
/// training runs, as tall as the layout gives it: a title, the progress line, the newest
/// epoch's result line, then the loss chart (running mean of the step losses, `●` the test loss
/// at each epoch's end) and, from 12 chart rows with accuracy points, the accuracy chart under
/// it (`●` the test accuracy). Each chart names its y axis and labels steps and epochs on x.
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

  /// The one line shown while nothing trains.
  public static func idleLine(_ display: TrainingDisplay?) -> StyledLine {
    guard let d = display else {
      return StyledLine("training: none yet (`train` starts one; F6 hides this line)", style: .dim)
    }
    let result = d.epochLine ?? "ep \(d.epoch)/\(d.epochs) step \(d.step)/\(d.stepsPerEpoch)"
    return StyledLine("training \(d.state): \(result)", style: .dim)
  }

  /// The running mean of `values` over a trailing window of `window` points.
  public static func runningMean(_ values: [Double], window: Int) -> [Double] {
    let w = max(1, window)
    var out: [Double] = []
    out.reserveCapacity(values.count)
    var sum = 0.0
    var queue: [Double] = []
    var head = 0
    for v in values {
      let x = v.isFinite ? v : (queue.last ?? 0)
      queue.append(x)
      sum += x
      if queue.count - head > w {
        sum -= queue[head]
        head += 1
      }
      out.append(sum / Double(queue.count - head))
    }
    return out
  }

  /// Steps the loss chart averages over: 2% of the expected points, 1 to 50.
  static func smoothingWindow(_ d: TrainingDisplay) -> Int {
    min(50, max(1, max(d.loss.count, d.expectedPoints ?? 0) / 50))
  }

  public static func render(
    _ display: TrainingDisplay?, width: Int, height: Int, charset: Charset, title: Bool = true,
    chartStyle: ChartStyle? = nil
  ) -> [StyledLine] {
    guard width > 0, height > 0 else { return [] }
    guard height >= 2, let d = display else {
      return [idleLine(display).ellipsized(width: width)]
    }
    var out: [StyledLine] = []
    if title && height >= 4 { out.append(PaneTitle.render("training", width: width, charset: charset)) }
    out.append(StyledLine(progressLine(d, width: width, charset: charset), fit: .cut))
    if height - out.count >= 2 {
      let line = d.epochLine ?? "epoch \(d.epoch): results at its end"
      out.append(StyledLine(line, style: d.epochLine == nil ? .dim : .bold, fit: .cut))
    }
    let rows = height - out.count
    guard rows >= 2 else { return out.map { $0.ellipsized(width: width) } }
    let style = charset == .ascii ? .ascii : chartStyle ?? ChartStyle(charset: charset)
    let window = smoothingWindow(d)
    let dot = charset == .unicode ? "●" : "o"
    let lossTitle =
      "loss (linear; running mean of \(window) step\(window == 1 ? "" : "s")) \(dot) test"
    let loss = LossChart(
      values: runningMean(d.loss, window: window), expectedCount: d.expectedPoints,
      epochBoundaries: d.epochBoundaries, marks: d.marks, style: style, points: d.testLoss,
      title: lossTitle, xLabels: true)
    if rows >= 12, !d.accuracy.isEmpty {
      let top = rows / 2
      out += loss.render(width: width, height: top).map { StyledLine($0, fit: .cut) }
      let accuracy = LossChart(
        values: runningMean(d.accuracy, window: window), expectedCount: d.expectedPoints,
        epochBoundaries: d.epochBoundaries, marks: d.marks, style: style, yRange: 0...1,
        points: d.testAccuracy, title: "accuracy % (running mean) \(dot) test", xLabels: true,
        labelScale: 100, labelSuffix: "%")
      out += accuracy.render(width: width, height: rows - top)
        .map { StyledLine($0, style: .success, fit: .cut) }
    } else {
      out += loss.render(width: width, height: rows).map { StyledLine($0, fit: .cut) }
    }
    return out.map { $0.ellipsized(width: width) }
  }
}
