import FuzzSupport

/// libFuzzer entry: the text as a script run by a batch-mode session (gated: see FuzzGate).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.script(UnsafeBufferPointer(start: data, count: size))
  return 0
}
