import Core
import Foundation
import Rendering

/// The `show matrix L [size=S] [in=C] [ch=F] [sample=N]` command: a conv, dwconv or deconv row
/// as the sparse, weight-shared matrix that multiplies the flattened input.
public struct ShowMatrixCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show matrix", category: .inspect,
    abstract: "conv row L as the matrix that multiplies the flattened input (tied weights)",
    discussion: [
      "Drawn on a small SxS crop of the row's input, for one input channel and one filter:",
      "each letter is one kernel weight, repeated wherever the window puts it; `.` is a zero.",
      "A deconv row's matrix is a conv's matrix transposed.",
    ],
    arguments: [
      ArgumentSpec(
        "L", "row L", .integer(1...Limits.row.upperBound), help: "a conv, dwconv or deconv row")
    ],
    options: [
      OptionSpec("size", "S", .integer(1...16), default: "fits 80 columns", help: "crop side"),
      OptionSpec("in", "C", .integer(0...4095), default: "0", help: "input channel drawn"),
      OptionSpec("ch", "F", .integer(0...4095), default: "the first reading C", help: "output channel drawn"),
      OptionSpec("sample", "N", .integer(Limits.sample), default: "0", help: "test image cropped"),
    ],
    runsInCheck: false,
    examples: ["show matrix 1", "show matrix 1 size=5 ch=2"],
    make: { (a) throws(CommandError) in
      ShowMatrixCommand(
        row: a.integer("L") ?? 1, size: a.integer("size"), input: a.integer("in") ?? 0,
        filter: a.integer("ch"), sample: a.integer("sample") ?? 0)
    })

  public var row: Int
  public var size: Int?
  public var input: Int
  public var filter: Int?
  public var sample: Int

  /// Letters naming kernel cells (row by row), then `#` past the 52nd.
  static let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show matrix"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .inference)
    let model = session.model
    let layer = try InspectionSupport.compute(name) { () throws(InspectionError) in
      guard model.inputShape != nil, !model.isEmpty else { throw .emptyModel }
      guard row <= model.layers.count else {
        throw .noSuchRow(row: row, first: 1, last: model.layers.count)
      }
      guard let layer = model.layers[row - 1] as? any LinearMapLayer else {
        throw .wrongLayer(
          row: row, layer: model.specs[row - 1].description, tool: name,
          wanted: "a conv, dwconv or deconv row",
          rows: model.layers.indices.filter { model.layers[$0] is any LinearMapLayer }.map { $0 + 1 })
      }
      return layer
    }
    let full = model.mainInputShape(ofRow: row)
    guard (0..<full.channels).contains(input) else {
      throw .refused(
        command: name, problem: "row \(row) reads \(full.channels) channel\(full.channels == 1 ? "" : "s"), not channel \(input)",
        hint: "pick in= from 0 to \(full.channels - 1)")
    }
    let side = try Self.cropSide(size, layer: layer, input: full, command: name)
    let crop = Shape(height: side, width: side, channels: full.channels)
    let (x, source) = Self.crop(crop, of: full, row: row, sample: sample, session: session)
    let checked: (map: LinearMap, largestDifference: Float)
    do { checked = try layer.checkedLinearMap(on: x) } catch {
      throw .refused(command: name, problem: "\(error)", hint: "try another size=")
    }
    let map = checked.map
    let out = map.output
    let plane = out.height * out.width
    let inPlane = side * side
    // The output channel: `ch=`, else the first whose block has entries from channel `in`.
    let readers = (0..<out.channels).filter { f in
      map.entries.contains { $0.row / plane == f && $0.column / inPlane == input }
    }
    let f = filter ?? readers.first ?? 0
    guard (0..<out.channels).contains(f) else {
      throw .refused(
        command: name, problem: "row \(row) has no output channel \(f)",
        hint: "pick ch= from 0 to \(out.channels - 1)")
    }
    // The block: rows of filter f, columns of input channel `input`.
    var letterOf: [Int: Int] = [:]
    var block = [Float](repeating: 0, count: plane * inPlane)
    var glyphs: [String] = []
    for r in 0..<plane {
      var line = ""
      for c in 0..<inPlane {
        if let w = map.weightIndex(row: f * plane + r, column: input * inPlane + c) {
          let letter = letterOf[w] ?? letterOf.count
          letterOf[w] = letter
          line += (letter < Self.letters.count ? String(Self.letters[letter]) : "#") + " "
          block[r * inPlane + c] = map.weights[w]
        } else {
          line += ". "
        }
      }
      let label = "\(r / out.width),\(r % out.width)"
      glyphs.append(label.padding(toLength: 6, withPad: " ", startingAt: 0) + line.dropLast())
    }
    let layerName = model.specs[row - 1].description
    let isDeconv = model.specs[row - 1].layer.kind == .transposedConv
    output.present(
      .picture(
        .images(
          title: "row \(row) as a matrix, \(side)x\(side) crop: channel \(input) → \(f)",
          images: [CaptionedImage(values: block, width: inPlane, height: plane, caption: "M")],
          palette: .diverging)))
    var lines = [
      "row \(row) `\(layerName)` on a \(side)x\(side) crop of its input (\(source)):",
      "y = M·x + b, x the crop flattened (\(map.columns) values), y the \(out.height)x\(out.width)"
        + "x\(out.channels) output flattened (\(map.rows) values)",
      "block of M from input channel \(input) to output channel \(f) "
        + "(\(plane) rows: output y,x; \(inPlane) columns: input cells row by row):",
    ]
    lines += glyphs
    let legend = letterOf.sorted { $0.value < $1.value }.map { (w, letter) -> String in
      let symbol = letter < Self.letters.count ? String(Self.letters[letter]) : "#"
      let position = map.weightPosition(w).map(String.init).joined(separator: ",")
      return "\(symbol)=w[\(position)]=" + NumberBlocks.cell(map.weights[w]).trimmingCharacters(in: .whitespaces)
    }
    var line = ""
    for item in legend {
      if !line.isEmpty, line.count + item.count + 2 > 78 {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : "  ") + item
    }
    if !line.isEmpty { lines.append(line) }
    let uses = block.indices.filter { j in
      map.weightIndex(row: f * plane + j / inPlane, column: input * inPlane + j % inPlane) != nil
    }.count
    let shared = letterOf.isEmpty ? "" : ", each used up to \(Self.maxUses(map, filter: f, input: input, plane: plane, inPlane: inPlane)) times"
    lines.append(
      "this block: \(uses) of \(plane * inPlane) entries non-zero, \(letterOf.count) different "
        + "weights\(shared)")
    let freeBias = map.bias?.count ?? 0
    lines.append(
      "whole crop: M is \(grouped(map.rows)) x \(grouped(map.columns)), "
        + "\(grouped(map.entries.count)) non-zero (\(Self.percent(map.entries.count, map.rows * map.columns))), "
        + "\(grouped(map.weights.count)) free weights + \(freeBias) bias\(freeBias == 1 ? "" : "es")")
    lines.append(
      "a dense layer of that size would learn \(grouped(map.rows * map.columns)) weights + "
        + "\(grouped(map.rows)) biases")
    if let whole = Self.wholeLayer(layer, input: full, output: model.shapes[row]) { lines.append(whole) }
    if isDeconv {
      lines.append(
        "a deconv spreads each input cell over the output: M is the transpose of the matrix of "
          + "a conv with this kernel from the output's shape back to the input's")
    }
    lines.append(
      "check: act(M·x + b) equals the layer run on the crop (largest difference "
        + "\(String(format: "%.1g", Double(checked.largestDifference))))")
    output.present(.text(InspectionSupport.wrapped(lines)))
  }

  /// The crop side: `size`, else the largest (≤ the input) whose block fits 80 columns and 16
  /// lines.
  static func cropSide(
    _ size: Int?, layer: any LinearMapLayer, input: Shape, command: String
  ) throws(CommandError) -> Int {
    let largest = min(input.height, input.width)
    func fits(_ s: Int) -> Shape? {
      try? layer.outputShape(for: Shape(height: s, width: s, channels: input.channels))
    }
    if let size {
      guard size <= largest, fits(size) != nil else {
        throw .refused(
          command: command, problem: "a \(size)x\(size) crop does not fit this row",
          hint: "pick size= up to \(largest) that is at least the kernel")
      }
      return size
    }
    var best: Int?
    for s in 1...max(1, min(largest, 6)) {
      guard let out = fits(s) else { continue }
      if best == nil || (s * s <= 36 && out.height * out.width <= 16) { best = s }
    }
    guard let best else {
      throw .refused(
        command: command, problem: "no crop of the \(input) input fits this row",
        hint: "the kernel is larger than the input")
    }
    return best
  }

  /// The crop at the centre of row L's input for test image `sample`, or a fixed pattern when
  /// no matching data is loaded; and a phrase saying which (and why).
  static func crop(_ crop: Shape, of full: Shape, row: Int, sample: Int, session: Session)
    -> (Tensor, String)
  {
    let model = session.model
    if let data = session.data {
      let set = data.test.count > 0 ? data.test : data.train
      if set.shape == model.inputShape, sample < set.count {
        var batch = Tensor(batch: 1, shape: set.shape)
        var labels: [Int] = []
        set.gather([sample], normalization: data.normalization, into: &batch, labels: &labels)
        let source = model.inputRows(ofRow: row)[0]
        let values = model.forward(
          batch, throughRow: source, context: ComputeContext(mode: .inference))
        let top = (full.height - crop.height) / 2
        let left = (full.width - crop.width) / 2
        var x = Tensor(batch: 1, shape: crop)
        for c in 0..<crop.channels {
          for y in 0..<crop.height {
            for xx in 0..<crop.width { x[0, c, y, xx] = values[0, c, top + y, left + xx] }
          }
        }
        return (x, "rows \(top)-\(top + crop.height - 1), columns \(left)-\(left + crop.width - 1)"
          + " of test image \(sample)")
      }
    }
    var random = SeededRandom(seed: 1)
    let values = (0..<crop.count).map { _ in random.uniform(-1, 1) }
    let why =
      session.data == nil ? "no data loaded" : "the images do not fit the model's input"
    return (Tensor(batch: 1, shape: crop, storage: values), "random numbers: \(why)")
  }

  /// How often the most-used weight of the block appears.
  static func maxUses(_ map: LinearMap, filter f: Int, input: Int, plane: Int, inPlane: Int) -> Int {
    var uses: [Int: Int] = [:]
    for e in map.entries where e.row / plane == f && e.column / inPlane == input {
      uses[e.weight, default: 0] += 1
    }
    return uses.values.max() ?? 0
  }

  /// The whole row's matrix size and its non-zeros, counted from the geometry
  /// (``LinearMapLayer/nonZeroCount(for:)``: the matrix itself is never built).
  static func wholeLayer(_ layer: any LinearMapLayer, input: Shape, output: Shape) -> String? {
    let (rows, columns) = (output.count, input.count)
    var text = "on the whole \(input) input: M is \(grouped(rows)) x \(grouped(columns))"
      + " (\(grouped(rows * columns)) entries)"
    if let count = try? layer.nonZeroCount(for: input) {
      text += ", \(grouped(count)) non-zero (\(percent(count, rows * columns)))"
    }
    return text
  }

  static func percent(_ part: Int, _ whole: Int) -> String {
    let p = 100 * Double(part) / Double(max(whole, 1))
    return p >= 1 ? String(format: "%.0f%%", p) : String(format: "%.2g%%", p)
  }
}
