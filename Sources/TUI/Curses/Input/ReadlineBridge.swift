import Rendering
import CReadline

/// Installs GNU readline's callback interface with C callbacks that forward to the UI-thread
/// session (`UIContext.current`). The C function pointers capture nothing.
enum ReadlineBridge {
  static func install(prompt: String) {
    let line: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { text in
      UIContext.current?.lineFinished(text)
    }
    let redisplay: @convention(c) () -> Void = { UIContext.current?.readlineRedisplay() }
    let complete:
      @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<
        UnsafeMutablePointer<CChar>?
      >? = { _, start, end in
        UIContext.current?.complete(start: Int(start), end: Int(end))
      }
    let display: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32, Int32)
      -> Void = { matches, count, longest in
        UIContext.current?.displayMatches(matches, count: Int(count), longest: Int(longest))
      }
    cnn_tui_rl_install(prompt, line, redisplay, complete, display)
    for command in KeyCommand.allCases {
      for sequence in command.sequences {
        _ = rl_bind_keyseq(sequence, function(for: command))
      }
    }
  }

  static func function(for command: KeyCommand) -> @convention(c) (Int32, Int32) -> Int32 {
    switch command {
    case .pageUp: return { _, _ in UIContext.current?.perform(.pageUp); return 0 }
    case .pageDown: return { _, _ in UIContext.current?.perform(.pageDown); return 0 }
    case .previousCell: return { _, _ in UIContext.current?.perform(.previousCell); return 0 }
    case .nextCell: return { _, _ in UIContext.current?.perform(.nextCell); return 0 }
    case .shiftLeft: return { _, _ in UIContext.current?.perform(.shiftLeft); return 0 }
    case .shiftRight: return { _, _ in UIContext.current?.perform(.shiftRight); return 0 }
    case .pictureUp: return { _, _ in UIContext.current?.perform(.pictureUp); return 0 }
    case .pictureDown: return { _, _ in UIContext.current?.perform(.pictureDown); return 0 }
    case .help: return { _, _ in UIContext.current?.perform(.help); return 0 }
    case .featureMaps: return { _, _ in UIContext.current?.perform(.featureMaps); return 0 }
    case .filters: return { _, _ in UIContext.current?.perform(.filters); return 0 }
    case .curve: return { _, _ in UIContext.current?.perform(.curve); return 0 }
    case .toggleModel: return { _, _ in UIContext.current?.perform(.toggleModel); return 0 }
    case .toggleTraining: return { _, _ in UIContext.current?.perform(.toggleTraining); return 0 }
    case .redraw: return { _, _ in UIContext.current?.perform(.redraw); return 0 }
    }
  }

  static func remove() { cnn_tui_rl_remove() }
}
