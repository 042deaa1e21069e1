import ArgumentParser
import Foundation
import ModelFiles
import Repl

/// `cnnrepl session-manual` (not listed): prints the `cnnrepl-session(7)` man page that
/// `make install` installs, generated from the commands' definitions.
struct SessionManualCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "session-manual",
    abstract: "Print the session language's man page (cnnrepl-session.7) in man(7) format.",
    shouldDisplay: false)

  func run() throws {
    // Reproducible builds: SOURCE_DATE_EPOCH, when set, dates the page.
    let environment = ProcessInfo.processInfo.environment
    let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(TimeInterval.init)
    let date = seconds.map { Date(timeIntervalSince1970: $0) } ?? Date()
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    print(SessionManual.page(version: CnnreplVersion.string, date: formatter.string(from: date)), terminator: "")
  }
}
