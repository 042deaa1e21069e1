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
    let pictures = session.transcript.dropLast().reversed().lazy.flatMap { entry in
      entry.events.reversed().compactMap { event -> VisualPicture? in
        if case .picture(let picture, _) = event { return picture }
        return nil
      }
    }
    guard let picture = pictures.first(where: { PictureRaster.of($0) != nil }),
      let raster = PictureRaster.of(picture)
    else {
      throw .refused(
        command: "export png", problem: "there is no picture to write yet",
        hint: "show one first, e.g. `show filters 1` or `show fmap 1`")
    }
    let png: [UInt8]
    do {
      png = try PNGCodec.encode(
        raster.samples, width: raster.width, height: raster.height, channels: 3)
    } catch {
      throw .refused(
        command: "export png", problem: "\(error)", hint: "show a smaller picture, then try again")
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
