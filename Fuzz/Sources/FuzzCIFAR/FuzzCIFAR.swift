import FuzzSupport

/// libFuzzer entry: the bytes as a CIFAR-10 batch file and as batches.meta.txt.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCIFAR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  FuzzTargets.cifar(UnsafeBufferPointer(start: data, count: size))
  return 0
}
