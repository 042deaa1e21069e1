/// The words of `--step` demo mode, the same in the full screen and in line mode.
public enum StepNotes {
  /// Said after step `step` of `total` failed, before the next step is offered: the counter
  /// moves on (a demo may show an error on purpose), never silently.
  ///
  /// `recall` adds how to get the failed line back (the full screen's Up key).
  public static func failed(step: Int, of total: Int, command: String, recall: Bool = false)
    -> String
  {
    var line =
      "step \(step)/\(total) failed: `\(command)`; Enter or space goes on with step \(step + 1)"
    line += recall ? " (Up brings the failed line back to edit)" : ", q stops"
    return line
  }

  /// The prompt while a step's training runs and the next step waits for it.
  public static func waitingPrompt(next: Int, of total: Int, asciiOnly: Bool) -> String {
    "[\(next)/\(total)] training\(asciiOnly ? "..." : "…") Ctrl-C stops > "
  }

  /// The prompt offering step `step` of `total`.
  public static func prompt(step: Int, of total: Int) -> String { "[\(step)/\(total)] > " }
}
