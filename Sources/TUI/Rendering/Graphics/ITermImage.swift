/// iTerm2's inline image escape (iTerm2, WezTerm, VS Code with images on).
///
/// `ESC ] 1337 ; File=inline=1;size=<bytes>;width=<columns>;height=<rows>;
/// preserveAspectRatio=1 : <base64 of the file> BEL`: the terminal decodes the PNG and scales
/// it into `columns` x `rows` cells at the cursor.
public enum ITermImage {
  public static func display(png: [UInt8], columns: Int, rows: Int) -> String {
    "\u{1B}]1337;File=inline=1;size=\(png.count);width=\(max(1, columns));"
      + "height=\(max(1, rows));preserveAspectRatio=1:" + Base64.encode(png) + "\u{07}"
  }
}
