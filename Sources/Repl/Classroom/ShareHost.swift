import Foundation
import FrontEnds
import Rendering

/// The teacher's side of `--share`: a ``SharePublisher`` fed with every push of the front
/// end's screen, answering fork requests from the session queue.
public enum ShareHost {
  /// Starts sharing `frontEnd`'s screen as `name` (group `group` may connect, else only this
  /// user) and puts a note with the socket path at the top of the notebook.
  public static func start(
    _ frontEnd: TUIFrontEnd, name: String, group: String?,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    options: SharePublisher.Options = SharePublisher.Options()
  ) throws(ShareError) -> SharePublisher {
    try ShareSocket.validate(name: name)
    let gid = try group.map { (g) throws(ShareError) in try ShareSocket.groupID(g) }
    let folder = ShareSocket.folder(forGroup: gid != nil, environment: environment)
    let path = "\(folder)/\(name).sock"
    let publisher = try SharePublisher(
      name: name, path: path, group: gid, options: options,
      stateProvider: { [weak frontEnd] reply in
        guard let frontEnd else { return reply(.failure(.init("the session has ended"))) }
        frontEnd.withSession { $0.captureForkState(reply: reply) }
      })
    frontEnd.screen.mirror(to: { [weak publisher] in publisher?.receive($0) })
    publisher.start()
    let who = group.map { "members of group \($0)" } ?? "only your user"
    frontEnd.screen.append(
      NotebookCell(
        number: nil, command: "",
        output: [
          StyledLine("sharing this session as `\(name)` (\(path); \(who) can watch)", style: .dim),
          StyledLine(
            "students: cnnrepl --watch \(name == ShareSocket.defaultName ? "" : name)"
              .trimmingCharacters(in: .whitespaces), style: .dim),
        ]))
    return publisher
  }
}
