import Foundation

/// The built `cnnrepl` binary, run as a child process with a temporary HOME.
package enum Executable {
  /// Next to the test bundle, else where `swift build --show-bin-path` says.
  package static let url: URL? = {
    let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
      .appendingPathComponent("cnnrepl")
    if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["swift", "build", "--show-bin-path"]
    process.currentDirectoryURL = Paths.packageRoot
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let folder = String(decoding: data, as: UTF8.self).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let binary = URL(fileURLWithPath: folder).appendingPathComponent("cnnrepl")
    return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
  }()

  package static var available: Bool { url != nil }

  package struct Result {
    package var status: Int32
    package var output: String
    package var error: String
  }

  /// Runs `cnnrepl arguments…` and collects its output.
  ///
  /// `input` goes to standard input; it runs in `folder` with HOME set to a fresh temporary
  /// folder (so the real history file is never touched). With `mergeErrors`
  /// standard error goes into `output` too, in order.
  package static func run(
    _ arguments: [String], input: String = "", in folder: URL? = nil, home: URL? = nil,
    mergeErrors: Bool = false
  ) throws -> Result {
    guard let url else { return Result(status: -1, output: "", error: "no cnnrepl binary") }
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    process.currentDirectoryURL = folder ?? Paths.packageRoot
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = (home ?? Paths.temporaryFolder("cnnrepl-home")).path
    environment["NO_COLOR"] = "1"
    // The XDG folders (state, cache, config) follow the temporary HOME.
    for name in ["XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"] { environment[name] = nil }
    process.environment = environment
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = mergeErrors ? stdout : Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = mergeErrors ? Data() : stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
      error: String(decoding: err, as: UTF8.self))
  }
}
