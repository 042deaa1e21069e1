#!/usr/bin/env python3
"""Cut the embedded MNIST sample from the shared MNIST files (Python standard library only).

Takes the first 600 training images of each digit (6,000 in all) and the first 100 test images
of each digit (1,000), keeping file order, and writes them as gzipped IDX files with the four
standard names into Sources/Datasets/Resources/mnist-sample/. The gzip header carries mtime 0
and no file name, so the same input always gives the same bytes.

usage: scripts/make-sample.py [SOURCE_DIR]   (default ../shared/datasets/mnist, then
                                              /work/shared/datasets/mnist)
"""
import gzip
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "Sources", "Datasets", "Resources", "mnist-sample")
SPLITS = [("train", 600), ("t10k", 100)]


def source_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    for candidate in (os.path.join(ROOT, "..", "shared", "datasets", "mnist"),
                      "/work/shared/datasets/mnist"):
        if os.path.isdir(candidate):
            return candidate
    sys.exit("make-sample: no MNIST folder found; pass SOURCE_DIR")


def read_idx(path, expected_magic):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic != expected_magic:
        sys.exit(f"make-sample: {path}: magic {magic}, expected {expected_magic}")
    if magic == 2051:
        rows, cols = struct.unpack(">II", data[8:16])
        size = rows * cols
        images = [data[16 + i * size:16 + (i + 1) * size] for i in range(count)]
        return images, (rows, cols)
    return list(data[8:8 + count]), None


def write_gz(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(payload)


def main():
    src = source_dir()
    os.makedirs(TARGET, exist_ok=True)
    for prefix, per_class in SPLITS:
        images, (rows, cols) = read_idx(os.path.join(src, f"{prefix}-images-idx3-ubyte.gz"), 2051)
        labels, _ = read_idx(os.path.join(src, f"{prefix}-labels-idx1-ubyte.gz"), 2049)
        taken = [0] * 10
        keep = []
        for index, label in enumerate(labels):
            if taken[label] < per_class:
                taken[label] += 1
                keep.append(index)
        if taken != [per_class] * 10:
            sys.exit(f"make-sample: {prefix}: only {taken} images per class")
        n = len(keep)
        write_gz(os.path.join(TARGET, f"{prefix}-images-idx3-ubyte.gz"),
                 struct.pack(">IIII", 2051, n, rows, cols) + b"".join(images[i] for i in keep))
        write_gz(os.path.join(TARGET, f"{prefix}-labels-idx1-ubyte.gz"),
                 struct.pack(">II", 2049, n) + bytes(labels[i] for i in keep))
        print(f"{prefix}: {n} images ({per_class} per class), last source index {keep[-1]}")


if __name__ == "__main__":
    main()
