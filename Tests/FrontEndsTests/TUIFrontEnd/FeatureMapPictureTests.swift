import Core
import FrontEnds
import Repl
import Rendering
import Testing

/// The live feature maps: one image per channel of the chosen row.
struct FeatureMapPictureTests {
  @Test func defaultRowIsTheFirstConv() {
    let specs: [LayerSpec] = [.maxPool(kernel: 2), .conv(filters: 4, kernel: 3), .flatten]
    let shapes = [
      Shape(height: 8, width: 8, channels: 1), Shape(height: 4, width: 4, channels: 1),
      Shape(height: 2, width: 2, channels: 4), .flat(16),
    ]
    #expect(FeatureMapPicture.defaultRow(specs: specs, shapes: shapes) == 2)
    #expect(FeatureMapPicture.defaultRow(specs: [.flatten], shapes: [shapes[0], .flat(64)]) == nil)
    #expect(
      FeatureMapPicture.defaultRow(specs: [.maxPool(kernel: 2)], shapes: Array(shapes[0...1])) == 1)
  }

  @Test func oneImagePerChannelFromTheNCHWPlanes() throws {
    let shape = Shape(height: 2, width: 3, channels: 2)
    let tensor = Tensor(batch: 1, shape: shape, storage: (0..<12).map(Float.init))
    let input = Tensor(batch: 1, shape: Shape(height: 4, width: 4, channels: 1))
    let picture = try #require(
      FeatureMapPicture.picture(activations: [input, tensor], row: 1, layer: "conv 2 3", step: 50))
    guard case .images(let title, let images, _) = picture else {
      Issue.record("expected images")
      return
    }
    #expect(title == "row 1 conv 2 3, step 50")
    #expect(images.map(\.caption) == ["0", "1"])
    #expect(images[1].values == [6, 7, 8, 9, 10, 11])
    #expect(images[1].width == 3 && images[1].height == 2)
    #expect(FeatureMapPicture.picture(activations: [input], row: 1, layer: "", step: 0) == nil)
  }
}
