import Core
import Foundation
import ModelFiles
import Repl
import ReplTestSupport
import Testing

/// `export pytorch` without torch: the module text, the padding and unpool wiring, refusals.
///
/// The lenet5 text is a golden; the every-layer model's uneven `same` padding and maxunpool
/// lines are checked one by one, and a small graph's forward line by line. That the module
/// computes what cnnrepl computes is PyTorchRoundTripTests' job (it needs torch).
@Suite struct PyTorchExportTests {
  @Test func lenet5SourceIsTheGolden() throws {
    let session = InteropModels.session("preset lenet5")
    let source = try PyTorchExport.source(session.model, architecture: session.architectureScript)
    let golden = #"""
    """A cnnrepl network as a PyTorch module (written by cnnrepl \#(CnnreplVersion.string) `export pytorch`).

    The session script it was built from:

        input 28x28x1
        conv 6 5 pad=same tanh
        avgpool 2
        conv 16 5 tanh
        avgpool 2
        flatten
        dense 120 tanh
        dense 84 tanh
        dense 10 softmax

    Tensors are NCHW: the input is [N, 1, 28, 28]. Weights: `load_weights(model, FILE)`
    reads what cnnrepl's `save model` writes (its tensor names are this module's state_dict keys);
    `save_weights(model, FILE)` writes a file cnnrepl's `import` reads back. Model is a plain
    nn.Module: move it to a GPU or wrap it in DistributedDataParallel as usual.
    Needs only torch (and numpy, for save_weights); safetensors is read and written here.
    """
    import json
    import os

    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    INPUT_SHAPE = (1, 28, 28)  # C, H, W of one image


    class Model(nn.Module):
        """The cnnrepl network; submodules are named by summary row."""

        def __init__(self):
            super().__init__()
            self.add_module("1", nn.Conv2d(1, 6, 5, padding=2))
            self.add_module("2", nn.AvgPool2d(2, stride=2))
            self.add_module("3", nn.Conv2d(6, 16, 5))
            self.add_module("4", nn.AvgPool2d(2, stride=2))
            self.add_module("5", nn.Flatten())
            self.add_module("6", nn.Linear(400, 120))
            self.add_module("7", nn.Linear(120, 84))
            self.add_module("8", nn.Linear(84, 10))

        def forward(self, x):
            m = self._modules
            x = torch.tanh(m["1"](x))  # 1: conv 6 5 pad=same tanh -> 28x28x6
            x = m["2"](x)  # 2: avgpool 2 -> 14x14x6
            x = torch.tanh(m["3"](x))  # 3: conv 16 5 tanh -> 10x10x16
            x = m["4"](x)  # 4: avgpool 2 -> 5x5x16
            x = m["5"](x)  # 5: flatten -> 400
            x = torch.tanh(m["6"](x))  # 6: dense 120 tanh -> 120
            x = torch.tanh(m["7"](x))  # 7: dense 84 tanh -> 84
            x = F.softmax(m["8"](x), dim=1)  # 8: dense 10 softmax -> 10
            return x


    def cross_entropy(output, target):
        """cnnrepl's loss=ce on this model's softmax output (probabilities clipped at 1e-7, as Keras)."""
        return F.nll_loss(torch.log(output.clamp(1e-7, 1 - 1e-7)), target)


    def read_safetensors(path):
        """The float32 tensors of a safetensors file: 8 bytes header length, JSON header, data."""
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
        """Writes float32 tensors as a safetensors file (through a temporary file and a rename)."""
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
        """Loads a safetensors file written by cnnrepl's `save model` (or by save_weights)."""
        missing, unexpected = model.load_state_dict(read_safetensors(path), strict=False)
        missing = [k for k in missing if not k.endswith("num_batches_tracked")]
        if missing or unexpected:
            raise ValueError(f"{path}: missing tensors {missing}, unexpected tensors {unexpected}")
        return model


    def save_weights(model, path):
        """Writes the float tensors of model as safetensors, for cnnrepl's `import`."""
        write_safetensors({k: v for k, v in model.state_dict().items() if v.is_floating_point()}, path)


    if __name__ == "__main__":
        import sys

        model = Model().eval()
        if len(sys.argv) > 1:
            load_weights(model, sys.argv[1])
        print(model)
        with torch.no_grad():
            print("output shape:", tuple(model(torch.zeros(2, *INPUT_SHAPE)).shape))
    """#
    #expect(source == golden + "\n")
    if source != golden + "\n" {
      let a = source.split(separator: "\n", omittingEmptySubsequences: false)
      let g = (golden + "\n").split(separator: "\n", omittingEmptySubsequences: false)
      if let line = zip(a, g).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
        print("first difference at line \(line.offset + 1):\n  got:      \(line.element.0)\n  golden:   \(line.element.1)")
      }
    }
  }

  @Test func everyLayerModelWritesUnevenPaddingAndUnpoolIndices() throws {
    let script = try #require(InteropModels.all.first { $0.name == "every-layer" }?.script)
    let session = InteropModels.session(script)
    let source = try PyTorchExport.source(session.model, architecture: session.architectureScript)
    // conv 8 3 stride=2 pad=same on 14: total padding 1, the odd pixel bottom/right.
    #expect(source.contains(#"x = F.leaky_relu(m["1"](F.pad(x, (0, 1, 0, 1))), 0.1)"#))
    #expect(source.contains(#"self.add_module("1", nn.Conv2d(3, 8, 3, stride=2))"#))
    // sepconv 8 3 stride=2 pad=same on 7: total 2, even, so the module pads.
    #expect(source.contains(#"SeparableConv2d(16, 8, 3, stride=2, padding=1)"#))
    #expect(source.contains(#"x, indices7 = m["7"](x)"#))
    #expect(source.contains(#"m["9"](x, indices7, output_size=size7)"#))
    #expect(source.contains(#"nn.BatchNorm1d(16, eps=0.001, momentum=0.01)"#))
    #expect(source.contains(#"nn.BatchNorm2d(8, eps=0.001, momentum=0.01)"#))
    #expect(source.contains(#"x = 1.7159 * torch.tanh(x * (2.0 / 3.0))  # 14: lecun_tanh"#))
    // Parameterless activation rows register no module: state_dict keys stay the row numbers.
    #expect(!source.contains(#"add_module("8""#))
  }

  /// `dense N bias=no` is `nn.Linear(in, N, bias=False)`: its state_dict has no `.bias`.
  @Test func denseWithoutBiasIsALinearWithoutBias() throws {
    let session = InteropModels.session("input 4x4x2\nflatten\ndense 6 bias=no tanh\ndense 3")
    let source = try PyTorchExport.source(session.model, architecture: session.architectureScript)
    #expect(source.contains(#"self.add_module("2", nn.Linear(32, 6, bias=False))"#))
    #expect(source.contains(#"self.add_module("3", nn.Linear(6, 3))"#))
  }

  /// A graph's forward keeps the rows read again as `x<row>` and reads them back: the input for
  /// a `from=0` branch, a `from=2` branch, a three-way `add`, a `concat`, and an `add` of the
  /// row above with itself (row 7 is both its main input and its merged row).
  @Test func graphForwardKeepsBranchesInVariables() throws {
    let session = InteropModels.session(
      """
      input 6x6x2
      conv 4 3 pad=same relu
      conv 4 3 pad=same relu
      conv 4 3 pad=same
      conv 4 1 from=2
      add 1 3
      conv 2 1 tanh from=0
      concat 5
      add 7
      """)
    let source = try PyTorchExport.source(session.model, architecture: session.architectureScript)
    let forward = try #require(source.components(separatedBy: "    def forward(self, x):\n").last)
      .components(separatedBy: "        return x\n")[0]
    #expect(
      forward.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } == [
        "m = self._modules",
        "x0 = x  # the input, read again below",
        #"x = F.relu(m["1"](x))  # 1: conv 4 3 pad=same relu -> 6x6x4"#,
        "x1 = x",
        #"x = F.relu(m["2"](x))  # 2: conv 4 3 pad=same relu -> 6x6x4"#,
        "x2 = x",
        #"x = m["3"](x)  # 3: conv 4 3 pad=same -> 6x6x4"#,
        "x3 = x",
        "x = x2  # 4 reads row 2",
        #"x = m["4"](x)  # 4: conv 4 1 from=2 -> 6x6x4"#,
        "x = x + x1 + x3  # 5: add 1 3 -> 6x6x4",
        "x5 = x",
        "x = x0  # 6 reads row 0",
        #"x = torch.tanh(m["6"](x))  # 6: conv 2 1 tanh from=0 -> 6x6x2"#,
        "x = torch.cat([x, x5], 1)  # 7: concat 5 -> 6x6x6",
        "x7 = x",
        "x = x + x7  # 8: add 7 -> 6x6x6",
      ])
    // A branch's module takes the channels of the row it reads: row 6 reads the input's 2.
    #expect(source.contains(#"self.add_module("6", nn.Conv2d(2, 2, 1))"#))
    #expect(source.contains(#"self.add_module("4", nn.Conv2d(4, 4, 1))"#))
    #expect(!source.contains(#"add_module("5""#) && !source.contains(#"add_module("7""#))
  }
}
