import Foundation

/// A static HTTP server on 127.0.0.1 serving one folder on a free port.
///
/// Python's http.server plus `Range` support, for testing downloads without the network;
/// `forever/NAME` streams zeros without end (`huge/NAME` too, announcing a 1 TB body). It
/// exits when its stdin closes: on `stop()`, or when the test process ends in any way.
final class LoopbackServer {
  static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  static var isAvailable: Bool { python != nil }

  private static let script = #"""
    import functools, http.server, os, sys, threading
    def exit_when_parent_goes():
        sys.stdin.read()
        os._exit(0)
    threading.Thread(target=exit_when_parent_goes, daemon=True).start()
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
        def do_GET(self):
            # /forever/NAME streams zeros without end; /huge/NAME too, announcing 1 TB.
            if not (self.path.startswith("/forever/") or self.path.startswith("/huge/")):
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            if self.path.startswith("/huge/"):
                self.send_header("Content-Length", str(10**12))
            self.end_headers()
            chunk = bytes(65536)
            try:
                while True:
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        def send_head(self):
            wanted = self.headers.get("Range")
            path = self.translate_path(self.path)
            if not wanted or not os.path.isfile(path) or sys.argv[2] == "no-range":
                return super().send_head()
            start = int(wanted.split("=")[1].split("-")[0])
            size = os.path.getsize(path)
            if start >= size:
                self.send_error(416)
                return None
            f = open(path, "rb")
            f.seek(start)
            self.send_response(206)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, size - 1, size))
            self.send_header("Content-Length", str(size - start))
            self.end_headers()
            return f
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=sys.argv[1]))
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

  let process = Process()
  let input = Pipe()
  let port: Int

  /// Serves `folder`; with `ranges: false` it ignores `Range` and always answers 200.
  init(serving folder: URL, ranges: Bool = true) throws {
    guard let python = Self.python else { throw CocoaError(.fileNoSuchFile) }
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", Self.script, folder.path, ranges ? "ranges" : "no-range"]
    process.standardOutput = output
    process.standardInput = input  // the server exits when this closes, even if we crash
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    guard
      let port = Int(
        String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      try? input.fileHandleForWriting.close()
      throw CocoaError(.fileReadCorruptFile)
    }
    self.port = port
  }

  var baseURL: String { "http://127.0.0.1:\(port)/" }

  func stop() {
    guard process.isRunning else { return }
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
  }

  deinit { stop() }
}
