/// Escapes of the kitty graphics protocol (kitty, Ghostty, WezTerm, Konsole).
///
/// An image travels as PNG (`f=100`), base64 in chunks of at most 4096 characters, each chunk
/// in its own APC escape `ESC _ G <key=value,…> ; <base64> ESC \`; every chunk but the last
/// says `m=1`. `a=T` transmits and displays at the cursor, scaled by the terminal to `c`
/// columns and `r` rows; `q=2` asks the terminal not to answer.
public enum KittyGraphics {
  /// Base64 characters per escape (the protocol's limit).
  public static let chunkSize = 4096

  /// The escapes that show `png` at the cursor over `columns` x `rows` cells, the cursor then
  /// after its last column. With `id`, the image can later be deleted by it; `placeholder`
  /// makes a virtual placement (`U=1`) shown wherever the placeholder cells of
  /// ``placeholderRow(id:row:columns:)`` are written.
  public static func display(
    png: [UInt8], columns: Int, rows: Int, id: UInt32? = nil, placeholder: Bool = false
  ) -> [String] {
    var keys = "a=T,f=100,q=2,c=\(max(1, columns)),r=\(max(1, rows))"
    if let id { keys += ",i=\(id)" }
    if placeholder { keys += ",U=1" }
    return chunked(keys: keys, payload: Base64.encode(png))
  }

  /// Like ``display(png:columns:rows:id:placeholder:)`` for raw 8-bit RGB pixels (`f=24`,
  /// `s` x `v` pixels).
  public static func display(
    rgb samples: [UInt8], width: Int, height: Int, columns: Int, rows: Int, id: UInt32? = nil,
    placeholder: Bool = false
  ) -> [String] {
    var keys = "a=T,f=24,s=\(width),v=\(height),q=2,c=\(max(1, columns)),r=\(max(1, rows))"
    if let id { keys += ",i=\(id)" }
    if placeholder { keys += ",U=1" }
    return chunked(keys: keys, payload: Base64.encode(samples))
  }

  /// APC escapes carrying `payload` in chunks, one escape each: `keys` on the first, `m=1` on
  /// all but the last.
  static func chunked(keys: String, payload: String) -> [String] {
    let characters = Array(payload.utf8)
    var out: [String] = []
    var start = 0
    repeat {
      let end = min(characters.count, start + chunkSize)
      let more = end < characters.count ? 1 : 0
      let control = start == 0 ? "\(keys),m=\(more)" : "m=\(more)"
      out.append(
        "\u{1B}_G\(control);" + String(decoding: characters[start..<end], as: UTF8.self)
          + "\u{1B}\\")
      start = end
    } while start < characters.count
    return out
  }

  /// Deletes the image `id` and its placements (`a=d,d=I`), freeing the terminal's memory.
  public static func delete(id: UInt32) -> String {
    "\u{1B}_Ga=d,d=I,i=\(id),q=2\u{1B}\\"
  }

  /// Deletes every image placement on the screen (`a=d,d=A`).
  public static let deleteAll = "\u{1B}_Ga=d,d=A,q=2\u{1B}\\"

  /// The query `auto` sends: "could you show a 1x1 RGB image?" (`a=q` only asks; a terminal
  /// that knows the protocol answers `ESC _ G i=31 ; OK ESC \`).
  public static let query = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\"
}
