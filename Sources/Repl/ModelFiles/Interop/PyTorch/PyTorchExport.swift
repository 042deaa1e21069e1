import Core
import Foundation

/// A built model as a standalone PyTorch module (`export pytorch FILE.py`): the same layers,
/// registered as modules named by summary row (`"1"`, `"2"`, …), so the module's `state_dict`
/// keys are exactly the tensor names `save model` writes (`1.weight`, `3.pointwise.bias`,
/// `4.running_mean`) and the file's `load_weights` reads a cnnrepl safetensors file as it is.
///
/// Conventions carried over: NCHW input `[N, C, H, W]`; `pad=same` as Keras (odd pixel
/// bottom/right, written as `F.pad` when the split is uneven); batchnorm with cnnrepl's
/// momentum 0.99 (PyTorch `momentum=0.01`) and eps 1e-3; the forward pass ends with the last
/// row's activation, as in cnnrepl, and `cross_entropy` applies cnnrepl's `loss=ce` to it.
public enum PyTorchExport {
  /// The Python source for `model`, whose session script is `architecture`.
  public static func source(_ model: Sequential, architecture: String) throws(InteropError)
    -> String
  {
    guard let input = model.inputShape, !model.isEmpty else { throw .noModel }
    let unpooledRows = Set(model.specs.compactMap(\.layer.unpooledRow))
    let wiring = model.wiring
    // `x` holds the last row's output; a row that is read by any row but the next, or by the
    // next as a merged input (`add 1` on row 2 reads row 1 twice: `x + x1`), is also kept as
    // `x<row>`.
    let kept = Set(
      (0...model.specs.count).filter { r in
        wiring.readers[r].contains { q in
          q != r + 1 || wiring.inputs[q - 1].dropFirst().contains(r)
        }
      })
    var modules: [String] = []
    var forward: [String] = []
    var usesSeparable = false
    if kept.contains(0) { forward.append("x0 = x  # the input, read again below") }
    for (index, spec) in model.specs.enumerated() {
      let row = index + 1
      let reads = model.inputRows(ofRow: row)
      let shape = model.mainInputShape(ofRow: row)
      let output = model.shapes[row]
      if reads[0] != row - 1 { forward.append("x = x\(reads[0])  # \(row) reads row \(reads[0])") }
      defer { if kept.contains(row) { forward.append("x\(row) = x") } }
      let m = "m[\"\(row)\"]"
      func module(_ text: String) { modules.append("self.add_module(\"\(row)\", \(text))") }
      /// `x` through the module, with uneven `same` padding applied first.
      func call(_ pads: WindowPads) -> String {
        pads.symmetric != nil ? "\(m)(x)" : "\(m)(F.pad(x, (\(list(pads.torchPad)))))"
      }
      var line: String
      switch spec.layer {
      case let .conv(filters, kernel, stride, padding, dilation, bias, act, _):
        let pads = WindowPads(
          padding, input: shape, kernel: dilation * (kernel - 1) + 1, stride: stride)
        module(
          "nn.Conv2d(\(shape.channels), \(filters), \(kernel)"
            + options(stride: stride, pad: pads.symmetric ?? 0, dilation: dilation)
            + (bias ? "" : ", bias=False") + ")")
        line = apply(act, to: call(pads))
      case let .depthwiseConv(kernel, multiplier, stride, padding, act, _):
        let pads = WindowPads(padding, input: shape, kernel: kernel, stride: stride)
        module(
          "nn.Conv2d(\(shape.channels), \(shape.channels * multiplier), \(kernel)"
            + options(stride: stride, pad: pads.symmetric ?? 0)
            + ", groups=\(shape.channels))")
        line = apply(act, to: call(pads))
      case let .separableConv(filters, kernel, stride, padding, act, _):
        usesSeparable = true
        let pads = WindowPads(padding, input: shape, kernel: kernel, stride: stride)
        module(
          "SeparableConv2d(\(shape.channels), \(filters), \(kernel)"
            + options(stride: stride, pad: pads.symmetric ?? 0) + ")")
        line = apply(act, to: call(pads))
      case let .transposedConv(filters, kernel, stride, padding, act, _):
        module(
          "nn.ConvTranspose2d(\(shape.channels), \(filters), \(kernel)"
            + options(stride: stride, pad: padding) + ")")
        line = apply(act, to: "\(m)(x)")
      case let .maxPool(kernel, stride, padding):
        let indices = unpooledRows.contains(row)
        module(
          pool("MaxPool2d", kernel, stride, padding, extra: indices ? ", return_indices=True" : ""))
        if indices {
          forward.append("size\(row) = x.shape  # row \(row)'s input, for maxunpool \(row)")
          forward.append("x, indices\(row) = \(m)(x)  # \(row): \(spec) -> \(output)")
          continue
        }
        line = "\(m)(x)"
      case let .avgPool(kernel, stride, padding):
        module(pool("AvgPool2d", kernel, stride, padding))
        line = "\(m)(x)"
      case .globalAvgPool:
        module("nn.AdaptiveAvgPool2d(1)")
        line = "torch.flatten(\(m)(x), 1)"
      case .globalMaxPool:
        module("nn.AdaptiveMaxPool2d(1)")
        line = "torch.flatten(\(m)(x), 1)"
      case .upsample(let factor):
        module("nn.Upsample(scale_factor=\(factor), mode=\"nearest\")")
        line = "\(m)(x)"
      case .maxUnpool(let poolRow):
        guard case let .maxPool(kernel, stride, padding) = model.specs[poolRow - 1].layer else {
          throw .unsupportedLayer(
            row: row, layer: spec.description, format: "PyTorch",
            reason: "row \(poolRow) is not a maxpool above it")
        }
        module(pool("MaxUnpool2d", kernel, stride, padding))
        line = "\(m)(x, indices\(poolRow), output_size=size\(poolRow))"
      case .flatten:
        module("nn.Flatten()")
        line = "\(m)(x)"
      case let .dense(units, bias, act, _):
        module("nn.Linear(\(shape.count), \(units)" + (bias ? "" : ", bias=False") + ")")
        line = apply(act, to: "\(m)(x)")
      case .dropout(let rate):
        module("nn.Dropout(\(formatNumber(rate)))")
        line = "\(m)(x)"
      case .batchNorm(let kept):
        let epsilon = BatchNorm.standardEpsilon
        // PyTorch's momentum is the weight of the new batch: 1 − cnnrepl's (Keras') 0.99.
        let momentum = ((1 - Double(kept)) * 1e6).rounded() / 1e6
        module(
          "nn.BatchNorm\(shape.isFlat ? "1d" : "2d")(\(shape.channels), eps=\(formatNumber(epsilon)), "
            + "momentum=\(momentum))")
        line = "\(m)(x)"
      case .activation(let act):
        line = apply(act, to: "x")
      case .add(let rows):
        line = (["x"] + rows.map { "x\($0)" }).joined(separator: " + ")
      case .concat(let rows):
        line = "torch.cat([" + (["x"] + rows.map { "x\($0)" }).joined(separator: ", ") + "], 1)"
      }
      forward.append("x = \(line)  # \(row): \(spec) -> \(output)")
    }

    let hasBatchNorm = model.specs.contains { $0.layer.kind == .batchNorm }
    var text = header(architecture: architecture, input: input, batchNorm: hasBatchNorm)
    if usesSeparable { text += separableClass }
    text += """


      class Model(nn.Module):
          \"\"\"The cnnrepl network; submodules are named by summary row.\"\"\"

          def __init__(self):
              super().__init__()

      """
    text += modules.map { "        " + $0 + "\n" }.joined()
    text += """

          def forward(self, x):
              m = self._modules

      """
    text += forward.map { "        " + $0 + "\n" }.joined()
    text += "        return x\n"
    text += footer(endsInSoftmax: model.specs.last?.layer.fusedActivation == .softmax)
    return text
  }

  private static func header(architecture: String, input: Shape, batchNorm: Bool) -> String {
    let script = architecture.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
    let dims =
      input.isFlat ? "\(input.channels)" : "\(input.channels), \(input.height), \(input.width)"
    let shape = input.isFlat ? "(\(dims),)" : "(\(dims))"
    return """
      \"\"\"A cnnrepl network as a PyTorch module (written by cnnrepl \(CnnreplVersion.string) `export pytorch`).

      The session script it was built from:

      \(script)

      Tensors are NCHW: the input is [N, \(dims)]. Weights: `load_weights(model, FILE)`
      reads what cnnrepl's `save model` writes (its tensor names are this module's state_dict keys);
      `save_weights(model, FILE)` writes a file cnnrepl's `import` reads back. Model is a plain
      nn.Module: move it to a GPU or wrap it in DistributedDataParallel as usual.\(batchNorm ? bnNote : "")
      Needs only torch (and numpy, for save_weights); safetensors is read and written here.
      \"\"\"
      import json
      import os

      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      INPUT_SHAPE = \(shape)  # C, H, W of one image

      """
  }

  private static let bnNote = """

    Batch norm keeps cnnrepl's momentum (0.99, as Keras: PyTorch momentum=0.01) and eps 1e-3;
    PyTorch updates running_var with the unbiased batch variance, cnnrepl with the biased one.
    """

  private static let separableClass = """


    class SeparableConv2d(nn.Module):
        \"\"\"Keras' SeparableConv2D: a depthwise k x k conv (no bias), then a 1x1 conv with bias.\"\"\"

        def __init__(self, cin, cout, kernel, stride=1, padding=0):
            super().__init__()
            self.depthwise = nn.Conv2d(cin, cin, kernel, stride=stride, padding=padding, groups=cin, bias=False)
            self.pointwise = nn.Conv2d(cin, cout, 1)

        def forward(self, x):
            return self.pointwise(self.depthwise(x))

    """

  private static func footer(endsInSoftmax: Bool) -> String {
    let loss =
      endsInSoftmax
      ? """
          \"\"\"cnnrepl's loss=ce on this model's softmax output (probabilities clipped at 1e-7, as Keras).\"\"\"
          return F.nll_loss(torch.log(output.clamp(1e-7, 1 - 1e-7)), target)
      """
      : """
          \"\"\"cnnrepl's loss=ce on this model's output (no softmax at the end: taken as logits).\"\"\"
          return F.cross_entropy(output, target)
      """
    return """


      def cross_entropy(output, target):
      \(loss)


      def read_safetensors(path):
          \"\"\"The float32 tensors of a safetensors file: 8 bytes header length, JSON header, data.\"\"\"
          with open(path, "rb") as f:
              data = f.read()
          size = int.from_bytes(data[:8], "little")
          header = json.loads(data[8 : 8 + size])
          header.pop("__metadata__", None)
          tensors = {}
          for name, entry in header.items():
              if entry["dtype"] != "F32":
                  raise ValueError(f"{path}: tensor {name} is {entry['dtype']}, not F32")
              begin, end = entry["data_offsets"]
              raw = bytearray(data[8 + size + begin : 8 + size + end])
              tensors[name] = torch.frombuffer(raw, dtype=torch.float32).reshape(entry["shape"])
          return tensors


      def write_safetensors(tensors, path):
          \"\"\"Writes float32 tensors as a safetensors file (through a temporary file and a rename).\"\"\"
          header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
          for name, tensor in tensors.items():
              blob = tensor.detach().cpu().float().contiguous().numpy().tobytes()
              header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(blob)]}
              blobs.append(blob)
              offset += len(blob)
          text = json.dumps(header).encode()
          text += b" " * (-len(text) % 8)
          with open(path + ".tmp", "wb") as f:
              f.write(len(text).to_bytes(8, "little") + text + b"".join(blobs))
          os.replace(path + ".tmp", path)


      def load_weights(model, path):
          \"\"\"Loads a safetensors file written by cnnrepl's `save model` (or by save_weights).\"\"\"
          missing, unexpected = model.load_state_dict(read_safetensors(path), strict=False)
          missing = [k for k in missing if not k.endswith("num_batches_tracked")]
          if missing or unexpected:
              raise ValueError(f"{path}: missing tensors {missing}, unexpected tensors {unexpected}")
          return model


      def save_weights(model, path):
          \"\"\"Writes the float tensors of model as safetensors, for cnnrepl's `import`.\"\"\"
          write_safetensors({k: v for k, v in model.state_dict().items() if v.is_floating_point()}, path)


      if __name__ == "__main__":
          import sys

          model = Model().eval()
          if len(sys.argv) > 1:
              load_weights(model, sys.argv[1])
          print(model)
          with torch.no_grad():
              print("output shape:", tuple(model(torch.zeros(2, *INPUT_SHAPE)).shape))

      """
  }

  /// `, stride=S, padding=P, dilation=D` for the values that are not PyTorch's defaults.
  private static func options(stride: Int, pad: Int, dilation: Int = 1) -> String {
    (stride != 1 ? ", stride=\(stride)" : "") + (pad != 0 ? ", padding=\(pad)" : "")
      + (dilation != 1 ? ", dilation=\(dilation)" : "")
  }

  /// `nn.NAME(K, stride=S[, padding=P]EXTRA)`; the stride defaults to K as in cnnrepl.
  private static func pool(
    _ name: String, _ kernel: Int, _ stride: Int?, _ padding: Int, extra: String = ""
  ) -> String {
    "nn.\(name)(\(kernel), stride=\(stride ?? kernel)"
      + (padding != 0 ? ", padding=\(padding)" : "") + extra + ")"
  }

  private static func list(_ values: [Int]) -> String {
    values.map(String.init).joined(separator: ", ")
  }

  /// `act` applied to the expression `x` as torch code (`x` itself for nil).
  private static func apply(_ act: Activation?, to x: String) -> String {
    guard let act else { return x }
    switch act {
    case .relu: return "F.relu(\(x))"
    case .leakyRelu(let alpha): return "F.leaky_relu(\(x), \(formatNumber(alpha)))"
    case .tanh: return "torch.tanh(\(x))"
    case .lecunTanh: return "1.7159 * torch.tanh(\(x) * (2.0 / 3.0))"
    case .sigmoid: return "torch.sigmoid(\(x))"
    case .softmax: return "F.softmax(\(x), dim=1)"
    }
  }
}
