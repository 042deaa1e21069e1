import Core
import Foundation
import Rendering

/// The `show adversarial N [eps=E] [target=C] [steps=K]` command: FGSM / PGD on a test image.
public struct ShowAdversarialCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show adversarial", category: .inspect,
    abstract: "a tiny change of test image N that fools the model (FGSM, or PGD with steps=K)",
    discussion: [
      "FGSM adds ε·sign(∂Loss/∂pixel) to every pixel: no pixel moves by more than ε, yet the",
      "answer may flip. target=C pulls toward class C; steps=K takes K smaller steps (PGD).",
    ],
    arguments: [ArgumentSpec("N", "image N", .integer(Limits.sample), help: "test image")],
    options: [
      OptionSpec("eps", "E", .number(0.001...1), default: "0.1", help: "largest pixel change (0-1)"),
      OptionSpec("target", "C", .integer(0...65_535), default: "none", help: "class to aim for"),
      OptionSpec("steps", "K", .integer(1...100), default: "1", help: "1 is FGSM, more is PGD"),
    ],
    runsInCheck: false,
    examples: ["show adversarial 0", "show adversarial 3 eps=0.2 target=8 steps=10"],
    make: { (a) throws(CommandError) in
      ShowAdversarialCommand(
        index: a.integer("N") ?? 0, epsilon: Float(a.number("eps") ?? 0.1),
        target: a.integer("target"), steps: a.integer("steps") ?? 1)
    })

  public var index: Int
  public var epsilon: Float
  public var target: Int?
  public var steps: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show adversarial"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .training)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let model = session.model
    let attack = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try AdversarialExample.compute(
        model: model, data: set, normalization: normalization, index: index, epsilon: epsilon,
        steps: steps, target: target, threads: session.threads)
    }
    func names(_ c: Int) -> String { InspectionSupport.className(c, in: set) }
    let shape = attack.original.shape
    func picture(_ t: Tensor, _ caption: String) -> [CaptionedImage] {
      let area = shape.height * shape.width
      return (0..<shape.channels).map { c in
        CaptionedImage(
          values: Array(t.storage[(c * area)..<((c + 1) * area)]), width: shape.width,
          height: shape.height, caption: shape.channels == 1 ? caption : "\(caption) c\(c)")
      }
    }
    let method = steps == 1 ? "FGSM" : "PGD, \(steps) steps"
    output.present(
      .picture(
        .images(
          title: "test image \(index), ε = \(Self.number(epsilon)) (\(method)): image and "
            + "adversarial image",
          images: picture(attack.original, "image") + picture(attack.adversarial, "adversarial"),
          palette: .sequential)))
    output.present(
      .picture(
        .images(
          title: "the change: +ε bright, −ε dark, 0 the middle shade",
          images: picture(attack.perturbation, "change"), palette: .diverging)))
    let moved = attack.perturbation.storage.filter { $0 != 0 }.count
    let largest = attack.perturbation.storage.map(abs).max() ?? 0
    var lines = [
      "before: \(names(attack.before.guess)) (p = \(Self.number(attack.before.probability)))"
        + "   after: \(names(attack.after.guess)) (p = \(Self.number(attack.after.probability)))"
        + "   label \(names(attack.label))",
      target.map { t in
        "targeted at \(names(t)): each step moves pixels by −ε·sign(∂Loss(\(names(t)))/∂pixel)"
      }
        ?? "each pixel moved by +ε·sign(∂Loss/∂pixel), uphill on the loss of the true label",
      "\(grouped(moved)) of \(grouped(attack.perturbation.count)) pixels changed, none by more than "
        + "\(Self.number(largest)) (ε = \(Self.number(epsilon)) of black-to-white; clipped to 0-1)",
    ]
    let fooled = attack.after.guess != attack.label
    let hit = target.map { attack.after.guess == $0 } ?? fooled
    lines.append(
      hit
        ? "the model is fooled: the change is hard to see, the answer is not"
        : "the model holds at this ε: try a larger eps= or steps=10")
    output.present(.text(InspectionSupport.wrapped(lines)))
  }

  static func number(_ x: Float) -> String { String(format: "%.3f", Double(x)) }
}
