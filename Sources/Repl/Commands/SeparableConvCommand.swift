import Core

/// The `sepconv F K [stride=S] [pad=..] [init=I] [ACT]` command.
public struct SeparableConvCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "sepconv", category: .model, placesLayer: true,
    abstract: "separable conv: depthwise KxK, then 1x1 to F channels",
    discussion: [
      "as Keras' SeparableConv2D: params = K·K·Cin + Cin·F + F (no bias on the depthwise step)",
      "MACs per image = (K·K·Cin + Cin·F)·Hout·Wout; compare with `conv F K` in the summary",
    ],
    arguments: [
      ArgumentSpec(
        "F", "filters F", .integer(Limits.filters), help: "output channels of the pointwise step"),
      ArgumentSpec("K", "kernel K", .kernel(Limits.kernel), help: "depthwise kernel side"),
    ],
    options: [
      .stride,
      .convolutionPadding,
      .initializer,
    ],
    takesActivation: true,
    examples: ["sepconv 64 3 pad=same relu"],
    make: { (a) throws(CommandError) in
      SeparableConvCommand(
        layer: .separableConv(
          filters: a.integer("F") ?? 1, kernel: a.integer("K") ?? 1,
          stride: a.integer("stride") ?? 1,
          padding: a.padding("pad") ?? .valid, activation: a.activation,
          initializer: a.initializer("init") ?? .glorot))
    })

  public var layer: LayerSpec
}
