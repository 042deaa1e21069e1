import FuzzSupport

/// libFuzzer entry: each line through the parser, the completer and a `check`-mode session.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommands(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.commands(UnsafeBufferPointer(start: data, count: size))
  return 0
}
