import FuzzSupport

/// libFuzzer entry: the bytes as a checkpoint: decoded, re-encoded, and loaded by `load model`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafeTensors(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.safeTensors(UnsafeBufferPointer(start: data, count: size))
  return 0
}
