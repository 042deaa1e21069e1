import Core
import Rendering

/// The `show predictions [wrong] [n=N]` command: test images in one picture, each captioned with
/// the model's top guess (``Core/TestGuesses``), wrong ones marked with their label.
public struct ShowPredictionsCommand: ReplCommand {
  public static let spec = CommandSpec(
    name: "show predictions", category: .inspect,
    abstract: "a grid of test images, each captioned with the model's guess",
    discussion: [
      "guess = the class of highest probability; a wrong one reads `guess ✗ label`",
      "(`guess not label` without Unicode); the list gives each image's p(guess)",
      "wrong: only images the model gets wrong, the first N found in the test split",
      "images wider than 20 pixels are drawn at half size (2x2 pixels averaged)",
    ],
    arguments: [
      ArgumentSpec(
        "wrong", "wrong", .choice(["wrong"]), optional: true, help: "only the misclassified images")
    ],
    options: [OptionSpec("n", "N", .integer(1...maxCount), default: "20", help: "how many images")],
    runsInCheck: false,
    examples: ["show predictions", "show predictions wrong", "show predictions n=8 wrong"],
    make: { (a) throws(CommandError) in
      ShowPredictionsCommand(count: a.integer("n") ?? 20, wrongOnly: a.word("wrong") != nil)
    })

  /// Largest `n=`.
  static let maxCount = 100

  public var count: Int
  public var wrongOnly: Bool

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show predictions"
    try InspectionSupport.requireIdleModel(name, in: session, images: 1, pass: .inference)
    let (set, normalization) = try InspectionSupport.images(name, in: session)
    let batch = try session.inferenceBatch(name, preferred: 256)
    let model = session.model
    let result = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try TestGuesses.compute(
        model: model, data: set, normalization: normalization, count: count,
        wrongOnly: wrongOnly, batchSize: batch, threads: session.threads)
    }
    let guesses = result.guesses
    let scanned = "test images 0-\(result.scanned - 1)"
    guard !guesses.isEmpty else {
      output.present(.text(["no wrong guesses among the \(grouped(result.scanned)) test images"]))
      return
    }
    let ascii = session.chartStyle == .ascii
    let images = guesses.map { g in
      var image = SamplePicture.image(set, index: g.index)
      image.caption = Self.caption(g, in: set, ascii: ascii)
      return image.width > Self.halvingWidth ? Self.halved(image) : image
    }
    let right = guesses.filter(\.isRight).count
    let share = TrainingReport.percent(Float(right) / Float(guesses.count))
    let title =
      wrongOnly
      ? "the first \(guesses.count) wrong guesses among \(scanned)"
      : "\(scanned): the model's guess under each"
    output.present(.picture(.images(title: title, images: images, palette: .sequential)))
    let width = EvaluationReport.labelWidth(set.classNames)
    var lines = [
      wrongOnly
        ? "\(guesses.count) wrong among \(grouped(result.scanned)) test images"
        : "\(right) of \(guesses.count) right (\(share))",
      EvaluationReport.left("image", 6) + "  " + EvaluationReport.pad("label", width) + "  "
        + EvaluationReport.pad("guess", width) + "  " + EvaluationReport.left("p(guess)", 8),
    ]
    for g in guesses {
      lines.append(
        EvaluationReport.left("\(g.index)", 6) + "  "
          + EvaluationReport.pad(EvaluationReport.label(g.label, set.classNames), width) + "  "
          + EvaluationReport.pad(EvaluationReport.label(g.guess, set.classNames), width) + "  "
          + EvaluationReport.left(TrainingReport.percent(g.probability), 8)
          + (g.isRight ? "" : "  <- wrong"))
    }
    output.present(.text(lines))
  }

  /// Images wider than this are drawn at half size.
  static let halvingWidth = 20

  /// `7` for a right guess; `2 ✗ 7` (`2 not 7` in ASCII) for guess 2 on an image labelled 7.
  static func caption(_ g: ImageGuess, in set: ImageSet, ascii: Bool) -> String {
    let guess = InspectionSupport.className(g.guess, in: set)
    guard !g.isRight else { return guess }
    return guess + (ascii ? " not " : " ✗ ") + InspectionSupport.className(g.label, in: set)
  }

  /// `image` at half size: each output pixel the mean of a 2x2 block (a last odd row or column
  /// averaged with what it has).
  static func halved(_ image: CaptionedImage) -> CaptionedImage {
    let (w, h) = ((image.width + 1) / 2, (image.height + 1) / 2)
    var values = [Float](repeating: 0, count: w * h)
    for y in 0..<h {
      for x in 0..<w {
        var sum: Float = 0
        var n: Float = 0
        for dy in 0..<2 where 2 * y + dy < image.height {
          for dx in 0..<2 where 2 * x + dx < image.width {
            sum += image.values[(2 * y + dy) * image.width + 2 * x + dx]
            n += 1
          }
        }
        values[y * w + x] = sum / n
      }
    }
    return CaptionedImage(values: values, width: w, height: h, caption: image.caption)
  }
}
