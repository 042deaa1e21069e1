import Core
import Rendering
import Repl
import ReplTestSupport
import Testing

@Suite
struct ShowPredictionsCommandTests {
  /// MNIST (class names are the digits, so each listed row reads `index label guess p`),
  /// an untrained small classifier: plenty of wrong guesses.
  static func harness() -> SessionHarness {
    let h = SessionHarness()
    h.session.chartStyle = .ascii
    h.run("seed 3\ndata mnist\ninput data\nconv 4 3 relu\nmaxpool 2\nflatten\ndense 10 softmax")
    return h
  }

  /// The model's probabilities for test image `index`, from a forward pass of its own.
  static func probabilities(_ h: SessionHarness, _ index: Int) throws -> [Float] {
    let set = try #require(h.session.data?.test)
    var batch = Tensor(batch: 1, shape: set.shape)
    var labels: [Int] = []
    set.gather([index], into: &batch, labels: &labels)
    return h.session.model.forward(batch, context: ComputeContext(mode: .inference)).storage
  }

  static func argmax(_ p: [Float]) -> Int {
    p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) } ?? 0
  }

  /// The listed rows as (index, label, guess, percent, marked wrong).
  static func rows(_ text: String) -> [(Int, Int, Int, Double, Bool)] {
    text.split(separator: "\n").compactMap { line in
      let words = line.split(separator: " ")
      guard words.count >= 4, let i = Int(words[0]), let l = Int(words[1]), let g = Int(words[2]),
        let p = Double(words[3].dropLast())
      else { return nil }
      return (i, l, g, p, line.hasSuffix("<- wrong"))
    }
  }

  @Test func guessesAreTheModelsArgmax() throws {
    let h = Self.harness()
    let out = h.run("show predictions n=12")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    #expect(out.hasPrefix("test images 0-11: the model's guess under each\n"))
    let rows = Self.rows(out)
    #expect(rows.map(\.0) == Array(0..<12))
    let set = try #require(h.session.data?.test)
    for (index, label, guess, percent, wrong) in rows {
      let p = try Self.probabilities(h, index)
      #expect(guess == Self.argmax(p), "image \(index)")
      #expect(label == Int(set.labels[index]))
      #expect(abs(percent - Double(p[guess]) * 100) < 0.006, "image \(index)")
      #expect(wrong == (guess != label))
    }
    let right = rows.filter { $0.1 == $0.2 }.count
    #expect(out.contains("\n\(right) of 12 right ("))
    // One captioned image per guess, at half size (28 -> 14), captions as listed.
    let images = ShowKernelCommandTests.images(h)
    #expect(images.count == 12 && images.allSatisfy { $0.width == 14 && $0.height == 14 })
    #expect(images.map(\.caption) == rows.map { $0.1 == $0.2 ? "\($0.2)" : "\($0.2) not \($0.1)" })
    #expect(out.split(separator: "\n").allSatisfy { $0.count <= 80 })
    // The half-size picture is the mean of each 2x2 block of pixels.
    let top = set.pixels[0..<784].map(Float.init)
    #expect(images[0].values[0] == (top[0] + top[1] + top[28] + top[29]) / 4)
    #expect(images[0].values[15] == (top[58] + top[59] + top[86] + top[87]) / 4)
  }

  @Test func wrongListsOnlyTheFirstMismatches() throws {
    let h = Self.harness()
    let out = h.run("show predictions wrong n=7")
    #expect(h.errorLines.isEmpty, "\(h.errorLines)")
    let rows = Self.rows(out)
    #expect(rows.count == 7 && rows.allSatisfy { $0.1 != $0.2 && $0.4 })
    let set = try #require(h.session.data?.test)
    var expected: [Int] = []
    var index = 0
    while expected.count < 7 {
      if Self.argmax(try Self.probabilities(h, index)) != Int(set.labels[index]) {
        expected.append(index)
      }
      index += 1
    }
    #expect(rows.map(\.0) == expected)
    #expect(out.hasPrefix("the first 7 wrong guesses among test images 0-\(index - 1)\n"))
    #expect(out.contains("\n7 wrong among \(index) test images\n"))
    #expect(ShowKernelCommandTests.images(h).allSatisfy { $0.caption.contains(" not ") })
    // Unicode captions mark them with ✗.
    h.session.chartStyle = .braille
    h.run("show predictions wrong n=1")
    let first = rows[0]
    #expect(ShowKernelCommandTests.images(h).map(\.caption) == ["\(first.2) ✗ \(first.1)"])
  }

  @Test func refusesWithoutDataOrAClassifier() {
    let bare = SessionHarness()
    bare.run("show predictions")
    let prefix = "error: show predictions: "
    #expect(bare.errorLines.first?.hasPrefix(prefix + "no data set is loaded") == true)
    bare.run("data bars train=20 test=4 size=12\nshow predictions")
    #expect(bare.errorLines.first?.hasPrefix(prefix + "the model has no layers") == true)
    bare.run("input data\nflatten\ndense 3 softmax\nshow predictions")
    #expect(
      bare.errorLines == [
        "error: show predictions: the model outputs 3, not one score for each of the 4 classes; "
          + "end it with `dense 4 softmax`"
      ])
    bare.run("input 8x8x1\nflatten\ndense 4\nshow predictions")
    #expect(
      bare.errorLines.first?.contains("the model takes 8x8x1 but the images are 12x12x1") == true)
  }

  @Test func refusedWhileTraining() {
    let h = InspectionSetup.training()
    h.run("show predictions")
    #expect(h.errorLines.first?.hasPrefix("error: show predictions: a training is running") == true)
    InspectionSetup.finish(h)
  }
}
