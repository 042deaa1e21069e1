import Datasets
import Foundation
import Rendering

/// The `export png FILE.png [force=yes]` command: the notebook's last picture as a PNG file,
/// real pixels (``PictureRaster``) rather than the terminal's half blocks.
public struct ExportPNGCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "export png", category: .files,
    abstract: "write the last picture as a PNG image file",
    discussion: [
      "the last picture: feature maps, filters, saliency, Grad-CAM, a dream, …",
      "each value is a square of pixels in the picture's colours, scaled as on",
      "screen (per image); the images in rows of 8 on a dark grey background",
    ],
    arguments: [
      ArgumentSpec("FILE", "file", .file(extensions: ["png"]), help: "PNG file to write")
    ],
    options: [.force],
    runsInCheck: false,
    examples: ["export png filters.png", "export png fmap.png force=yes"],
    make: { (a) throws(CommandError) in
      ExportPNGCommand(path: a.path("FILE") ?? "", force: a.flag("force") ?? false)
    })

  public var path: String
  public var force: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    // This command's own cell is the last one: look before it, newest first.
    let newest = session.transcript.dropLast().reversed().lazy.flatMap { entry in
      entry.events.reversed().compactMap { event -> VisualPicture? in
        if case .picture(let picture, _) = event, case .images = picture { return picture }
        return nil
      }
    }.first
    guard let picture = newest else {
      throw .refused(
        command: "export png", problem: "there is no picture to write yet",
        hint: "show one first, e.g. `show filters 1` or `show fmap 1`")
    }
    guard let raster = PictureRaster.of(picture) else {
      throw .refused(
        command: "export png",
        problem:
          "the last picture does not fit \(PictureRaster.maxSide)x\(PictureRaster.maxSide) pixels",
        hint: "show fewer channels (ch=…), then export again")
    }
    let png: [UInt8]
    do {
      png = try PNGCodec.encode(
        raster.samples, width: raster.width, height: raster.height, channels: 3)
    } catch {
      throw .refused(command: "export png", problem: error.problem, hint: error.hint)
    }
    let data = Data(png)
    try FileAccess.writeFile(
      data, to: path, force: force, confinement: session.options.writeConfinement,
      command: "export png")
    output.present(
      .text([
        "wrote \(FileAccess.reportedPath(path)): \(raster.width)x\(raster.height) pixels, "
          + "\(picture.title)"
      ]))
  }
}
