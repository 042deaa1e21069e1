extension LayerSpec {
  /// A new, unbuilt layer for this spec. `maxunpool` layers are connected to their maxpool by
  /// ``Sequential``, which knows the rows.
  public func makeLayer() -> any Layer {
    switch self {
    case let .conv(filters, kernel, stride, padding, dilation, bias, activation, initializer):
      Conv2D(
        filters: filters, kernel: kernel, stride: stride, padding: padding, dilation: dilation,
        useBias: bias, activation: activation, initializer: initializer)
    case let .depthwiseConv(kernel, multiplier, stride, padding, activation, initializer):
      DepthwiseConv2D(
        kernel: kernel, multiplier: multiplier, stride: stride, padding: padding,
        activation: activation, initializer: initializer)
    case let .separableConv(filters, kernel, stride, padding, activation, initializer):
      SeparableConv2D(
        filters: filters, kernel: kernel, stride: stride, padding: padding,
        activation: activation, initializer: initializer)
    case let .transposedConv(filters, kernel, stride, padding, activation, initializer):
      TransposedConv2D(
        filters: filters, kernel: kernel, stride: stride, padding: padding,
        activation: activation, initializer: initializer)
    case let .maxPool(kernel, stride, padding):
      MaxPool2D(kernel: kernel, stride: stride ?? kernel, padding: padding)
    case let .avgPool(kernel, stride, padding):
      AvgPool2D(kernel: kernel, stride: stride ?? kernel, padding: padding)
    case .globalAvgPool:
      GlobalAvgPool2D()
    case .upsample(let factor):
      Upsample2D(factor: factor)
    case .maxUnpool(let row):
      MaxUnpool2D(poolRow: row)
    case .flatten:
      Flatten()
    case let .dense(units, activation, initializer):
      Dense(units: units, activation: activation, initializer: initializer)
    case .dropout(let rate):
      Dropout(rate: rate)
    case .batchNorm:
      BatchNorm()
    case .activation(let activation):
      ActivationLayer(activation)
    }
  }
}
