import Core

/// The `conv F K [stride=S] [pad=valid|same|P] [dilation=D] [bias=no] [init=I] [ACT]` command.
public struct ConvCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "conv", category: .model, placesLayer: true,
    abstract: "2-D convolution with F filters of size KxK",
    discussion: [
      "output side = (in + 2·P - D·(K - 1) - 1)/S + 1 (floor); pad=same gives ceil(in/S) as Keras",
      "params = K·K·Cin·F + F (one bias per filter; none with bias=no)",
      "MACs per image = K·K·Cin·F·Hout·Wout",
    ],
    arguments: [
      ArgumentSpec(
        "F", "filters F", .integer(Limits.filters), help: "number of filters (output channels)"),
      ArgumentSpec("K", "kernel K", .kernel(Limits.kernel), help: "kernel side: 3 means 3x3"),
    ],
    options: [
      .stride,
      .convolutionPadding,
      OptionSpec(
        "dilation", "D", .integer(Limits.dilation), default: "1",
        help: "gap between kernel taps (a 3x3 with D=2 spans 5x5)"),
      OptionSpec(
        "bias", "B", .choice(["yes", "no"]), default: "yes", help: "add one bias per filter"),
      .initializer,
    ],
    takesActivation: true,
    examples: ["conv 32 3 relu", "conv 64 3 pad=same stride=2 relu", "conv 6 5 pad=2 tanh"],
    make: { (a) throws(CommandError) in
      ConvCommand(
        layer: .conv(
          filters: a.integer("F") ?? 1, kernel: a.integer("K") ?? 1,
          stride: a.integer("stride") ?? 1,
          padding: a.padding("pad") ?? .valid, dilation: a.integer("dilation") ?? 1,
          bias: a.flag("bias") ?? true, activation: a.activation,
          initializer: a.initializer("init") ?? .glorot))
    })

  public var layer: LayerSpec
}
