/// The `show curve` command.
public struct ShowCurveCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show curve", category: .inspect,
    abstract: "loss and accuracy over the steps, as a text chart",
    discussion: [
      "FILE: the metrics.jsonl of an `export training` folder's train.py (PyTorch)",
    ],
    arguments: [
      ArgumentSpec(
        "FILE", "file", .file(extensions: ["jsonl"]), optional: true,
        help: "metrics of a training elsewhere")
    ],
    runsInCheck: false,
    examples: ["show curve", "show curve handoff/metrics.jsonl"],
    make: { (a) throws(CommandError) in ShowCurveCommand(file: a.path("FILE")) })

  /// A metrics file to draw instead of this session's last training.
  public var file: String?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    if let file { return try drawFile(file, in: session, output: output) }
    try session.requireIdleModel("show curve")
    let history = session.trainer.history
    guard !history.steps.isEmpty else {
      throw .refused(
        command: "show curve", problem: "there is no training history yet",
        hint: "train first, e.g. `train epochs=1`")
    }
    for figure in [
      TrainingReport.lossFigure(history, style: session.chartStyle, height: 10),
      TrainingReport.accuracyFigure(history, style: session.chartStyle, height: 6),
    ] {
      if let figure { output.present(.chart(figure)) }
    }
    let lines = history.epochs.map {
      TrainingReport.epochLine($0, epochs: session.trainingFeed.epochs)
    }
    if !lines.isEmpty { output.present(.text(lines)) }
  }

  private func drawFile(_ path: String, in session: Session, output: any Presenter)
    throws(CommandError)
  {
    let data = try FileAccess.readData(path, limit: .metrics, command: "show curve")
    guard let text = String(data: data, encoding: .utf8) else {
      throw .refused(
        command: "show curve", problem: "`\(path)` is not UTF-8 text",
        hint: "give the metrics.jsonl train.py wrote")
    }
    let metrics: MetricsFile
    do {
      metrics = try MetricsFile(parsing: text)
    } catch {
      throw .refused(
        command: "show curve", problem: "`\(path)` line \(error.line): \(error.problem)",
        hint: "give the metrics.jsonl train.py wrote")
    }
    guard !metrics.history.steps.isEmpty || !metrics.history.epochs.isEmpty else {
      throw .refused(
        command: "show curve", problem: "`\(path)` holds no steps or epochs yet",
        hint: "wait for train.py's first logged step")
    }
    let processes = metrics.processes == 1 ? "1 process" : "\(metrics.processes) processes"
    output.present(
      .text([
        "\(path): \(metrics.history.steps.count) logged steps, "
          + "\(metrics.history.epochs.count) epochs, \(processes)"
      ]))
    if let figure = TrainingReport.lossFigure(metrics.history, style: session.chartStyle, height: 10) {
      output.present(.chart(figure))
    }
    var lines: [String] = []
    let manyPhases = Set(metrics.phases).count > 1
    for (index, summary) in metrics.history.epochs.enumerated() {
      let line = TrainingReport.epochLine(summary, epochs: metrics.epochCounts[index])
      lines.append(manyPhases ? "training \(metrics.phases[index]): " + line : line)
    }
    if !lines.isEmpty { output.present(.text(lines)) }
  }
}
