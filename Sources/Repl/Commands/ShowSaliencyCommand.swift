import Core
import Foundation
import Rendering
/// The `show saliency N` command.
public struct ShowSaliencyCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show saliency", category: .inspect,
    abstract: "which pixels of test image N the class score depends on",
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    runsInCheck: false,
    examples: ["show saliency 0"],
    make: { (a) throws(CommandError) in ShowSaliencyCommand(index: a.integer("N") ?? 0) })

  public var index: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show saliency"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .training)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let map = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try SaliencyMap.compute(
        model: model, data: set, normalization: normalization, index: index,
        threads: session.threads)
    }
    let label = InspectionSupport.className(map.classIndex, in: set)
    var input = SamplePicture.image(set, index: index)
    input.caption = "image"
    output.present(
      .picture(
        .images(
          title: "saliency of test image \(index) for class \(label)",
          images: [input, InspectionSupport.image(map.heat, caption: "|dz/dx|")],
          palette: .sequential)))
    output.present(
      .text([
        "p(\(label)) = \(String(format: "%.3f", Double(map.probability))); "
          + "bright pixels move the class score most (largest |dz/dx| = "
          + "\(String(format: "%.3g", Double(map.heat.maximum))))"
      ]))
  }
}
