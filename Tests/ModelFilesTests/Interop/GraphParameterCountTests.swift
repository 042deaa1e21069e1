import Core
import Repl
import ReplTestSupport
import Testing

/// Three graph architectures' summaries against PyTorch, row by row.
///
/// Each row's trainable parameters and output shape; PyTorch is not in CI, so its numbers are
/// frozen here.
///
/// A row's parameter count depends on the channels the wiring gives its input (a conv after a
/// `concat` has `k·k·(C0 + C1 + …)·Cout + Cout`), and its shape on every row it reads, so a
/// `from=`, `add` or `concat` that reads the wrong row, or a merge that counts channels wrongly,
/// changes some row here. Torch's side does not trust cnnrepl's shapes: its modules are built
/// with cnnrepl's channel counts, but a wrong one fails torch's forward pass, and the shapes
/// are the tensors torch computes.
@Suite struct GraphParameterCountTests {
  /// `(trainable parameters, output shape)` of rows 1 … N in PyTorch. Produced on 2026-12-07
  /// with torch 2.13.0+cpu by
  ///
  ///     swift build -c release
  ///     ~/.cache/cnnrepl-bench-venv/bin/python bench/graph-param-counts.py
  ///
  /// which runs each model's session script and `export pytorch` in the cnnrepl binary, loads
  /// the module in torch and prints `sum(p.numel())` over each row's submodule (batchnorm's
  /// running statistics are buffers there and non-trainable in cnnrepl) and the shape of `x`
  /// after each row's statement of `forward` (its "swift:" line is pasted below).
  static let torch: [String: [(parameters: Int, shape: String)]] = [
    "resnet-mini": [
      (144, "14x14x16"), (32, "14x14x16"), (0, "14x14x16"), (2304, "14x14x16"), (32, "14x14x16"),
      (0, "14x14x16"), (2304, "14x14x16"), (32, "14x14x16"), (0, "14x14x16"), (0, "14x14x16"),
      (4608, "7x7x32"), (64, "7x7x32"), (0, "7x7x32"), (9216, "7x7x32"), (64, "7x7x32"),
      (512, "7x7x32"), (64, "7x7x32"), (0, "7x7x32"), (0, "7x7x32"), (18432, "4x4x64"),
      (128, "4x4x64"), (0, "4x4x64"), (36864, "4x4x64"), (128, "4x4x64"), (2048, "4x4x64"),
      (128, "4x4x64"), (0, "4x4x64"), (0, "4x4x64"), (0, "64"), (650, "10"),
    ],
    "inception-mini": [
      (160, "28x28x16"), (0, "14x14x16"), (136, "14x14x8"), (136, "14x14x8"),
      (1168, "14x14x16"), (68, "14x14x4"), (808, "14x14x8"), (0, "14x14x16"), (136, "14x14x8"),
      (0, "14x14x40"), (0, "7x7x40"), (0, "1960"), (19610, "10"),
    ],
    "unet-mini": [
      (152, "12x12x8"), (16, "12x12x8"), (0, "6x6x8"), (1168, "6x6x16"), (0, "3x3x16"),
      (2320, "3x3x16"), (1040, "6x6x16"), (0, "6x6x32"), (2312, "6x6x8"), (0, "12x12x8"),
      (0, "12x12x16"), (12, "12x12x4"), (0, "12x12x22"), (398, "12x12x2"),
    ],
  ]

  /// PyTorch's totals, the sums of the rows above.
  static let totals = ["resnet-mini": 77754, "inception-mini": 22222, "unet-mini": 7418]

  @Test(arguments: ["resnet-mini", "inception-mini", "unet-mini"])
  func everyRowMatchesPyTorch(_ name: String) throws {
    let script = try #require(InteropModels.all.first { $0.name == name }?.script)
    let expected = try #require(Self.torch[name])
    let summary = InteropModels.session(script).model.summary
    #expect(Self.differences(summary, expected) == [], "\(name)")
    #expect(summary.trainableParameters == Self.totals[name])
    #expect(expected.map(\.parameters).reduce(0, +) == Self.totals[name])
  }

  /// The table notices a wiring mistake: the U-Net with its last `concat` missing the input
  /// (`concat 11` instead of `concat 11 0`) gives row 13 two channels fewer, and so row 14's
  /// 3x3 conv 36 parameters fewer.
  @Test func aMiswiredConcatChangesTheRowsAfterIt() throws {
    let script = InteropModels.unet.script.replacingOccurrences(
      of: "concat 11 0", with: "concat 11")
    let summary = InteropModels.session(script).model.summary
    let expected = try #require(Self.torch["unet-mini"])
    #expect(
      Self.differences(summary, expected) == [
        "row 13 concat 11: 12x12x20, torch 12x12x22",
        "row 14 conv 2 3 pad=same sigmoid: 362 parameters, torch 398",
      ])
  }

  /// One line per row whose parameters or shape differ from `expected` (rows 1 … N), and one
  /// if the row counts differ.
  static func differences(
    _ summary: ModelSummary, _ expected: [(parameters: Int, shape: String)]
  ) -> [String] {
    let rows = summary.rows.dropFirst()
    var lines: [String] = []
    if rows.count != expected.count {
      lines.append("\(rows.count) rows, torch \(expected.count)")
    }
    for (row, torch) in zip(rows, expected) {
      if "\(row.outputShape)" != torch.shape {
        lines.append("row \(row.index) \(row.layer): \(row.outputShape), torch \(torch.shape)")
      }
      if row.trainableParameters != torch.parameters {
        lines.append(
          "row \(row.index) \(row.layer): \(row.trainableParameters) parameters, "
            + "torch \(torch.parameters)")
      }
    }
    return lines
  }
}
