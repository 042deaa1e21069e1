import Datasets
import Foundation
import ModelFiles
import Rendering

/// A session transcript as one self-contained HTML page (`export html`): comments become
/// prose, each command is followed by its output, every picture is an inline PNG of its real
/// pixels (``PictureRaster``) with its title and captions, text keeps its columns in a
/// monospaced block. Nothing is fetched from elsewhere: no scripts, fonts or links, so the
/// page opens offline, on a phone (it reflows to the screen's width) and prints.
public enum HTMLTranscript {
  /// The page for `entries`; `pictures` counts the images embedded.
  public static func render(_ entries: [TranscriptEntry], title: String = "cnnrepl session")
    -> (html: String, pictures: Int)
  {
    var body: [String] = ["<h1>\(escaped(title))</h1>"]
    var pictures = 0
    var prose: [String] = []
    func flushProse() {
      if !prose.isEmpty { body.append("<p>\(prose.map(escaped).joined(separator: " "))</p>") }
      prose = []
    }
    for entry in entries {
      switch entry.kind {
      case .comment(let text):
        // Consecutive comment lines form one paragraph; a bare `#` ends it.
        let line = String(text.drop(while: { $0 == "#" }).drop(while: { $0 == " " }))
        if line.isEmpty { flushProse() } else { prose.append(line) }
      case .command(let command):
        flushProse()
        var cell = [
          "<section class=\"cell\">", "<pre class=\"command\">&gt; \(escaped(command))</pre>",
        ]
        var text: [String] = []
        func flushText() {
          if !text.isEmpty {
            cell.append("<pre class=\"output\">\(text.map(escaped).joined(separator: "\n"))</pre>")
          }
          text = []
        }
        for event in entry.events {
          if case .picture(let picture, _) = event, let figure = figure(picture) {
            flushText()
            cell.append(figure)
            pictures += 1
          } else if case .chart(let chart) = event {
            flushText()
            cell.append(Self.chart(chart))
          } else {
            text += TranscriptRenderer.lines(for: event)
          }
        }
        flushText()
        cell.append("</section>")
        body += cell
      }
    }
    flushProse()
    let page = [
      "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta name=\"generator\" content=\"cnnrepl \(CnnreplVersion.string)\">",
      "<title>\(escaped(title))</title>", "<style>\(style)</style>", "</head>", "<body>", "<main>",
    ] + body + ["</main>", "</body>", "</html>"]
    return (page.joined(separator: "\n") + "\n", pictures)
  }

  /// A chart as a figure: the SVG drawing, its title, its notes (the `set` marks).
  static func chart(_ figure: ChartFigure) -> String {
    let notes = figure.notes.map { "<br>" + escaped($0.trimmingCharacters(in: .whitespaces)) }
    return "<figure class=\"chart\">" + ChartSVG.render(figure, escape: escaped)
      + "<figcaption>\(escaped(figure.title))\(notes.joined())</figcaption></figure>"
  }

  /// A picture with real pixels as a figure: the PNG inline (its natural size, never wider than
  /// the page), the title, and the images' captions in order. nil for text pictures.
  static func figure(_ picture: VisualPicture) -> String? {
    guard let raster = PictureRaster.of(picture),
      let png = try? PNGCodec.encode(
        raster.samples, width: raster.width, height: raster.height, channels: 3)
    else { return nil }
    var caption = escaped(picture.title)
    if case .images(_, let images, _) = picture {
      let names = PictureRaster.drawable(images).map(\.caption).filter { !$0.isEmpty }
      if !names.isEmpty {
        caption += "<br><span class=\"captions\">left to right, top to bottom: "
          + names.map(escaped).joined(separator: " · ") + "</span>"
      }
    }
    return "<figure><img src=\"data:image/png;base64,\(Data(png).base64EncodedString())\" "
      + "width=\"\(raster.width)\" height=\"\(raster.height)\" alt=\"\(escaped(picture.title))\">"
      + "<figcaption>\(caption)</figcaption></figure>"
  }

  /// One line of `text` safe inside HTML text and attribute values: control characters (an
  /// escape sequence in a file name, say) shown as the terminal shows them (``TerminalText``:
  /// `ESC` → `^[`), then `& < > " '` as entities and a tab as four spaces.
  public static func escaped(_ text: String) -> String {
    var out = ""
    let shown = TerminalText.line(text)
    out.reserveCapacity(shown.utf8.count)
    for scalar in shown.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t": out += "    "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Readable on a phone (the page follows the screen's width; wide blocks scroll on their
  /// own), and printable (blocks wrap, cells stay whole where they can).
  static let style = """
    body{margin:0;background:#fff;color:#1b1b1b;font:16px/1.5 system-ui,-apple-system,sans-serif}\
    main{max-width:62rem;margin:0 auto;padding:1rem}\
    h1{font-size:1.4rem}\
    p{max-width:42rem}\
    pre{font:0.8rem/1.35 ui-monospace,Menlo,Consolas,monospace;overflow-x:auto;\
    margin:0;padding:0.4rem 0.6rem}\
    .cell{margin:0.8rem 0;border-left:3px solid #9ab}\
    .command{background:#eef2f7;font-weight:bold}\
    .output{background:#f7f7f7}\
    figure{margin:0.4rem 0.6rem}\
    figure img{max-width:100%;height:auto;image-rendering:pixelated}\
    figcaption{font-size:0.85rem;color:#444}\
    .captions{color:#666}\
    .chart svg{max-width:100%;height:auto;font:11px sans-serif}\
    .chart .axis{fill:none;stroke:#555}\
    .chart .epoch{stroke:#bbb;stroke-dasharray:3 3}\
    .chart .series{fill:none;stroke:#1f5fbf;stroke-width:1.5}\
    .chart text{fill:#444}\
    @media print{pre{white-space:pre-wrap;overflow:visible}.cell{break-inside:avoid}}
    """
}
