import Core
import Foundation
import Rendering

/// The `show shift N by=DY,DX [row=L] [ch=A-B]` command: translation equivariance and
/// invariance.
public struct ShowShiftCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show shift", category: .inspect,
    abstract: "test image N moved by DY,DX pixels: feature maps move along, does the class hold?",
    discussion: [
      "Convolution is equivariant: shift the input and the maps shift with it (by DY/j, j the",
      "row's stride so far). Pooling and dense rows decide whether the class is invariant.",
    ],
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    options: [
      OptionSpec("by", "DY,DX", .pair(-4096...4096), default: "2,2", help: "pixels down, right"),
      OptionSpec("row", "L", .integer(Limits.row), default: "the first conv row", help: "maps shown"),
      OptionSpec("ch", "A-B", .integerRange(0...4095), default: "0-3", help: "channels drawn"),
    ],
    runsInCheck: false,
    examples: ["show shift 0 by=3,0", "show shift 5 by=-2,4 row=3 ch=0-1"],
    make: { (a) throws(CommandError) in
      let by = a.integers("by") ?? [2, 2]
      return ShowShiftCommand(
        index: a.integer("N") ?? 0, dy: by[0], dx: by[1], row: a.integer("row"),
        channels: a.range("ch") ?? 0...3)
    })

  public var index: Int
  public var dy: Int
  public var dx: Int
  public var row: Int?
  public var channels: ClosedRange<Int>

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show shift"
    try InspectionSupport.requireIdleModel(name, in: session, images: 2, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let s = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try ShiftComparison.compute(
        model: model, data: set, normalization: normalization, index: index, dy: dy, dx: dx,
        row: row, threads: session.threads)
    }
    func names(_ c: Int) -> String { InspectionSupport.className(c, in: set) }
    let image = s.original.shape
    let area = image.height * image.width
    func plane(_ t: Tensor, _ c: Int, _ caption: String) -> CaptionedImage {
      let a = t.shape.height * t.shape.width
      return CaptionedImage(
        values: Array(t.storage[(c * a)..<((c + 1) * a)]), width: t.shape.width,
        height: t.shape.height, caption: caption)
    }
    var images = [
      CaptionedImage(
        values: Array(s.original.storage[0..<area]), width: image.width, height: image.height,
        caption: "image"),
      CaptionedImage(
        values: Array(s.shifted.storage[0..<area]), width: image.width, height: image.height,
        caption: "moved"),
    ]
    let maps = s.mapsBefore.shape
    let shown = channels.lowerBound..<min(channels.upperBound + 1, maps.channels)
    if s.row > 0 {
      for c in shown {
        images.append(plane(s.mapsBefore, c, "ch \(c)"))
        images.append(plane(s.mapsAfter, c, "ch \(c) moved"))
      }
    }
    output.present(
      .picture(
        .images(
          title: "test image \(index) moved by \(dy),\(dx); row \(s.row)'s maps before and after",
          images: images, palette: .sequential)))
    var lines = [
      "class: \(names(s.before.guess)) (p = \(Self.number(s.before.probability))) → "
        + "\(names(s.after.guess)) (p = \(Self.number(s.after.probability))) after the move; "
        + (s.before.guess == s.after.guess ? "it holds (invariant here)" : "it BREAKS"),
    ]
    if let move = s.mapShift {
      if let difference = s.largestDifference {
        lines.append(
          "row \(s.row)'s maps moved by \(move.dy),\(move.dx) cells (the row's stride so far is "
            + "\(s.jump)): away from the borders they equal the original maps moved "
            + "(\(grouped(s.comparedCells)) cells, largest difference "
            + "\(String(format: "%.1g", Double(difference))))")
      } else {
        lines.append("row \(s.row)'s maps are too small to compare away from the borders")
      }
    } else {
      lines.append(
        "row \(s.row) steps \(s.jump) pixels per cell: a move of \(dy),\(dx) is not a multiple, "
          + "so its maps change, not only move (try by=\(s.jump * 2),0)")
    }
    output.present(.text(InspectionSupport.wrapped(lines)))
  }

  static func number(_ x: Float) -> String { String(format: "%.3f", Double(x)) }
}
