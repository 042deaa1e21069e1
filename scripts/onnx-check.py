#!/usr/bin/env python3
"""Checks cnnrepl's ONNX exports in onnxruntime (the interop tests shell out to this).

usage: onnx-check.py FOLDER
Each sub-folder of FOLDER holds one case written by the Swift test:
  model.onnx    the `export onnx` file
  input.f32     float32 little-endian input, NCHW
  expected.f32  cnnrepl's inference output for that input
  shapes.json   {"input": [N, C, H, W], "output": [N, ...]}
Prints one JSON line per case: {"case", "checker" ("ok" or the error), "max_abs_diff",
"shape_ok", "opset", "expected_spread" (max - min of cnnrepl's output, to show it is not flat)}. Exit status 0 even when a case fails: the Swift test judges.
"""
import json
import os
import sys

import numpy as np
import onnx
import onnxruntime as ort


def check(folder):
    with open(os.path.join(folder, "shapes.json")) as f:
        shapes = json.load(f)
    model_path = os.path.join(folder, "model.onnx")
    model = onnx.load(model_path)
    try:
        onnx.checker.check_model(model, full_check=True)
        checker = "ok"
    except Exception as error:  # the message is the report
        checker = str(error).splitlines()[0] if str(error) else type(error).__name__
    x = np.fromfile(os.path.join(folder, "input.f32"), dtype="<f4").reshape(shapes["input"])
    expected = np.fromfile(os.path.join(folder, "expected.f32"), dtype="<f4").reshape(shapes["output"])
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    (y,) = session.run(["output"], {"input": x})
    shape_ok = list(y.shape) == list(expected.shape)
    diff = float(np.max(np.abs(y - expected))) if shape_ok else float("inf")
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), None)
    spread = float(np.max(expected) - np.min(expected))
    return {"checker": checker, "max_abs_diff": diff, "shape_ok": shape_ok, "opset": opset,
            "expected_spread": spread}


def main():
    root = sys.argv[1]
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if not os.path.isdir(folder):
            continue
        try:
            result = check(folder)
        except Exception as error:
            result = {"checker": "not run", "error": f"{type(error).__name__}: {error}"}
        result["case"] = name
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
