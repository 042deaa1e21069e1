import FuzzSupport

/// libFuzzer entry: the bytes as an IDX image file and label file, gzip or raw.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.idx(UnsafeBufferPointer(start: data, count: size))
  return 0
}
