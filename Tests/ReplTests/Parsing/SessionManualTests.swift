import Repl
import Testing

/// `cnnrepl-session(7)`: every command of the registry, in man(7) macros roff cannot misread.
@Suite struct SessionManualTests {
  @Test func everyCommandHasItsSectionWithItsHelpLines() {
    let page = SessionManual.page(version: "9.9", date: "2026-12-07")
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.first == #".TH CNNREPL-SESSION 7 "2026-12-07" "cnnrepl 9.9" "cnnrepl manual""#)
    for spec in CommandRegistry.all {
      let heading = lines.firstIndex(of: ".SS \"\(spec.name)\"")
      #expect(heading != nil, "no section for \(spec.name)")
      if let heading {
        #expect(lines[heading + 1] == ".nf")
        #expect(lines[heading + 2].hasPrefix("usage: \(spec.name)"))
      }
    }
    // No text line starts a roff request by accident, and backslashes are escaped.
    for line in lines where !line.hasPrefix(".") {
      #expect(!line.hasPrefix("'"))
      #expect(!line.replacingOccurrences(of: "\\e", with: "").replacingOccurrences(of: "\\&", with: "")
        .replacingOccurrences(of: "\\-", with: "").contains("\\"), "\(line)")
    }
  }
}
