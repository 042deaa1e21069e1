import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The URLSession delegate of one transfer: streams the body into a `.part` file.
///
/// A `206 Partial Content` answer whose `Content-Range` starts at the resume offset appends;
/// a `200` truncates and starts over; anything else cancels. State is touched only on the
/// session's serial delegate queue and read once, after `wait()`, under a lock.
final class PartFileWriter: NSObject, URLSessionDataDelegate, @unchecked Sendable {
  enum Failure: Error {
    case status(Int)
    case transport(String)
    case write(String)
  }

  private let part: URL
  private let offset: Int
  private let lock = NSLock()
  private let done = DispatchSemaphore(value: 0)
  private var handle: FileHandle?
  private var written = 0
  private var appending = false
  private var failure: Failure?

  init(part: URL, resumeFrom offset: Int) {
    self.part = part
    self.offset = offset
  }

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
    do {
      if !appending {
        _ = FileManager.default.createFile(atPath: part.path, contents: nil)
      }
      let handle = try FileHandle(forWritingTo: part)
      if appending { try handle.seekToEnd() } else { try handle.truncate(atOffset: 0) }
      self.handle = handle
      completionHandler(.allow)
    } catch {
      failure = .write(error.localizedDescription)
      completionHandler(.cancel)
    }
  }

  func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
    lock.lock()
    defer { lock.unlock() }
    guard failure == nil, let handle else { return }
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
