import Core

/// A data set read from the user's own files, with what had to be left out.
public struct UserDataLoad: Sendable {
  public var data: DataSplits
  /// Files or rows skipped, in the order they were met.
  public var skipped: [SkippedInput]
  /// `files` or `rows`, for the report.
  public var noun: String

  public init(data: DataSplits, skipped: [SkippedInput], noun: String) {
    self.data = data
    self.skipped = skipped
    self.noun = noun
  }

  /// Nothing when nothing was skipped, else `skipped 3 files:` and one indented line per item,
  /// at most `limit` of them, then `… and N more`.
  public func skipReport(limit: Int = 10) -> [String] {
    guard !skipped.isEmpty else { return [] }
    let singular = String(noun.dropLast())
    var lines = ["skipped \(grouped(skipped.count)) \(skipped.count == 1 ? singular : noun):"]
    lines += skipped.prefix(limit).map { "  \($0)" }
    if skipped.count > limit { lines.append("  … and \(grouped(skipped.count - limit)) more") }
    return lines
  }
}
