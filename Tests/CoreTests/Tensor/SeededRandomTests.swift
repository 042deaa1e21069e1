import Core
import Testing

@Test func sameSeedGivesSameNumbers() {
  var a = SeededRandom(seed: 42)
  var b = SeededRandom(seed: 42)
  for _ in 0..<1000 { #expect(a.next() == b.next()) }
}

@Test func unitFloatsStayInRange() {
  var r = SeededRandom(seed: 1)
  var sum: Double = 0
  for _ in 0..<10_000 {
    let u = r.nextUnitFloat()
    #expect(u >= 0 && u < 1)
    sum += Double(u)
  }
  #expect(abs(sum / 10_000 - 0.5) < 0.02)
}
