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
    output.present(.picture(Self.picture(of: attack)))
    let moved = attack.perturbation.storage.filter { $0 != 0 }.count
    let largest = attack.perturbation.storage.map(abs).max() ?? 0
    let alpha = Self.number(attack.stepSize)
    let move: String
    switch (target, steps) {
    case (let t?, 1):
      move = "targeted at \(names(t)): each step moves pixels by −ε·sign(∂Loss(\(names(t)))/∂pixel)"
    case (let t?, _):
      move =
        "targeted at \(names(t)): each of the \(steps) steps moves pixels by "
        + "−α·sign(∂Loss(\(names(t)))/∂pixel), α = \(alpha)"
    case (nil, 1):
      move = "each pixel moved by +ε·sign(∂Loss/∂pixel), uphill on the loss of the true label"
    case (nil, _):
      move =
        "each of the \(steps) steps moves pixels by +α·sign(∂Loss/∂pixel), α = \(alpha), "
        + "uphill on the loss of the true label"
    }
    var lines = [
      "before: \(names(attack.before.guess)) (p = \(Self.number(attack.before.probability)))"
        + "   after: \(names(attack.after.guess)) (p = \(Self.number(attack.after.probability)))"
        + "   label \(names(attack.label))",
      move,
      "\(grouped(moved)) of \(grouped(attack.perturbation.count)) pixels changed, none by more than "
        + "\(Self.number(largest)) (ε = \(Self.number(epsilon)) of black-to-white; clipped to 0-1)",
      "the change: +ε bright, −ε dark, 0 the middle shade",
    ]
    let fooled = attack.after.guess != attack.label
    let hit = target.map { attack.after.guess == $0 } ?? fooled
    lines.append(
      hit
        ? "the model is fooled: the change is hard to see, the answer is not"
        : "the model holds at this ε: try a larger eps= or steps=10")
    output.present(.text(InspectionSupport.wrapped(lines)))
  }

  /// One picture, image | change | result side by side (a panel per channel of each), in
  /// the diverging palette so that each panel's 0 is the middle shade: the change as it is
  /// (`+ε` bright, `−ε` dark), the image and the result as `p − 0.5` (white bright, black dark,
  /// mid grey in the middle).
  static func picture(of attack: AdversarialExample) -> VisualPicture {
    let shape = attack.original.shape
    let area = shape.height * shape.width
    func panels(_ t: Tensor, _ caption: String, shift: Float) -> [CaptionedImage] {
      (0..<shape.channels).map { c in
        CaptionedImage(
          values: t.storage[(c * area)..<((c + 1) * area)].map { $0 - shift },
          width: shape.width, height: shape.height,
          caption: shape.channels == 1 ? caption : "\(caption) c\(c)")
      }
    }
    let method =
      attack.steps == 1
      ? "FGSM" : "PGD, \(attack.steps) steps of α=\(number(attack.stepSize))"
    return .images(
      title: "test image \(attack.index), ε=\(number(attack.epsilon)) (\(method)): "
        + "image | change | result",
      images: panels(attack.original, "image", shift: 0.5)
        + panels(attack.perturbation, "change", shift: 0)
        + panels(attack.adversarial, "result", shift: 0.5),
      palette: .diverging)
  }

  static func number(_ x: Float) -> String { String(format: "%.3f", Double(x)) }
}
