import ArgumentParser
import Classroom
import Foundation
import FrontEnds
import Repl

extension InteractiveCommand {
  /// `--watch`: the teacher's session full screen (or as lines with `--plain` or off a
  /// terminal); returns the exit status.
  func runWatch(_ target: String) throws -> Int32 {
    let environment = ProcessInfo.processInfo.environment
    let watcher: WatchFrontEnd
    do {
      let path = try ShareSocket.resolve(target, environment: environment)
      watcher = try WatchFrontEnd(
        path: path,
        appearance: TUIFrontEnd.Appearance(
          color: common.color, asciiOnly: common.charset == .ascii,
          framesPerSecond: common.fps, environment: environment,
          // Each watcher chooses its own pictures (they travel as values).
          pictures: plain || !TUIFrontEnd.canRun
            ? .text : common.pictureOutput(fallback: .auto)),
        forkOptions: [
          "--color", common.color.rawValue, "--charset", common.charset.rawValue, "--fps",
          "\(common.fps)",
        ],
        dataDirectory: common.dataDirectory)
    } catch {
      StandardStreams.write("error: \(error)\n", to: .error)
      throw ExitCode.failure
    }
    if plain || !TUIFrontEnd.canRun { return watcher.runPlain() }
    return try watcher.run()
  }

  /// `--share`: publishes `frontEnd`'s screen; nil without `--share`.
  func startSharing(_ frontEnd: TUIFrontEnd) throws -> SharePublisher? {
    guard let name = sharing.share else { return nil }
    do {
      return try ShareHost.start(frontEnd, name: name, group: sharing.group)
    } catch {
      StandardStreams.write("error: \(error)\n", to: .error)
      throw ExitCode.failure
    }
  }
}
