import Foundation
import Testing

/// Python 3 with the `safetensors` and `numpy` packages, installed with pip on first use if
/// missing; tests that need it are skipped with `reason` when that is impossible.
enum PythonSafetensors {
  static let reason: Comment =
    "python3 with `safetensors` and `numpy` unavailable (pip install safetensors numpy)"

  static let available: Bool = {
    if run(["-c", "import safetensors, numpy"]).status == 0 { return true }
    _ = run(["-m", "pip", "install", "--quiet", "safetensors", "numpy"])
    return run(["-c", "import safetensors, numpy"]).status == 0
  }()

  /// Runs `python3 arguments…`; returns the exit status and standard output.
  static func run(_ arguments: [String]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return (127, "") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
