import Core
import Rendering
/// The `show rf L` command.
public struct ShowReceptiveFieldCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show rf", category: .inspect,
    abstract: "the receptive field of row L drawn on the input",
    arguments: [ArgumentSpec("L", "row L", .integer(Limits.row), help: "summary row")],
    runsInCheck: false,
    examples: ["show rf 3"],
    make: { (a) throws(CommandError) in ShowReceptiveFieldCommand(row: a.integer("L") ?? 0) })

  public var row: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show rf"
    try InspectionSupport.requireIdleModel(name, in: session, images: 0, pass: .inference)
    let model = session.model
    let region = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try ReceptiveFieldRegion.compute(model: model, row: row)
    }
    let (h, w) = (region.inputHeight, region.inputWidth)
    var base = [Float](repeating: 0, count: h * w)
    var caption = "input"
    if let data = session.data {
      let set = data.test.count > 0 ? data.test : data.train
      if set.count > 0, set.shape.height == h, set.shape.width == w {
        let image = SamplePicture.image(set, index: 0)
        base = image.values
        caption = "test 0"
      }
    }
    let picture = Self.outline(base, height: h, width: w, region: region)
    output.present(
      .picture(
        .images(
          title: "row \(row): receptive field of unit (\(region.unitY), \(region.unitX))",
          images: [CaptionedImage(values: picture, width: w, height: h, caption: caption)],
          palette: .sequential)))
    var line =
      "row \(row): \(region.side)x\(region.side) receptive field, rows "
      + "\(region.visibleRows.lowerBound)-\(region.visibleRows.upperBound), cols "
      + "\(region.visibleColumns.lowerBound)-\(region.visibleColumns.upperBound) of the "
      + "\(h)x\(w) input"
    if region.isClipped {
      line += " (it reaches into the padding: rows \(region.rows.lowerBound)-"
        + "\(region.rows.upperBound), cols \(region.columns.lowerBound)-\(region.columns.upperBound))"
    }
    output.present(.text([line]))
  }

  /// `image` scaled to `0 ... 0.6` of its range with the visible rectangle's border set to 1,
  /// so the outline is the brightest thing in the picture.
  static func outline(_ image: [Float], height: Int, width: Int, region: ReceptiveFieldRegion)
    -> [Float]
  {
    let top = image.max() ?? 0
    var out = image.map { top > 0 ? 0.6 * $0 / top : 0 }
    let rows = region.visibleRows
    let cols = region.visibleColumns
    for y in rows {
      for x in cols where y == rows.lowerBound || y == rows.upperBound || x == cols.lowerBound
        || x == cols.upperBound
      {
        out[y * width + x] = 1
      }
    }
    return out
  }
}
