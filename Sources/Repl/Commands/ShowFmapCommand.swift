import Core
import Rendering

/// The `show fmap L [sample=N] [ch=A-B]` command.
public struct ShowFmapCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show fmap", category: .inspect,
    abstract: "the feature maps of row L for one image",
    arguments: [
      ArgumentSpec("L", "row L", .integer(Limits.row), help: "summary row (0 is the input)")
    ],
    options: [
      .testImage,
      .drawnChannels,
    ],
    runsInCheck: false,
    examples: ["show fmap 1", "show fmap 3 sample=7 ch=0-7"],
    make: { (a) throws(CommandError) in
      ShowFmapCommand(
        row: a.integer("L") ?? 0, sample: a.integer("sample") ?? 0, channels: a.range("ch"))
    })

  public var row: Int
  public var sample: Int
  public var channels: ClosedRange<Int>?

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show fmap"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let shape: Shape? =
      model.inputShape != nil && (0...model.layers.count).contains(row) ? model.shapes[row] : nil
    let page = channels ?? 0...(Self.pageSize(shape) - 1)
    let maps = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try FeatureMaps.compute(
        model: model, data: set, normalization: normalization, index: sample, row: row,
        channels: page, threads: session.threads)
    }
    let total = maps.shape.channels
    let what = maps.shape.isFlat ? "features" : "channels"
    let images =
      maps.shape.isFlat
      ? maps.maps.map { InspectionSupport.image($0, caption: "") }
      : zip(maps.channels, maps.maps).map { InspectionSupport.image($1, caption: "ch \($0)") }
    output.present(
      .picture(
        .images(
          title: "row \(row) (\(maps.layer)) \(maps.shape), test image \(sample) "
            + "(label \(InspectionSupport.className(maps.label, in: set)))",
          images: images, palette: .sequential)))
    var line = "showing \(what) \(maps.channels.lowerBound)-\(maps.channels.upperBound - 1) of \(total)"
    if maps.channels.upperBound < total {
      let next = maps.channels.upperBound
      line += "; use ch=\(next)-\(min(next + maps.channels.count, total) - 1)"
    }
    output.present(.text([line + "; each map is scaled to its own range"]))
  }

  /// How many channels one page shows: four lines of pictures at 80 columns (a flat row: 80
  /// features in one strip).
  static func pageSize(_ shape: Shape?) -> Int {
    guard let shape else { return 16 }
    if shape.isFlat { return 80 }
    let perLine = max(1, 81 / (shape.width + 1))
    return max(4, min(32, perLine * 4))
  }
}
