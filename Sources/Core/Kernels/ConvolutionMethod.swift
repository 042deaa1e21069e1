/// How a convolution layer computes its passes; which one depends on its shapes only.
public enum ConvolutionMethod: String, Sendable {
  /// Windows laid out as columns, then one GEMM (any kernel, stride, padding, dilation).
  case im2col
  /// A 1x1 stride-1 unpadded kernel: one GEMM on the image itself.
  case pointwise
  /// Winograd F(2x2, 3x3): 3x3 stride 1 on ≥ 16 channels in and out, 2.25x fewer
  /// multiplications in the forward pass, dLoss/dInput and dLoss/dKernel.
  case winograd
}
