import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The URLSession delegate of one transfer: streams the body into a `.part` file.
///
/// A `206 Partial Content` answer whose `Content-Range` starts at the resume offset appends;
/// a `200` truncates and starts over; anything else cancels. The file may never grow past
/// `maximumBytes`: a bigger `Content-Length` cancels before the first byte, a body that runs
/// on cancels before the chunk that would pass it is written. The `.part` is opened with
/// `O_NOFOLLOW`, so a link planted at its name is refused, never written through. State is touched only on the
/// session's serial delegate queue and read once, after `wait()`, under a lock.
final class PartFileWriter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  enum Failure: Error {
    case status(Int)
    case transport(String)
    case write(String)
    case tooLarge
  }

  private let part: URL
  private let offset: Int
  private let maximumBytes: Int
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var handle: FileHandle?
  private var written = 0
  private var appending = false
  private var failure: Failure?

  init(part: URL, resumeFrom offset: Int, maximumBytes: Int) {
    self.part = part
    self.offset = offset
    self.maximumBytes = maximumBytes
  }

  /// Bytes the file holds before this transfer's (the resume offset when appending).
  private var start: Int { appending ? offset : 0 }

  /// Blocks until the transfer ends; the final size of the file and whether it appended.
  func wait() -> Result<(total: Int, resumed: Bool), Failure> {
    done.wait()
    lock.lock()
    defer { lock.unlock() }
    if let failure { return .failure(failure) }
    return .success((appending ? offset + written : written, appending))
  }

  func urlSession(
    _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
  ) {
    lock.lock()
    defer { lock.unlock() }
    let http = response as? HTTPURLResponse
    let status = http?.statusCode ?? 0
    let range = http?.value(forHTTPHeaderField: "Content-Range") ?? ""
    if status == 206 && offset > 0 && range.hasPrefix("bytes \(offset)-") {
      appending = true
    } else if status != 200 {
      failure = .status(status)
      completionHandler(.cancel)
      return
    }
    let announced = response.expectedContentLength  // -1 when the server does not say
    if announced > 0, announced > Int64(maximumBytes - start) {
      failure = .tooLarge
      completionHandler(.cancel)
      return
    }
    let flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC)
    let descriptor = open(part.path, flags, 0o644)
    guard descriptor >= 0 else {
      failure = .write(String(cString: strerror(errno)))
      completionHandler(.cancel)
      return
    }
    handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    completionHandler(.allow)
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    lock.lock()
    defer { lock.unlock() }
    guard failure == nil, let handle else {
      // swift-corelibs-foundation ignores a `.cancel` disposition and keeps delivering the
      // body: cancel the task itself (cancelling again is harmless).
      dataTask.cancel()
      return
    }
    guard data.count <= maximumBytes - start - written else {
      failure = .tooLarge
      dataTask.cancel()
      return
    }
    do {
      try handle.write(contentsOf: data)
      written += data.count
    } catch {
      failure = .write(error.localizedDescription)
      dataTask.cancel()
    }
  }

  func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
    lock.lock()
    try? handle?.close()
    handle = nil
    if failure == nil, let error { failure = .transport(error.localizedDescription) }
    lock.unlock()
    done.signal()
  }
}
