import Core
import Foundation
import ModelFiles
import Repl

/// `--autosave N`: during every training, the weights go to a file every N steps and at each
/// epoch's end, so a crash or `kill -9` loses at most N steps (the next start offers them with
/// the journal).
///
/// The write happens on the training thread between two steps (``Core/StepObserver``), the one
/// moment the weights hold still, through a temporary file and a rename: the file is always a
/// whole checkpoint, old or new. Write errors are ignored (the training goes on).
public enum Autosave {
  /// Makes `session`'s trainer write the weights to `path` every `every` steps.
  public static func install(every: Int, path: String, session: Session) {
    let owner = SessionReference(session)
    session.trainer.stepObserver = StepObserver(every: every) { _ in
      // The session's thread leaves the model alone while it trains (modelLockReason).
      let session = owner.session
      let file = ModelCheckpoint.file(for: session.model, architecture: session.architectureScript)
      guard let data = try? file.encoded() else { return }
      try? FileAccess.writeAtomically(
        data, to: path, command: "autosave", visibility: .privateToOwner)
    }
  }
}

/// The session, handed to the training thread for the autosave (see ``Autosave``).
private final class SessionReference: @unchecked Sendable {
  unowned let session: Session
  init(_ session: Session) { self.session = session }
}
