/// Why a layer cannot follow the current network, with the numbers that show it.
///
/// A ``StudentFacingError`` whose `problem` names the layer first; `description` is one line a
/// student can act on, `layer: problem; hint`, and the REPL puts `error: ` in front. Example:
/// `conv 16 5: input 3x3x8 is smaller than the 5x5 kernel: (3 - 5 + 2·0)/1 + 1 = -1; use pad=same or a smaller kernel`
public enum ShapeError: StudentFacingError, Hashable, Sendable {
  /// A sliding window gives an output size below 1 along one axis:
  /// `(input − effectiveKernel + 2·padding)/stride + 1 = output`.
  case windowDoesNotFit(
    layer: String, input: Shape, kernel: Int, effectiveKernel: Int, padding: Int, stride: Int,
    axisSize: Int, output: Int)
  /// A layer that takes a vector (dense) was given an image.
  case needsFlatInput(layer: String, input: Shape)
  /// A layer that takes an image (conv, pooling) was given a flat vector.
  case needsImageInput(layer: String, input: Shape)
  /// A number out of range or a combination that cannot work, with what to do instead.
  case invalidArgument(layer: String, problem: String, hint: String)
  /// No `input` yet.
  case noInput

  /// What is wrong, after the layer's name (`conv 16 5: input 3x3x8 is smaller than …`).
  public var problem: String { parts.problem }
  public var hint: String { parts.hint }

  private var parts: (problem: String, hint: String) {
    switch self {
    case let .windowDoesNotFit(layer, input, kernel, effective, padding, stride, axisSize, output):
      let dilated = effective == kernel ? "" : " (dilated to \(effective)x\(effective))"
      let formula = "(\(axisSize) - \(effective) + 2·\(padding))/\(stride) + 1 = \(output)"
      return (
        "\(layer): input \(input) is smaller than the \(kernel)x\(kernel) kernel\(dilated): "
          + formula,
        "use pad=same or a smaller kernel"
      )
    case let .needsFlatInput(layer, input):
      return ("\(layer): input \(input) is an image, not a vector", "add `flatten` before it")
    case let .needsImageInput(layer, input):
      return (
        "\(layer): input \(input) is a flat vector, not an image HxWxC",
        "put this layer before `flatten`"
      )
    case let .invalidArgument(layer, problem, hint):
      return ("\(layer): \(problem)", hint)
    case .noInput:
      return ("there is no input shape yet", "start with `input 28x28x1` or `input data`")
    }
  }

  /// Checks that a window of `kernel` (dilation `dilation`) with `stride` and `padding` fits
  /// `input`, returning the output height and width, or throwing with the failing axis' arithmetic.
  public static func windowOutput(
    layer: String, input: Shape, kernel: Int, stride: Int, padding: Padding, dilation: Int = 1
  ) throws(ShapeError) -> (height: Int, width: Int) {
    guard !input.isFlat else { throw .needsImageInput(layer: layer, input: input) }
    let effective = dilation * (kernel - 1) + 1
    var sizes: [Int] = []
    for axisSize in [input.height, input.width] {
      let r = padding.resolve(input: axisSize, kernel: effective, stride: stride)
      guard r.output >= 1 else {
        throw .windowDoesNotFit(
          layer: layer, input: input, kernel: kernel, effectiveKernel: effective,
          padding: r.before, stride: stride, axisSize: axisSize, output: r.output)
      }
      sizes.append(r.output)
    }
    return (sizes[0], sizes[1])
  }
}
