import COpenBLAS

/// The only door to OpenBLAS: single-precision GEMM on row-major matrices.
///
/// Threading policy: cnnrepl parallelises over the batch itself (``ComputeContext/threads``
/// chunks through `DispatchQueue.concurrentPerform`) and calls GEMM from inside those chunks, so
/// OpenBLAS's own pool is held at `setThreads(1)` unless a caller runs one large GEMM alone.
public enum BLAS {
  /// OpenBLAS starts one thread per core; ours split the batch, so its pool starts at one.
  private static let singleThreaded: Void = openblas_set_num_threads(1)

  /// `C[m×n] = alpha · op(A)[m×k] · op(B)[k×n] + beta · C`, all row-major.
  /// `lda`, `ldb`, `ldc` are the row strides of A, B and C as stored.
  @inline(__always)
  public static func sgemm(
    transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
    alpha: Float = 1, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    _ = singleThreaded
    cblas_sgemm(
      CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
      blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c,
      blasint(ldc))
  }

  /// Sets OpenBLAS's own thread count (overrides `OPENBLAS_NUM_THREADS`).
  public static func setThreads(_ count: Int) {
    _ = singleThreaded
    openblas_set_num_threads(Int32(max(1, count)))
  }

  /// OpenBLAS's current thread count.
  public static var threads: Int { Int(openblas_get_num_threads()) }
}
