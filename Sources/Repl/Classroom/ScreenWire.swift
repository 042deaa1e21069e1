import Rendering

/// The wire form of the TUI's values (``ScreenPush`` and what it carries): pictures travel as
/// values and captions, never as rendered cells of one terminal, so each watcher draws them
/// with its own colour depth and character set.
///
/// Reading checks every number before it is used: counts, sizes and indices lie in
/// `0...maxInteger`, a picture's sides in `0...maxImageSide` and their product equals its value
/// count, chart values within a Float's range. A frame that breaks a rule throws
/// ``ShareError/malformedFrame(_:)`` (the watcher says "bad frame from the share" and
/// disconnects); nothing a teacher sends can overflow the watcher's arithmetic.
enum ScreenWire {
  /// The largest count, size, index, epoch or step a frame may carry: any two multiply without
  /// overflow (the progress bar computes `epochs × stepsPerEpoch`).
  static let maxInteger = Int(Int32.max)
  /// The widest or tallest picture a frame may carry (far beyond any input cnnrepl accepts).
  static let maxImageSide = 1 << 16
  /// The largest finite chart value (loss, accuracy, test points): a Float's range, so the
  /// chart's `max - min` stays finite. NaN and infinities pass (the chart skips them).
  static let maxChartValue = Double(Float.greatestFiniteMagnitude)
  /// The largest speed (images per second) or ETA (seconds); both must be finite.
  static let maxRate = 1e15

  /// A count, size or index (see ``maxInteger``).
  static func integer(_ r: inout WireReader, _ what: String) throws(ShareError) -> Int {
    try r.int(in: 0...maxInteger, what)
  }

  /// Chart values (see ``maxChartValue``).
  static func chartValues(_ r: inout WireReader, _ what: String) throws(ShareError) -> [Double] {
    let values = try r.doubles()
    if let bad = values.first(where: { $0.isFinite && abs($0) > maxChartValue }) {
      throw .malformedFrame("a \(what) value of \(bad)")
    }
    return values
  }

  /// A speed or an ETA: finite, `0...maxRate`.
  static func rate(_ r: inout WireReader, _ what: String) throws(ShareError) -> Double {
    let value = try r.double()
    guard value.isFinite, (0...maxRate).contains(value) else {
      throw .malformedFrame("\(what) is \(value)")
    }
    return value
  }

  static func write(_ push: ScreenPush, to w: inout WireWriter) {
    switch push {
    case .append(let cell):
      w.byte(0)
      w.optional(cell.number) { $0.int($1) }
      w.string(cell.command)
      w.array(cell.output, write)
    case .output(let lines, let cell):
      w.byte(1)
      w.array(lines, write)
      w.optional(cell) { $0.int($1) }
    case .clear:
      w.byte(2)
    case .model(let view):
      w.byte(3)
      write(&w, view)
    case .training(let display):
      w.byte(4)
      w.optional(display, write)
    case .picture(let picture, let mode, let show):
      w.byte(5)
      w.optional(picture, write)
      w.string(mode.rawValue)
      w.bool(show)
    case .status(let fields):
      w.byte(6)
      for text in [fields.dataset, fields.model, fields.training, fields.message] { w.string(text) }
    }
  }

  static func readPush(_ r: inout WireReader) throws(ShareError) -> ScreenPush {
    switch try r.byte() {
    case 0:
      let number = try r.optional { (r) throws(ShareError) in try integer(&r, "cell number") }
      let command = try r.string()
      return .append(NotebookCell(number: number, command: command, output: try r.array(readLine)))
    case 1:
      let lines = try r.array(readLine)
      return .output(
        lines, cell: try r.optional { (r) throws(ShareError) in try integer(&r, "cell number") })
    case 2: return .clear
    case 3: return .model(try readModel(&r))
    case 4: return .training(try r.optional(readDisplay))
    case 5:
      let picture = try r.optional(readPicture)
      let mode = try enumValue(VisualMode.self, r.string())
      return .picture(picture, mode: mode, show: try r.bool())
    case 6:
      return .status(
        StatusFields(
          dataset: try r.string(), model: try r.string(), training: try r.string(),
          message: try r.string()))
    case let tag: throw .malformedFrame("unknown screen push \(tag)")
    }
  }

  // MARK: - Lines

  static func write(_ w: inout WireWriter, _ line: StyledLine) {
    w.array(line.spans) { w, span in
      w.string(span.text)
      w.string(span.style.rawValue)
    }
    w.string(line.fit.rawValue)
  }

  static func readLine(_ r: inout WireReader) throws(ShareError) -> StyledLine {
    let spans = try r.array { (r) throws(ShareError) in
      let text = try r.string()
      return StyledSpan(text, style: try enumValue(TextStyle.self, r.string()))
    }
    return StyledLine(spans: spans, fit: try enumValue(LineFit.self, r.string()))
  }

  // MARK: - Model

  static func write(_ w: inout WireWriter, _ view: ModelView) {
    w.array(view.table.columns) { w, column in
      w.string(column.title)
      w.bool(column.rightAligned)
      w.optional(column.dropOrder) { $0.int($1) }
    }
    w.array(view.table.rows) { w, row in w.array(row) { $0.string($1) } }
    w.optional(view.table.flexible) { $0.int($1) }
    w.array(view.totals) { $0.string($1) }
    w.optional(view.focus) { $0.int($1) }
    w.string(view.emptyHint)
  }

  static func readModel(_ r: inout WireReader) throws(ShareError) -> ModelView {
    let columns = try r.array { (r) throws(ShareError) in
      let title = try r.string()
      let right = try r.bool()
      let order = try r.optional { (r) throws(ShareError) in try integer(&r, "drop order") }
      return TextTable.Column(title, rightAligned: right, dropOrder: order)
    }
    let rows = try r.array { (r) throws(ShareError) in
      try r.array { (r) throws(ShareError) in try r.string() }
    }
    let flexible = try r.optional { (r) throws(ShareError) in try integer(&r, "flexible column") }
    guard flexible.map({ columns.indices.contains($0) }) ?? true else {
      throw .malformedFrame("model table: flexible column out of range")
    }
    let totals = try r.array { (r) throws(ShareError) in try r.string() }
    let focus = try r.optional { (r) throws(ShareError) in try integer(&r, "model focus") }
    return ModelView(
      table: TextTable(columns: columns, rows: rows, flexible: flexible), totals: totals,
      focus: focus, emptyHint: try r.string())
  }

  // MARK: - Training

  static func write(_ w: inout WireWriter, _ d: TrainingDisplay) {
    for n in [d.epoch, d.epochs, d.step, d.stepsPerEpoch] { w.int(n) }
    w.optional(d.imagesPerSecond) { $0.double($1) }
    w.optional(d.etaSeconds) { $0.double($1) }
    w.doubles(d.loss)
    w.doubles(d.accuracy)
    w.optional(d.expectedPoints) { $0.int($1) }
    w.array(d.epochBoundaries) { $0.int($1) }
    w.array(d.marks) { w, mark in
      w.int(mark.index)
      w.string(String(mark.symbol))
      w.string(mark.label)
    }
    w.string(d.state)
    w.optional(d.epochLine) { $0.string($1) }
    for series in [d.testLoss, d.testAccuracy] {
      w.array(series) { w, point in
        w.int(point.index)
        w.double(point.value)
      }
    }
  }

  static func readPoints(_ r: inout WireReader) throws(ShareError) -> [ChartPoint] {
    try r.array { (r) throws(ShareError) in
      let index = try integer(&r, "chart point index")
      return ChartPoint(
        index: index, value: try r.double(magnitudeAtMost: maxChartValue, "chart point"))
    }
  }

  static func readDisplay(_ r: inout WireReader) throws(ShareError) -> TrainingDisplay {
    let epoch = try integer(&r, "epoch")
    let epochs = try integer(&r, "epochs")
    let step = try integer(&r, "step")
    let steps = try integer(&r, "steps per epoch")
    let speed = try r.optional { (r) throws(ShareError) in try rate(&r, "images per second") }
    let eta = try r.optional { (r) throws(ShareError) in try rate(&r, "ETA") }
    let loss = try chartValues(&r, "loss")
    let accuracy = try chartValues(&r, "accuracy")
    let expected = try r.optional { (r) throws(ShareError) in try integer(&r, "expected points") }
    let boundaries = try r.array { (r) throws(ShareError) in try integer(&r, "epoch boundary") }
    let marks = try r.array { (r) throws(ShareError) in
      let index = try integer(&r, "chart mark index")
      let symbol = try r.string().first ?? "*"
      return ChartMark(index: index, symbol: symbol, label: try r.string())
    }
    let state = try r.string()
    let epochLine = try r.optional { (r) throws(ShareError) in try r.string() }
    return TrainingDisplay(
      epoch: epoch, epochs: epochs, step: step, stepsPerEpoch: steps, imagesPerSecond: speed,
      etaSeconds: eta, loss: loss, accuracy: accuracy, expectedPoints: expected,
      epochBoundaries: boundaries, marks: marks, state: state, epochLine: epochLine,
      testLoss: try readPoints(&r), testAccuracy: try readPoints(&r))
  }

  // MARK: - Pictures

  static func write(_ w: inout WireWriter, _ picture: VisualPicture) {
    switch picture {
    case .images(let title, let images, let palette):
      w.byte(0)
      w.string(title)
      w.array(images) { w, image in
        w.floats(image.values)
        w.int(image.width)
        w.int(image.height)
        w.string(image.caption)
      }
      w.string(palette.rawValue)
    case .cells(let title, let rows):
      w.byte(1)
      w.string(title)
      w.array(rows) { w, row in w.array(row, write) }
    case .lines(let title, let lines):
      w.byte(2)
      w.string(title)
      w.array(lines, write)
    }
  }

  static func readPicture(_ r: inout WireReader) throws(ShareError) -> VisualPicture {
    switch try r.byte() {
    case 0:
      let title = try r.string()
      let images = try r.array { (r) throws(ShareError) in
        let values = try r.floats()
        let width = try r.int(in: 0...maxImageSide, "an image's width")
        let height = try r.int(in: 0...maxImageSide, "an image's height")
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels == values.count else {
          throw .malformedFrame("an image of \(width)x\(height) with \(values.count) values")
        }
        return CaptionedImage(values: values, width: width, height: height, caption: try r.string())
      }
      return .images(title: title, images: images, palette: try enumValue(Palette.self, r.string()))
    case 1:
      let title = try r.string()
      return .cells(
        title: title, rows: try r.array { (r) throws(ShareError) in try r.array(readCell) })
    case 2:
      let title = try r.string()
      return .lines(title: title, lines: try r.array(readLine))
    case let tag: throw .malformedFrame("unknown picture kind \(tag)")
    }
  }

  static func write(_ w: inout WireWriter, _ cell: TerminalCell) {
    w.string(String(cell.character))
    w.optional(cell.foreground, write)
    w.optional(cell.background, write)
  }

  static func readCell(_ r: inout WireReader) throws(ShareError) -> TerminalCell {
    let character = try r.string().first ?? " "
    let foreground = try r.optional(readColor)
    return TerminalCell(character, foreground: foreground, background: try r.optional(readColor))
  }

  static func write(_ w: inout WireWriter, _ color: CellColor) {
    switch color {
    case .indexed(let index):
      w.byte(0)
      w.byte(index)
    case .rgb(let rgb):
      w.byte(1)
      for channel in [rgb.red, rgb.green, rgb.blue] { w.byte(channel) }
    }
  }

  static func readColor(_ r: inout WireReader) throws(ShareError) -> CellColor {
    switch try r.byte() {
    case 0: return .indexed(try r.byte())
    case 1: return .rgb(RGB(try r.byte(), try r.byte(), try r.byte()))
    case let tag: throw .malformedFrame("unknown colour kind \(tag)")
    }
  }

  static func enumValue<T: RawRepresentable<String>>(_ type: T.Type, _ raw: String)
    throws(ShareError) -> T
  {
    guard let value = T(rawValue: raw) else { throw .malformedFrame("unknown value `\(raw)`") }
    return value
  }
}
