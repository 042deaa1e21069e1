#!/usr/bin/env python3
"""PyTorch's view of cnnrepl's graph models, row by row: the numbers frozen in
Tests/ModelFilesTests/Interop/GraphParameterCountTests.swift (outside CI: needs torch).

usage: graph-param-counts.py [MODEL ...]      (default: resnet-mini inception-mini unet-mini)

MODEL is a preset name, or the name of a model in Tests/ReplTestSupport/InteropModels.swift
(its session script is read from there, so the two cannot drift). For each, the built cnnrepl
binary (`swift build -c release`; CNNREPL overrides the path) runs the script and
`export pytorch`; torch loads the module and this script prints, for every row,
  - the trainable parameters of submodule "<row>": sum(p.numel()) over parameters() (batchnorm's
    running mean and variance are buffers there, as they are non-trainable in cnnrepl);
  - the output shape torch computes for the row (HxWxC, or N for a vector), from running the
    module's forward one statement at a time on a zero batch: each statement that ends a row
    carries the comment `# <row>: ...`, and the shape is that of `x` after it.
The forward is also run whole, and must give the last row's shape.
Run with the bench venv: ~/.cache/cnnrepl-bench-venv/bin/python bench/graph-param-counts.py
"""
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import textwrap

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS_FILE = os.path.join(ROOT, "Tests/ReplTestSupport/InteropModels.swift")
ROW_COMMENT = re.compile(r"#\s*(\d+):")


def session_script(name):
    """`preset NAME` for a preset, else the script InteropModels.swift gives the model `name`."""
    with open(MODELS_FILE) as f:
        swift = f.read()
    found = re.search(r'"' + re.escape(name) + r'",\s*"""\n(.*?)\n\s*"""', swift, re.S)
    if found is None:
        return "preset " + name
    return textwrap.dedent(found.group(1))


def cnnrepl_binary():
    if "CNNREPL" in os.environ:
        return os.environ["CNNREPL"]
    folder = subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(folder, "cnnrepl")


def export(name, folder):
    """Runs the model's script and `export pytorch` in cnnrepl; returns the loaded module."""
    path = os.path.join(folder, name + ".py")
    script = os.path.join(folder, name + ".cnn")
    with open(script, "w") as f:
        f.write(session_script(name) + "\nexport pytorch " + path + "\n")
    subprocess.run(
        [cnnrepl_binary(), "run", script], check=True, capture_output=True,
        env=dict(os.environ, HOME=folder, NO_COLOR="1"))
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(path) as f:
        source = f.read()
    return module, source


def shape_text(tensor):
    dims = tuple(tensor.shape[1:])
    return str(dims[0]) if len(dims) == 1 else f"{dims[1]}x{dims[2]}x{dims[0]}"


def rows(module, source):
    """[(row, trainable parameters, output shape)] for rows 1 … N."""
    model = module.Model().eval()
    forward = source.split("    def forward(self, x):\n", 1)[1].split("        return x\n", 1)[0]
    x = torch.zeros(2, *module.INPUT_SHAPE)
    scope = dict(vars(module), self=model, x=x)
    shapes = {}
    with torch.no_grad():
        for statement in textwrap.dedent(forward).splitlines():
            exec(statement, scope)
            row = ROW_COMMENT.search(statement)
            if row:
                shapes[int(row.group(1))] = shape_text(scope["x"])
        whole = shape_text(model(x))
    last = max(shapes)
    if whole != shapes[last]:
        raise SystemExit(f"forward gives {whole}, the statements {shapes[last]}")
    params = {
        int(name): sum(p.numel() for p in sub.parameters() if p.requires_grad)
        for name, sub in model.named_children()
    }
    return [(r, params.get(r, 0), shapes[r]) for r in range(1, last + 1)]


def main():
    names = sys.argv[1:] or ["resnet-mini", "inception-mini", "unet-mini"]
    print(f"# torch {torch.__version__}")
    with tempfile.TemporaryDirectory(prefix="cnnrepl-graph-params-") as folder:
        for name in names:
            table = rows(*export(name, folder))
            total = sum(p for _, p, _ in table)
            print(f"\n{name}: {total} trainable parameters")
            for row, params, shape in table:
                print(f"  {row:3d}  {params:7d}  {shape}")
            print("  swift: [" + ", ".join(f'({p}, "{s}")' for _, p, s in table) + "]")


if __name__ == "__main__":
    main()
