/// A convolution whose every output is one dot product of an input patch with a kernel, run as
/// im2col and one GEMM: `show conv` works one output out by hand and `show im2col` shows the
/// patch matrix. ``Conv2D`` is one.
///
///     y[f, oy, ox] = act(b[f] + Σ(c,ky,kx) w[f,c,ky,kx] · x[c, oy·s − pt + ky·d, ox·s − pl + kx·d])
public protocol PatchConvolution: LinearMapLayer {
  var filters: Int { get }
  var kernel: Int { get }
  var stride: Int { get }
  var dilation: Int { get }
  var activation: Activation? { get }
  /// The window geometry (padding resolved) on `input`.
  func patchGeometry(for input: Shape) throws(ShapeError) -> Im2col.Geometry
}

extension Conv2D: PatchConvolution {
  public func patchGeometry(for input: Shape) throws(ShapeError) -> Im2col.Geometry {
    try geometry(for: input)
  }
}
