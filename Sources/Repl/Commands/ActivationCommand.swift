import Core

/// `relu`, `leaky_relu [A]`, `tanh`, `lecun_tanh`, `sigmoid`, `softmax` as layers of their own.
public struct ActivationCommand: LayerCommand {
  /// One spec per activation name, all building this type.
  public static let specs: [CommandSpec] = Activation.names.map { name in
    let leaky = name == "leaky_relu"
    return CommandSpec(
      name: name, category: .model, placesLayer: true, abstract: abstracts[name] ?? name,
      arguments: leaky
        ? [
          ArgumentSpec(
            "A", "slope A", .number(0...1), optional: true,
            help: "slope for x < 0 (default 0.3, as Keras)")
        ]
        : [],
      examples: leaky ? ["leaky_relu", "leaky_relu 0.1"] : [name],
      make: { (a) throws(CommandError) in
        let alpha = a.number("A").map { Float($0) }
        guard let activation = Activation(name: name, alpha: alpha) else {
          throw .unknownCommand(word: name, suggestion: nil)
        }
        return ActivationCommand(activation: activation)
      })
  }

  static let abstracts: [String: String] = [
    "relu": "max(0, x) as a layer",
    "leaky_relu": "x for x > 0, else A·x, as a layer",
    "tanh": "hyperbolic tangent as a layer",
    "lecun_tanh": "1.7159·tanh(2x/3) (LeCun 1998) as a layer",
    "sigmoid": "1/(1 + e^-x) as a layer",
    "softmax": "exp(x)/sum(exp(x)) over channels, as a layer",
  ]

  public var activation: Activation
  public var layer: LayerSpec { .activation(activation) }
}
