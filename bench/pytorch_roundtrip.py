#!/usr/bin/env python3
"""One case of the PyTorch round trip (bench/pytorch-roundtrip.sh drives it through the Swift test
PyTorchRoundTripTests, which writes the files and checks the results).

usage: pytorch_roundtrip.py FOLDER
FOLDER holds model.py (`export pytorch`), weights.safetensors (`save model`), input.f32,
expected.f32 (cnnrepl's inference output) and shapes.json. This script
  1. loads the module and the weights, runs the input in eval mode and reports max |diff|;
  2. trains one step (SGD, lr 0.05, train mode, cnnrepl's loss=ce on fixed labels, or for
     images mse against the input when the output has its shape, else against a fixed random
     target), then writes trained.safetensors with the module's save_weights and its eval-mode
     output for the same input to trained.f32. A model with no trainable parameters (a
     catalog example such as `maxpool 2` alone) skips this step and writes neither file.
Prints one JSON line: {"max_abs_diff", "trainable", "loss", "weights_changed"}.
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch


def main():
    folder = sys.argv[1]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    spec = importlib.util.spec_from_file_location("exported", os.path.join(folder, "model.py"))
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    with open(os.path.join(folder, "shapes.json")) as f:
        shapes = json.load(f)
    x = torch.from_numpy(np.fromfile(os.path.join(folder, "input.f32"), dtype="<f4").reshape(shapes["input"]))
    expected = np.fromfile(os.path.join(folder, "expected.f32"), dtype="<f4").reshape(shapes["output"])

    model = exported.Model()
    exported.load_weights(model, os.path.join(folder, "weights.safetensors"))
    model.eval()
    with torch.no_grad():
        y = model(x).numpy()
    diff = float(np.max(np.abs(y - expected))) if y.shape == expected.shape else float("inf")

    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    if trainable == 0:
        print(json.dumps({"max_abs_diff": diff, "trainable": 0}))
        return
    before = {k: v.clone() for k, v in model.state_dict().items()}
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    out = model(x)
    if out.dim() == 2:
        target = torch.arange(out.shape[0]) % out.shape[1]
        loss = exported.cross_entropy(out, target)
    else:
        loss = torch.nn.functional.mse_loss(out, x if out.shape == x.shape else torch.rand(out.shape))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    model.eval()
    exported.save_weights(model, os.path.join(folder, "trained.safetensors"))
    with torch.no_grad():
        model(x).numpy().astype("<f4").tofile(os.path.join(folder, "trained.f32"))
    changed = sum(int(not torch.equal(before[k], v)) for k, v in model.state_dict().items())
    print(json.dumps({"max_abs_diff": diff, "trainable": trainable, "loss": float(loss), "weights_changed": changed}))


if __name__ == "__main__":
    main()
