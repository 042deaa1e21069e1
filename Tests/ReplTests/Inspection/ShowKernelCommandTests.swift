import Rendering
import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowKernelCommandTests {
  @Test func showsInputKernelAndOutput() {
    let h = InspectionSetup.harness()
    let out = h.run("show kernel sobel-x sample=1")
    #expect(h.errorLines.isEmpty)
    #expect(out.hasPrefix("sobel-x on test image 1: input, output\ninput"))
    #expect(out.contains("kernel sobel-x (cross-correlation, pad same):\n       -1       0       1\n"))
    #expect(h.run("show kernel blur").contains("  0.0625   0.125  0.0625"))
  }

  @Test func refusesMissingDataAndImages() {
    let bare = SessionHarness()
    bare.run("show kernel edge")
    #expect(bare.errorLines.first?.hasPrefix("error: show kernel: no data set is loaded") == true)
    let h = InspectionSetup.harness()
    h.run("show kernel edge sample=16")
    #expect(h.errorLines == ["error: show kernel: there is no test image 16; pick one from 0 to 15"])
    h.run("show kernel emboss")
    #expect(h.errorLines.count == 1)
  }

  /// The grids of the last picture event.
  static func images(_ h: SessionHarness) -> [CaptionedImage] {
    h.presenter.events.compactMap { event -> [CaptionedImage]? in
      guard case .picture(.images(_, let images, _), _) = event else { return nil }
      return images
    }.last ?? []
  }

  /// Your own Laplacian on test image 2: the output equals the cross-correlation written out
  /// over the test image's pixels (`x/255`), and `edge`'s output with the sign flipped.
  @Test func yourOwnKernelIsAppliedLikeTheNamedOnes() throws {
    let h = InspectionSetup.harness()
    let out = h.run("show kernel 0,1,0,1,-4,1,0,1,0 sample=2")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(out.hasPrefix("your 3x3 kernel on test image 2: input, output\n"))
    #expect(
      out.contains(
        """
        your 3x3 kernel (cross-correlation, pad same):
                0       1       0
                1      -4       1
                0       1       0
        weights sum to 0: flat areas give 0, only changes show
        """))
    let mine = Self.images(h)
    #expect(mine.map(\.caption) == ["input", "output"])
    let set = try #require(h.session.data?.test)
    let (height, width) = (set.shape.height, set.shape.width)
    let start = 2 * set.shape.count
    func pixel(_ y: Int, _ x: Int) -> Float {
      guard (0..<height).contains(y), (0..<width).contains(x) else { return 0 }
      return Float(set.pixels[start + y * width + x]) / 255
    }
    for y in 0..<height {
      for x in 0..<width {
        let expected =
          pixel(y - 1, x) + pixel(y + 1, x) + pixel(y, x - 1) + pixel(y, x + 1) - 4 * pixel(y, x)
        #expect(abs(mine[1].values[y * width + x] - expected) < 1e-5, "(\(y), \(x))")
      }
    }
    h.run("show kernel edge sample=2")
    let edge = Self.images(h)
    #expect(edge[0] == mine[0])
    #expect(zip(edge[1].values, mine[1].values).allSatisfy { abs($0 + $1) < 1e-6 })
    // k= is the same kernel; a 5x5 one is drawn too.
    h.run("show kernel k=0,1,0,1,-4,1,0,1,0 sample=2")
    #expect(h.errorLines.isEmpty && Self.images(h) == mine)
    let five = h.run("show kernel " + [String](repeating: "0.04", count: 25).joined(separator: ","))
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(five.hasPrefix("your 5x5 kernel on test image 0"))
    #expect(five.contains("weights sum to 1: flat areas keep their brightness"))
  }

  /// Named kernels are unchanged: sobel-x's output is its own sum written out.
  @Test func namedKernelsAreUnchanged() throws {
    let h = InspectionSetup.harness()
    h.run("show kernel sobel-x sample=1")
    let out = Self.images(h)[1]
    let set = try #require(h.session.data?.test)
    let (height, width) = (set.shape.height, set.shape.width)
    func pixel(_ y: Int, _ x: Int) -> Float {
      guard (0..<height).contains(y), (0..<width).contains(x) else { return 0 }
      return Float(set.pixels[set.shape.count + y * width + x]) / 255
    }
    for y in 0..<height {
      for x in 0..<width {
        let right = pixel(y - 1, x + 1) + 2 * pixel(y, x + 1) + pixel(y + 1, x + 1)
        let left = pixel(y - 1, x - 1) + 2 * pixel(y, x - 1) + pixel(y + 1, x - 1)
        #expect(abs(out.values[y * width + x] - (right - left)) < 1e-5)
      }
    }
  }

  @Test func wrongCountsAndMissingOrDoubleKernelsAreRefused() {
    let h = InspectionSetup.harness()
    h.run("show kernel 1,2,3,4,5,6,7,8")
    #expect(
      h.errorLines == [
        "error: show kernel: 8 numbers make no square kernel; give 9 (3x3) or 25 (5x5) numbers, "
          + "row by row, separated by commas"
      ])
    h.run("show kernel k=1")
    #expect(h.errorLines.first?.hasPrefix("error: show kernel: 1 number makes no square kernel") == true)
    h.run("show kernel 1,2,x,4,5,6,7,8,9")
    #expect(
      h.errorLines == [
        "error: show kernel: `1,2,x,4,5,6,7,8,9` is not a valid kernel; expected a name such as "
          + "sobel-x, or 9 or 25 numbers a,b,c,…"
      ])
    h.run("show kernel")
    #expect(h.errorLines.first?.hasPrefix("error: show kernel: no kernel given; name one (") == true)
    h.run("show kernel edge k=0,1,0,1,-4,1,0,1,0")
    #expect(h.errorLines.first?.hasPrefix("error: show kernel: the kernel is given twice") == true)
    h.run("show kernel sobel")
    #expect(h.errorLines.first?.contains("(did you mean `sobel-x`?)") == true, "\(h.errorLines)")
    let bare = SessionHarness()
    bare.run("show kernel")
    #expect(bare.errorLines.first?.hasPrefix("error: show kernel: no kernel given") == true)
  }
}
