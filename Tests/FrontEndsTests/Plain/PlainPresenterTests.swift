import FrontEnds
import Repl
import Testing

@Suite struct PlainPresenterTests {
  @Test func plainPresenterSplitsErrors() {
    var out = ""
    var err = ""
    let presenter = PlainPresenter(sink: { out += $0 }, errorSink: { err += $0 })
    presenter.present(.text(["hello", "world"]))
    presenter.present(.error(ErrorReport(error: .notAvailable(command: "train"))))
    #expect(out == "hello\nworld\n")
    #expect(err.hasPrefix("error: train: not available yet"))
    let colored = PlainPresenter(useColor: true, sink: { _ in }, errorSink: { err = $0 })
    colored.present(.error(ErrorReport(error: .notAvailable(command: "train"))))
    #expect(err.hasPrefix("\u{1B}[31merror:\u{1B}[0m train"))
  }
}
