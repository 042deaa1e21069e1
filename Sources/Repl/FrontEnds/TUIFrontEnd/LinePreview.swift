import Core
import Rendering
import Repl

/// The model pane's preview row for a partly typed line: what a layer command would add, or
/// why it would be refused, before Enter.
///
/// - a complete layer command: `+ conv 16 5 -> 24x24x16  params 416  MACs 239,616  RF 5x5`
///   (accent), from ``Sequential/preview(appending:)`` (shape arithmetic only, no weights);
/// - a layer command the model refuses: `! input 3x3x8 is smaller than the 5x5 kernel …` (error);
/// - a layer command still missing words: its usage line (dim);
/// - anything else (blank, other commands, unknown words): nil.
public enum LinePreview {
  public static func row(for line: String, model: Sequential) -> StyledLine? {
    let words = CommandParser.words(of: line)
    guard !words.isEmpty, let (spec, _) = try? CommandParser.matchCommand(words) else {
      return nil
    }
    let command: (any ReplCommand)?
    do {
      command = try CommandParser.parse(line)
    } catch {
      guard isLayerCommand(spec) else { return nil }
      return StyledLine("  " + spec.usage, style: .dim)
    }
    guard let layer = (command as? any LayerCommand)?.row else { return nil }
    do {
      return StyledLine(text(for: try model.preview(appending: layer)), style: .accent)
    } catch {
      return StyledLine(
        "! " + CommandError.shape(command: spec.name, error).description, style: .error)
    }
  }

  /// `+ LAYER -> OUTPUT  params P  MACs M  RF RxR`.
  public static func text(for row: SummaryRow) -> String {
    "+ \(row.layer) -> \(row.outputShape)  params \(grouped(row.parameters))"
      + "  MACs \(grouped(row.macs))  RF \(row.receptiveField)x\(row.receptiveField)"
  }

  /// Whether `spec` is one of the commands that append a layer (a ``LayerCommand``), as the
  /// command table says (``CommandSpec/placesLayer``).
  static func isLayerCommand(_ spec: CommandSpec) -> Bool { spec.placesLayer }
}
