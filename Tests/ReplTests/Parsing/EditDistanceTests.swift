import Repl
import Testing

@Suite struct EditDistanceTests {
  @Test func distances() {
    #expect(EditDistance.distance("conv", "conv") == 0)
    #expect(EditDistance.distance("covn", "conv") == 2)
    #expect(EditDistance.distance("", "abc") == 3)
    #expect(EditDistance.distance("kitten", "sitting") == 3)
    #expect(EditDistance.distance("DENSE", "dense") == 0)
  }

  @Test func thresholdAndShortWords() {
    #expect(EditDistanceTests.suggest("dens") == "dense")
    #expect(EditDistanceTests.suggest("x") == nil)  // too short to guess
    #expect(EditDistanceTests.suggest("zzzzzz") == nil)
    #expect(EditDistance.suggestionThreshold == 2)
  }

  static func suggest(_ word: String) -> String? {
    EditDistance.suggestion(for: word, among: ["conv", "dense", "gap", "summary"])
  }
}
