/// An autoencoder's output beside its input (`show reconstruction N`): the model must output
/// an image of its input's shape.
///
/// In the model's input units (`(x/255 − mean)/std`, what the `mse` loss compares), for one
/// test image `x` (`C x H x W`) and its reconstruction `y`:
///
///     MSE        = Σ (y − x)² / (C·H·W)              (the mse loss of that image alone)
///     error[h,w] = (1/C) Σ_c |y[c,h,w] − x[c,h,w]|
///
/// `input` and `output` are the channel means `(1/C) Σ_c`, grey planes to draw.
public struct Reconstruction: Sendable {
  public let input: Grid
  public let output: Grid
  public let error: Grid
  public let meanSquaredError: Float
  /// The image's class (shown as its name).
  public let label: Int

  public static func compute(
    model: Sequential, data: ImageSet, normalization: Normalization = .unit, index: Int,
    threads: Int = 1
  ) throws(InspectionError) -> Reconstruction {
    let (image, label) = try TestImage.tensor(
      model: model, data: data, normalization: normalization, index: index)
    guard let output = model.outputShape else { throw .emptyModel }
    guard output == image.shape else {
      throw .notAutoencoder(output: output, input: image.shape)
    }
    let y = model.forward(image, context: ComputeContext(mode: .inference, threads: threads))
    let s = image.shape
    let area = s.height * s.width
    var input = [Float](repeating: 0, count: area)
    var rebuilt = [Float](repeating: 0, count: area)
    var error = [Float](repeating: 0, count: area)
    var sum = 0.0
    for c in 0..<s.channels {
      for j in 0..<area {
        let (a, b) = (image.storage[c * area + j], y.storage[c * area + j])
        input[j] += a
        rebuilt[j] += b
        error[j] += abs(b - a)
        sum += Double(b - a) * Double(b - a)
      }
    }
    let mean = 1 / Float(s.channels)
    func plane(_ v: [Float]) -> Grid {
      Grid(height: s.height, width: s.width, values: v.map { $0 * mean })
    }
    return Reconstruction(
      input: plane(input), output: plane(rebuilt), error: plane(error),
      meanSquaredError: Float(sum / Double(s.count)), label: label)
  }
}
