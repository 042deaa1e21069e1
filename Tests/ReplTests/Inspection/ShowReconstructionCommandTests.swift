import Core
import Rendering
import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowReconstructionCommandTests {
  static func autoencoder() -> SessionHarness {
    let h = SessionHarness()
    h.session.chartStyle = .ascii
    h.run(
      """
      seed 2
      data bars train=64 test=8 size=12
      input data
      conv 4 3 pad=same relu
      maxpool 2
      deconv 4 2 stride=2 relu
      conv 1 3 pad=same sigmoid
      train epochs=1 loss=mse
      """)
    return h
  }

  /// The printed MSE is the mse loss of that one image (``MeanSquaredError`` on the model's
  /// own forward pass), and the three pictures are input, output and |output − input|.
  @Test func printsTheMeanSquaredErrorOfTheImage() throws {
    let h = Self.autoencoder()
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    let out = h.run("show reconstruction 3")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    let set = try #require(h.session.data?.test)
    var x = Tensor(batch: 1, shape: set.shape)
    var labels: [Int] = []
    set.gather([3], into: &x, labels: &labels)
    let y = h.session.model.forward(x, context: ComputeContext(mode: .inference))
    let mse = MeanSquaredError(target: .input).value(outputs: y, inputs: x, labels: labels)
    let line = try #require(out.split(separator: "\n").first { $0.hasPrefix("MSE = ") })
    #expect(line.hasPrefix("MSE = Σ (output − input)² / 144 = "))
    #expect(line.hasSuffix(" (the mse loss of this image)"))
    let printed = try #require(
      Float(line.split(separator: "=").last?.split(separator: " ").first ?? ""))
    #expect(abs(printed - mse) <= 5e-4 * mse, "\(printed) vs \(mse)")
    let label = set.classNames[labels[0]]
    #expect(out.hasPrefix("test image 3 (label \(label)): input, output, |error|\n"))
    let images = ShowKernelCommandTests.images(h)
    #expect(images.map(\.caption) == ["input", "output", "|error|"])
    for j in 0..<144 {
      #expect(abs(images[0].values[j] - x.storage[j]) < 1e-6)
      #expect(abs(images[1].values[j] - y.storage[j]) < 1e-6)
      #expect(abs(images[2].values[j] - abs(y.storage[j] - x.storage[j])) < 1e-6)
    }
    #expect(out.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  @Test func refusesAClassifierAndMissingImages() {
    let h = InspectionSetup.harness()
    h.run("show reconstruction 0")
    #expect(
      h.errorLines == [
        "error: show reconstruction: the model outputs 4, not an image like its input 12x12x1; "
          + "this needs an autoencoder (`preset autoencoder`)"
      ])
    let a = Self.autoencoder()
    a.run("show reconstruction 8")
    #expect(a.errorLines == ["error: show reconstruction: there is no test image 8; pick one from 0 to 7"])
    let bare = SessionHarness()
    bare.run("show reconstruction 0")
    #expect(bare.errorLines.first?.hasPrefix("error: show reconstruction: no data set is loaded") == true)
  }
}
