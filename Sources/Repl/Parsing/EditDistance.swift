/// "Did you mean" suggestions by Levenshtein distance.
public enum EditDistance {
  /// The largest number of single-letter edits still worth suggesting.
  ///
  /// Two catches the usual
  /// slips (`covn`, `maxpol`, `sumary`) without proposing unrelated words for short ones.
  public static let suggestionThreshold = 2

  /// Insertions, deletions and substitutions turning `a` into `b` (case-insensitive).
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.lowercased())
    let y = Array(b.lowercased())
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The nearest candidate within ``suggestionThreshold`` (and shorter than the word itself, so
  /// `x` suggests nothing), or the only candidate the word is a prefix of (an abbreviation).
  public static func suggestion(for word: String, among candidates: [String]) -> String? {
    let lower = word.lowercased()
    let limit = min(suggestionThreshold, max(lower.count - 1, 0))
    let scored = candidates.map { ($0, distance(lower, $0)) }.filter { $0.1 <= limit }
    if let best = scored.min(by: { $0.1 < $1.1 }) { return best.0 }
    let prefixed = candidates.filter { $0.hasPrefix(lower) }
    return prefixed.count == 1 && !lower.isEmpty ? prefixed[0] : nil
  }
}
