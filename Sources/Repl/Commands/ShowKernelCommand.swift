import Core
import Foundation
import Rendering

/// The `show kernel sobel-x|sobel-y|blur|sharpen|edge|a,b,c,… [k=a,b,c,…] [sample=N]` command:
/// a named kernel or one of your own (9 numbers: 3x3, 25: 5x5, row by row) cross-correlated
/// with a test image, `pad same`, through ``Core/ClassicKernel``.
public struct ShowKernelCommand: ReplCommand {
  public static let kernels = ["sobel-x", "sobel-y", "blur", "sharpen", "edge"]

  /// A kernel name or your own numbers.
  static let kernelKind = ValueKind.kernelValues(names: kernels, counts: ClassicKernel.customCounts)

  public static let spec = CommandSpec(
    name: "show kernel", category: .inspect,
    abstract: "an image kernel, named or your own, applied to a test image",
    discussion: [
      "out[y,x] = Σ k[i,j]·in[y+i−c, x+j−c], c the centre: a cross-correlation",
      "with zeros outside (pad same), as a conv layer computes it",
      "your own kernel: 9 numbers (3x3) or 25 (5x5), row by row, separated by commas",
      "e.g. the Laplacian 0,1,0,1,-4,1,0,1,0 is `edge` with the sign flipped",
    ],
    arguments: [
      ArgumentSpec(
        "KERNEL", "kernel", kernelKind, optional: true,
        help: "a name (sobel-x, sobel-y, blur, …) or its numbers")
    ],
    options: [
      OptionSpec(
        "k", "a,b,…", .kernelValues(names: [], counts: ClassicKernel.customCounts),
        help: "your own kernel's numbers, row by row"),
      .testImage,
    ],
    runsInCheck: false,
    examples: [
      "show kernel sobel-x", "show kernel blur sample=3", "show kernel 0,1,0,1,-4,1,0,1,0",
      "show kernel k=1,0,-1,2,0,-2,1,0,-1 sample=2",
    ],
    make: { (a) throws(CommandError) in
      // At most one of: a name, numbers in its place, numbers after k= (none: refused by run).
      guard a.values["KERNEL"] == nil || a.values["k"] == nil else {
        throw .refused(
          command: "show kernel", problem: "the kernel is given twice",
          hint: "give a name, its numbers or k=, not two of them")
      }
      let numbers = a.numbers("KERNEL") ?? a.numbers("k")
      return ShowKernelCommand(
        kernel: a.word("KERNEL") ?? (numbers == nil ? "" : "custom"),
        values: numbers?.map { Float($0) }, sample: a.integer("sample") ?? 0)
    })

  /// The kernel's name, `custom` for your own numbers, empty when none was given.
  public var kernel: String
  /// Your own kernel's numbers, row by row (nil for a named kernel).
  public var values: [Float]? = nil
  public var sample: Int

  public func run(in session: Session, output: any Presenter) throws(CommandError) {
    let name = "show kernel"
    guard !kernel.isEmpty || values != nil else {
      throw .refused(
        command: name, problem: "no kernel given",
        hint: "name one (" + Self.kernels.joined(separator: ", ")
          + ") or give its numbers: `show kernel 0,1,0,1,-4,1,0,1,0`")
    }
    let data = try session.requireData(name)
    let set = data.test.count > 0 ? data.test : data.train
    let grid: Grid
    if let values {
      grid = try InspectionSupport.compute(name) { () throws(InspectionError) in
        try ClassicKernel.custom(values)
      }
    } else if let classic = ClassicKernel(rawValue: kernel) {
      grid = classic.kernel
    } else {
      throw .refused(
        command: name, problem: "there is no kernel `\(kernel)`",
        hint: "use one of " + Self.kernels.joined(separator: ", "))
    }
    let result = try InspectionSupport.compute(name) { () throws(InspectionError) in
      try ClassicKernel.apply(grid, to: set, index: sample)
    }
    let size = "\(grid.height)x\(grid.width)"
    let title = values == nil ? kernel : "your \(size) kernel"
    output.present(
      .picture(
        .images(
          title: "\(title) on test image \(sample): input, output",
          images: [
            InspectionSupport.image(result.input, caption: "input"),
            InspectionSupport.image(result.output, caption: "output"),
          ], palette: .sequential), pane: .filters))
    var lines = [
      (values == nil ? "kernel \(kernel)" : "your \(size) kernel") + " (cross-correlation, pad same):"
    ]
    for y in 0..<result.kernel.height {
      lines.append(
        "  "
          + (0..<result.kernel.width).map { x in
            Self.cell(result.kernel[y, x])
          }.joined(separator: " "))
    }
    if let values {
      lines.append(Self.sumLine(values.reduce(0, +)))
    }
    lines.append(
      "output from \(Self.value(result.output.minimum)) to \(Self.value(result.output.maximum)) "
        + "(darkest to brightest)")
    output.present(.text(lines))
  }

  /// What the sum of a kernel's weights does to a flat (one-colour) area.
  static func sumLine(_ sum: Float) -> String {
    let text = "weights sum to \(value(sum))"
    if abs(sum) < 1e-6 { return text + ": flat areas give 0, only changes show" }
    if abs(sum - 1) < 1e-6 { return text + ": flat areas keep their brightness" }
    return text + ": flat areas are scaled by \(value(sum))"
  }

  /// A kernel value right-aligned in 7 columns (`     -2`, `  0.125`).
  static func cell(_ x: Float) -> String {
    let text = value(x)
    return String(repeating: " ", count: max(0, 7 - text.count)) + text
  }

  /// Whole numbers plainly (up to a million), others with up to 4 significant digits.
  static func value(_ x: Float) -> String {
    x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : String(format: "%.4g", Double(x))
  }
}
