import Repl

/// A `cnnrepl bench --model FILE.cnn` script that does not build a network.
struct BenchScriptError: Error, CustomStringConvertible {
  /// The script's first refused line; nil when it ran but built no model.
  var report: ErrorReport?

  var description: String {
    report?.description ?? "the script builds no network (it needs `input` and layer lines)"
  }
}
