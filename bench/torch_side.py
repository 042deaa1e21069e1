"""The PyTorch side of `make bench`: the same models, data and protocol as cnnrepl's side.

keras-mnist, lenet5, or any network cnnrepl exported (`--module`), float32, batch 64, Adam
1e-3, 2 threads, on the MNIST folder's training images (or a CIFAR-10 binary folder's, when
`--data` holds data_batch_1.bin; bench/make-cifar.py writes one); training speed is the median epoch of `--epochs` after a short warm-up; inference is
batch 256 over the test images, median of the timed passes after an untimed one (at least
three, until they add up to 2 s). Prints one line:
RESULT {"model": ..., "train_img_s": ..., "infer_img_s": ..., "test_acc": ...}

Usage: python3 torch_side.py --model keras-mnist|lenet5 --data DIR [--epochs 3] [--channels-last]
       [--seed 0] [--glorot]

`--glorot` initialises as Keras (and cnnrepl) do: Glorot-uniform kernels, zero biases, instead of
PyTorch's defaults; `make accept` uses it with `TORCH=1` for the accuracy side by side.
"""
import argparse
import gzip
import importlib.util
import json
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--model", required=True, help="keras-mnist, lenet5, or a name for --module")
parser.add_argument("--module", help="a cnnrepl `export pytorch` file: its Model and cross_entropy")
parser.add_argument("--data", required=True)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--channels-last", action="store_true")
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--glorot", action="store_true")
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


def idx(name):
    with gzip.open(f"{args.data}/{name}", "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = struct.unpack(">" + "I" * ndim, raw[4 : 4 + 4 * ndim])
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def images(name):
    return torch.from_numpy(idx(name).astype(np.float32) / 255).unsqueeze(1)


def cifar(names):
    """CIFAR-10 binary records: 1 label byte, then 3x32x32 pixels in CHW order."""
    raw = np.concatenate([np.fromfile(f"{args.data}/{name}", np.uint8) for name in names])
    records = raw.reshape(-1, 1 + 3 * 32 * 32)
    x = torch.from_numpy(records[:, 1:].astype(np.float32) / 255).reshape(-1, 3, 32, 32)
    return x, torch.from_numpy(records[:, 0].astype(np.int64))


if os.path.exists(f"{args.data}/data_batch_1.bin"):
    x_train, y_train = cifar([f"data_batch_{i}.bin" for i in range(1, 6)])
    x_test, y_test = cifar(["test_batch.bin"])
else:
    x_train, y_train = images("train-images-idx3-ubyte.gz"), torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    x_test, y_test = images("t10k-images-idx3-ubyte.gz"), torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))

exported = None
if args.module:
    spec = importlib.util.spec_from_file_location("exported", args.module)
    exported = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(exported)
    model = exported.Model()
elif args.model == "keras-mnist":
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
        nn.MaxPool2d(2), nn.Conv2d(64, 128, 3), nn.ReLU(), nn.Flatten(), nn.Linear(1152, 10))
elif args.model == "lenet5":
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2), nn.Conv2d(6, 16, 5), nn.Tanh(),
        nn.AvgPool2d(2), nn.Flatten(), nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84),
        nn.Tanh(), nn.Linear(84, 10))
else:
    sys.exit(f"torch_side: no built-in {args.model}; give --module FILE.py")
if args.glorot:
    for layer in model.modules():
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(layer.weight)
            nn.init.zeros_(layer.bias)
fmt = torch.channels_last if args.channels_last else torch.contiguous_format
model = model.to(memory_format=fmt)
x_train, x_test = x_train.contiguous(memory_format=fmt), x_test.contiguous(memory_format=fmt)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
# An exported module ends in its last row's activation (softmax) as cnnrepl does; its own
# cross_entropy applies cnnrepl's loss=ce to that output. A network whose output has the
# input's shape is an autoencoder: cnnrepl trains it with loss=mse against the input.
with torch.no_grad():
    autoencoder = model(x_train[:2].contiguous(memory_format=fmt)).shape == x_train[:2].shape
if autoencoder:
    loss_fn = lambda output, target, x: nn.functional.mse_loss(output, x)
elif exported:
    loss_fn = lambda output, target, x: exported.cross_entropy(output, target)
else:
    ce = nn.CrossEntropyLoss()
    loss_fn = lambda output, target, x: ce(output, target)


def step(xb, yb):
    optimizer.zero_grad(set_to_none=True)
    loss = loss_fn(model(xb), yb, xb)
    loss.backward()
    optimizer.step()


for i in range(5):  # warm-up
    step(x_train[i * 64 : (i + 1) * 64], y_train[i * 64 : (i + 1) * 64])

n = len(x_train)
generator = torch.Generator().manual_seed(args.seed)
epoch_seconds = []
for _ in range(args.epochs):
    order = torch.randperm(n, generator=generator)
    start = time.perf_counter()
    for i in range(0, n, 64):
        batch = order[i : i + 64]
        step(x_train[batch], y_train[batch])
    epoch_seconds.append(time.perf_counter() - start)

model.eval()
with torch.inference_mode():
    correct = 0 if autoencoder else sum((model(x_test[i : i + 256]).argmax(1) == y_test[i : i + 256]).sum().item() for i in range(0, len(x_test), 256))
    passes = []
    # One untimed pass, then timed passes until at least 3 and 2 s of them (at most 50), as
    # cnnrepl's Benchmark does: a 0.1 s pass is too short for a 3-pass median on a shared VM.
    while len(passes) < 51 and (len(passes) < 4 or sum(passes[1:]) < 2.0):
        start = time.perf_counter()
        for i in range(0, len(x_test), 256):
            model(x_test[i : i + 256])
        passes.append(time.perf_counter() - start)

print("RESULT " + json.dumps({
    "side": "pytorch " + torch.__version__ + (" channels_last" if args.channels_last else ""),
    "model": args.model,
    "train_img_s": round(n / statistics.median(epoch_seconds)),
    "infer_img_s": round(len(x_test) / statistics.median(passes[1:])),
    "test_acc": round(correct / len(x_test), 4),
}))
