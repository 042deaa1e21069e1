import Core

extension Sequential {
  /// A model of `specs` on `input` whose every bias entry `j` is `bias(j)`: non-zero biases,
  /// so the tests of fused passes see the bias at work.
  public static func built(
    input: Shape, _ specs: [LayerSpec], seed: UInt64, bias: (Int) -> Float
  ) throws -> Sequential {
    let model = Sequential(seed: seed)
    try model.setStack(input: input, specs: specs)
    for parameter in model.parameters where parameter.name.hasSuffix("bias") {
      parameter.value = (0..<parameter.count).map(bias)
    }
    return model
  }
}
