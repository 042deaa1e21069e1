import Core
import Repl

/// A session with a recording presenter, and the text it printed.
package struct SessionHarness {
  package let session: Session
  package let presenter: RecordingPresenter

  package init(
    mode: SessionMode = .batch, seed: UInt64 = 0, memoryBudget: MemoryBudget? = nil,
    statisticsEvery: Int? = nil
  ) {
    presenter = RecordingPresenter()
    var options = SessionOptions(mode: mode, seed: seed)
    if let memoryBudget { options.memoryBudget = memoryBudget }
    options.statisticsEvery = statisticsEvery
    session = Session(options: options, presenter: presenter)
  }

  /// Runs each line; returns what the lines printed.
  @discardableResult
  package func run(_ lines: String) -> String {
    presenter.clear()
    for line in lines.split(separator: "\n", omittingEmptySubsequences: false) {
      session.execute(String(line))
    }
    return presenter.text
  }

  /// The one error the last `run` produced, as printed.
  package var errorLines: [String] { presenter.errors.map(\.description) }
}
