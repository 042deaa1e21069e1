import Core
import Foundation
import Rendering

/// The `show filters L [values] [ch=A-B] [in=A-B] [zoom=N]` command: the kernels of a conv row
/// drawn (each weight `zoom` columns wide and `zoom` pixel rows high) or printed as numbers.
///
/// `ch=` picks filters (output channels, as `show fmap`'s `ch=` picks maps), `in=` input
/// channels: weight `w[o, i, y, x]` is filter `o`'s kernel on input channel `i` (``Filters``).
public struct ShowFiltersCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show filters", category: .inspect,
    abstract: "the kernels of the conv layer at row L, drawn or as numbers",
    discussion: [
      "w[o, i, y, x]: filter o's kernel on input channel i",
      "ch= picks filters (output channels), in= input channels",
      "drawn: each kernel scaled to its own largest weight, zero the middle shade;",
      "past 3 input channels, each filter's mean over them (unless in= is given)",
      "values: the weights themselves, one grid per filter and input channel",
    ],
    arguments: [
      ArgumentSpec(
        "L", "row L", .integer(1...Limits.row.upperBound), help: "summary row of a conv layer"),
      ArgumentSpec(
        "values", "values", .choice(["values"]), optional: true,
        help: "print the weights as numbers instead of drawing them"),
    ],
    options: [
      OptionSpec(
        "ch", "A-B", .integerRange(0...4095), help: "filters (output channels) to show"),
      OptionSpec("in", "A-B", .integerRange(0...4095), help: "input channels to show"),
      OptionSpec(
        "zoom", "N", .integer(1...maxZoom), default: "2 up to 5x5",
        help: "columns and pixel rows per weight, drawn"),
    ],
    runsInCheck: false,
    examples: [
      "show filters 1", "show filters 1 values", "show filters 3 values ch=0-1 in=2",
      "show filters 1 zoom=4",
    ],
    make: { (a) throws(CommandError) in
      if a.word("values") != nil, a.integer("zoom") != nil {
        throw .refused(
          command: "show filters", problem: "zoom= is for the drawing, values prints numbers",
          hint: "leave out one of them")
      }
      return ShowFiltersCommand(
        row: a.integer("L") ?? 1, values: a.word("values") != nil, filters: a.range("ch"),
        inputs: a.range("in"), zoom: a.integer("zoom"))
    })

  public var row: Int
  /// Print the numbers (`values`) instead of drawing.
  public var values = false
  /// Filters (output channels) to show, `ch=A-B`; nil: from 0, as many as ``limit`` allows.
  public var filters: ClosedRange<Int>? = nil
  /// Input channels to show, `in=A-B`; nil: all of them (drawn: the mean for deep rows).
  public var inputs: ClosedRange<Int>? = nil
  /// Columns per weight when drawn; nil: ``defaultZoom(side:)``.
  public var zoom: Int? = nil

  /// The most output channels one picture shows.
  static let limit = 32
  /// The most grids one picture (96) or one `values` listing (24 by default, 256 when asked
  /// for with `ch=`/`in=`) shows.
  static let pictureGrids = 96
  static let defaultValueGrids = 24
  static let valueGrids = 256
  /// Input channels a `values` listing shows unless `in=` says otherwise.
  static let defaultValueInputs = 8
  /// Largest `zoom=`.
  static let maxZoom = 8

  /// 2 for kernels up to 5x5 (a 3x3 kernel 6 columns wide, each weight a square-ish 2x1
  /// cell block), else 1.
  static func defaultZoom(side: Int) -> Int { side <= 5 ? 2 : 1 }

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show filters"
    try InspectionSupport.requireIdleModel(name, in: session, images: 0, pass: .inference)
    let model = session.model
    // Numbers are always the weights themselves; in= asks for single input channels too.
    let requested: Filters.View? = values || inputs != nil ? .perInputChannel : nil
    let all = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try Filters.compute(model: model, row: row, view: requested)
    }
    let count = all.kernels.count
    let inputCount = all.kernels.first?.count ?? 1
    let side = all.kernels.first?.first?.width ?? 1
    let asked = filters != nil || inputs != nil
    let ins = try Self.pick(
      inputs, count: inputCount, fit: values && !asked ? Self.defaultValueInputs : inputCount,
      what: "input channel", row: row, key: "in")
    let budget = values ? (asked ? Self.valueGrids : Self.defaultValueGrids) : Self.pictureGrids
    let fit = min(values ? count : Self.limit, budget / ins.count)
    let outs = try Self.pick(filters, count: count, fit: fit, what: "filter", row: row, key: "ch")
    var shown: [(caption: String, grid: Grid)] = []
    for o in outs {
      for i in ins where i < all.kernels[o].count {
        shown.append((inputCount > 1 ? "\(o).\(i)" : "\(o)", all.kernels[o][i]))
      }
    }
    let size = "\(side)x\(side)"
    let m = shown.map(\.grid.maximumMagnitude).max() ?? 0
    var notes: [String] = []
    if outs.count < count {
      let last = min(count, outs.upperBound + outs.count) - 1
      let next = outs.upperBound < count ? "; use ch=\(outs.upperBound)-\(last)" : ""
      notes.append("showing filters \(outs.lowerBound)-\(outs.upperBound - 1) of \(count)\(next)")
    }
    if values {
      var lines = try listing(all, shown: shown, filters: outs, inputs: ins)
      if ins.count < inputCount {
        notes.append("showing input channels \(Self.span(ins)) of \(inputCount); in= picks others")
      }
      lines += notes
      output.present(.text(Self.wrapped(lines)))
      return
    }
    let scale = zoom ?? Self.defaultZoom(side: side)
    guard side * scale <= 80 else {
      throw .refused(
        command: name, problem: "zoom=\(scale) draws a \(size) kernel \(side * scale) columns wide",
        hint: "use zoom=\(max(1, 80 / side)) or less")
    }
    let images = shown.map { InspectionSupport.image($0.grid, caption: $0.caption, zoom: scale) }
    let view = all.view == .perInputChannel ? "one per input channel" : "mean over inputs"
    output.present(
      .picture(
        .images(
          title: "row \(row) (\(all.layer)): \(count) filters \(size), \(view)",
          images: images, palette: .diverging), pane: .filters))
    var lines = [
      "weights from \(Self.format(-m)) to \(Self.format(m)); zero is the middle shade,",
      "each kernel scaled to its own largest weight"
        + (scale > 1 ? ", each weight \(scale)x\(scale) pixels" : ""),
    ]
    if ins.count < inputCount, all.view == .perInputChannel {
      notes.append("showing input channels \(Self.span(ins)) of \(inputCount)")
    }
    lines += notes
    output.present(.text(lines))
  }

  /// The `values` lines: title, caption legend, the grids, the biases of the filters shown.
  private func listing(
    _ all: Filters, shown: [(caption: String, grid: Grid)], filters outs: Range<Int>,
    inputs ins: Range<Int>
  ) throws(CommandError) -> [String] {
    let side = shown.first?.grid.width ?? 1
    let size = "\(side)x\(side)"
    let inputCount = all.kernels.first?.count ?? 1
    // Two indent columns and k cells of NumberBlocks.cellWidth must fit 80 columns.
    let columns = 2 + side * NumberBlocks.cellWidth
    guard columns <= 80 else {
      throw .refused(
        command: "show filters",
        problem: "a row of a \(size) kernel takes \(columns) columns as numbers",
        hint: "draw it with `show filters \(row)` (the numbers fit 80 columns up to 11x11)")
    }
    let grids = NumberBlocks.layout(
      shown.map { NumberBlocks.grid($0.grid.values, width: $0.grid.width, title: $0.caption) })
    let channels = ins.count > 1 ? "channels" : "channel"
    var lines = [
      "row \(row) (\(all.layer)): \(size) weights of filters \(Self.span(outs))"
        + (inputCount > 1 ? ", input \(channels) \(Self.span(ins))" : ""),
      inputCount > 1 ? "above each grid: filter.input channel" : "above each grid: the filter",
    ]
    lines += grids
    if let biases = all.biases {
      let shownBiases = outs.map {
        NumberBlocks.cell(biases[$0]).trimmingCharacters(in: .whitespaces)
      }.joined(separator: " ")
      lines.append("bias of filters \(Self.span(outs)): \(shownBiases)")
    }
    return lines
  }

  /// The channels `range` picks out of `count` (clipped to `fit` of them from its start), or
  /// from 0 when nil; refuses a range that starts past the last channel.
  static func pick(
    _ range: ClosedRange<Int>?, count: Int, fit: Int, what: String, row: Int, key: String
  ) throws(CommandError) -> Range<Int> {
    let start = range?.lowerBound ?? 0
    guard start < count else {
      throw .refused(
        command: "show filters",
        problem: "row \(row) has no \(what) \(start) "
          + (count == 1 ? "(only 0)" : "(0 to \(count - 1))"),
        hint: "pick \(key)= within them")
    }
    let end = min(count, (range?.upperBound ?? count - 1) + 1, start + max(1, fit))
    return start..<end
  }

  /// `0-3`, or `2` for one channel.
  static func span(_ r: Range<Int>) -> String {
    r.count == 1 ? "\(r.lowerBound)" : "\(r.lowerBound)-\(r.upperBound - 1)"
  }

  /// Lines longer than 80 columns broken at spaces (the bias line of many filters).
  static func wrapped(_ lines: [String], width: Int = 80) -> [String] {
    lines.flatMap { line -> [String] in
      guard line.count > width else { return [line] }
      var out = [""]
      for word in line.split(separator: " ") {
        if !out[out.count - 1].isEmpty, out[out.count - 1].count + 1 + word.count > width {
          out.append("  " + word)
        } else {
          out[out.count - 1] += (out[out.count - 1].isEmpty ? "" : " ") + word
        }
      }
      return out
    }
  }

  static func format(_ x: Float) -> String { String(format: "%.3f", Double(x)) }
}
