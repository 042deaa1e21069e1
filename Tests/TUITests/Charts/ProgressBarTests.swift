import Rendering
import Testing

@Suite struct ProgressBarTests {
  @Test func unicodeUsesEighthBlocks() {
    #expect(ProgressBar(fraction: 0.5).render(width: 10) == "█████░░░░░")
    #expect(ProgressBar(fraction: 0.33).render(width: 4) == "█▎░░")
    #expect(ProgressBar(fraction: 1).render(width: 3) == "███")
    #expect(ProgressBar(fraction: 7).render(width: 3) == "███")
  }

  @Test func asciiHasBrackets() {
    #expect(ProgressBar(fraction: 0.5, charset: .ascii).render(width: 12) == "[#####.....]")
    #expect(ProgressBar(fraction: 0, charset: .ascii).render(width: 5) == "[...]")
    #expect(ProgressBar(fraction: .nan, charset: .ascii).render(width: 4) == "[..]")
  }

  @Test func degenerateWidths() {
    #expect(ProgressBar(fraction: 0.5).render(width: 0) == "")
    #expect(ProgressBar(fraction: 1, charset: .ascii).render(width: 2) == "##")
  }
}
