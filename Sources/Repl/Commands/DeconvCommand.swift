import Core

/// The `deconv F K [stride=S] [pad=P] [init=I] [ACT]` command.
public struct DeconvCommand: LayerCommand {
  public static let spec = CommandSpec(
    name: "deconv", category: .model, placesLayer: true,
    abstract: "transposed convolution (learned upsampling) to F channels",
    discussion: [
      "as PyTorch's ConvTranspose2d: output side = (in - 1)·S - 2·P + K",
      "params = K·K·Cin·F + F",
    ],
    arguments: [
      ArgumentSpec("F", "filters F", .integer(Limits.filters), help: "output channels"),
      ArgumentSpec("K", "kernel K", .kernel(Limits.kernel), help: "kernel side"),
    ],
    options: [
      OptionSpec("stride", "S", .integer(Limits.stride), default: "1", help: "upsampling step"),
      OptionSpec(
        "pad", "P", .integer(0...Limits.paddingPixels), default: "0",
        help: "pixels cropped from each side"),
      .initializer,
    ],
    takesActivation: true,
    examples: ["deconv 16 2 stride=2 relu", "deconv 1 3 pad=1 sigmoid"],
    make: { (a) throws(CommandError) in
      DeconvCommand(
        layer: .transposedConv(
          filters: a.integer("F") ?? 1, kernel: a.integer("K") ?? 1,
          stride: a.integer("stride") ?? 1,
          padding: a.integer("pad") ?? 0, activation: a.activation,
          initializer: a.initializer("init") ?? .glorot))
    })

  public var layer: LayerSpec
}
