import Core
import Foundation
import Rendering

/// The `show kernel sobel-x|sobel-y|blur|sharpen|edge [sample=N]` command.
public struct ShowKernelCommand: ReplCommand {
  public static let kernels = ["sobel-x", "sobel-y", "blur", "sharpen", "edge"]

  public static let spec = CommandSpec(
    name: "show kernel", category: .inspect,
    abstract: "a classical image kernel applied to a training image",
    arguments: [
      ArgumentSpec("NAME", "kernel", .choice(kernels), help: kernels.joined(separator: ", "))
    ],
    options: [
      OptionSpec("sample", "N", .integer(Limits.sample), default: "0", help: "training image")
    ],
    runsInCheck: false,
    examples: ["show kernel sobel-x", "show kernel blur sample=3"],
    make: { (a) throws(CommandError) in
      ShowKernelCommand(kernel: a.word("NAME") ?? "blur", sample: a.integer("sample") ?? 0)
    })

  public var kernel: String
  public var sample: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show kernel"
    let data = try session.requireData(name)
    let set = data.test.count > 0 ? data.test : data.train
    guard let classic = ClassicKernel(rawValue: kernel) else {
      throw .refused(
        command: name, problem: "there is no kernel `\(kernel)`",
        hint: "use one of " + Self.kernels.joined(separator: ", "))
    }
    let result = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try classic.apply(to: set, index: sample)
    }
    output.present(
      .picture(
        .images(
          title: "\(kernel) on test image \(sample): input, output",
          images: [
            InspectionSupport.image(result.input, caption: "input"),
            InspectionSupport.image(result.output, caption: "output"),
          ], palette: .sequential), pane: .filters))
    var lines = ["kernel \(kernel) (cross-correlation, pad same):"]
    for y in 0..<result.kernel.height {
      lines.append(
        "  "
          + (0..<result.kernel.width).map { x in
            Self.cell(result.kernel[y, x])
          }.joined(separator: " "))
    }
    lines.append(
      "output from \(Self.value(result.output.minimum)) to \(Self.value(result.output.maximum)) "
        + "(darkest to brightest)")
    output.present(.text(lines))
  }

  /// A kernel value right-aligned in 7 columns (`     -2`, `  0.125`).
  static func cell(_ x: Float) -> String {
    let text = value(x)
    return String(repeating: " ", count: max(0, 7 - text.count)) + text
  }

  /// Whole numbers plainly, others with up to 4 significant digits.
  static func value(_ x: Float) -> String {
    x == x.rounded() ? String(Int(x)) : String(format: "%.4g", Double(x))
  }
}
