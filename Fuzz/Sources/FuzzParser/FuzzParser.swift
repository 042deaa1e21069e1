import FuzzSupport

/// libFuzzer entry: each line through the parser and the completer only (fast: no session).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.parser(UnsafeBufferPointer(start: data, count: size))
  return 0
}
