import Core
import Foundation
import ModelFiles
import Repl

extension Session {
  /// The commands that rebuild this session without training it again: ``sessionScript``
  /// minus the `train` lines (the weights come with the fork instead).
  public var forkScript: String {
    let trainings = Set(trainCommands)
    return sessionScript.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !trainings.contains(String($0)) }.joined(separator: "\n")
  }

  /// A copy for `fork`: the script now, the weights at the trainer's next batch boundary (or at
  /// once when idle), encoded off both the session queue and the training thread.
  ///
  /// Call on the session's queue; `reply` runs on another thread.
  public func captureForkState(reply: @escaping SharePublisher.ForkReply) {
    let script = forkScript
    let architecture = architectureScript
    let commands = trainCommands
    let dataDirectory = options.dataDirectory.map {
      URL(fileURLWithPath: $0).standardizedFileURL.path
    }
    let folder = FileManager.default.currentDirectoryPath
    let model = UncheckedModel(model: self.model)
    trainer.atNextBoundary {
      // Array copies only (copy-on-write): the next optimizer step copies, not this.
      let file =
        model.model.isEmpty
        ? nil : ModelCheckpoint.file(for: model.model, architecture: architecture)
      DispatchQueue.global(qos: .utility).async {
        let weights: [UInt8]
        do { weights = try file.map { [UInt8](try $0.encoded()) } ?? [] } catch {
          return reply(.failure(.init("the weights cannot be written: \(error)")))
        }
        reply(
          .success(
            ForkState(
              script: script, weights: weights, dataDirectory: dataDirectory,
              workingDirectory: folder, trainCommands: commands)))
      }
    }
  }
}

/// Carries the session's model into the trainer's boundary task (which runs while the session
/// queue waits for nothing; the trainer owns the model then).
private struct UncheckedModel: @unchecked Sendable {
  let model: Sequential
}
