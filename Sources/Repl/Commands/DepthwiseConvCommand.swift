import Core

/// The `dwconv K [mult=M] [stride=S] [pad=..] [init=I] [ACT]` command.
public struct DepthwiseConvCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "dwconv", category: .model, placesLayer: true,
    abstract: "depthwise conv: one KxK filter per input channel",
    discussion: [
      "output channels = Cin·M; params = K·K·Cin·M + Cin·M",
      "MACs per image = K·K·Cin·M·Hout·Wout (Cout times fewer than a full conv)",
    ],
    arguments: [
      ArgumentSpec("K", "kernel K", .kernel(Limits.kernel), help: "kernel side: 3 means 3x3")
    ],
    options: [
      OptionSpec(
        "mult", "M", .integer(1...64), default: "1",
        help: "depth multiplier: filters per input channel"),
      .stride,
      .convolutionPadding,
      .initializer,
    ],
    takesActivation: true,
    examples: ["dwconv 3 pad=same relu", "dwconv 5 mult=2"],
    make: { (a) throws(CommandError) in
      DepthwiseConvCommand(
        layer: .depthwiseConv(
          kernel: a.integer("K") ?? 1, multiplier: a.integer("mult") ?? 1,
          stride: a.integer("stride") ?? 1,
          padding: a.padding("pad") ?? .valid, activation: a.activation,
          initializer: a.initializer("init") ?? .glorot))
    })

  public var layer: LayerSpec
}
