"""Writes a CIFAR-10-format folder for `make bench`, so no download is needed.

The files are those of the official binary version: data_batch_1.bin ... data_batch_5.bin and
test_batch.bin, each record 1 label byte and 32*32*3 pixel bytes in CHW order (1,024 red,
1,024 green, 1,024 blue), plus batches.meta.txt. The images are synthetic but learnable: each
class has its own 40x40 pattern of coloured stripes (orientation, frequency and colours drawn
from the seed), and every image is a random 32x32 crop of its class's pattern, mirrored or not,
at a random brightness. Standard library only; the same seed gives the same bytes.

Usage: python3 make-cifar.py OUT_DIR [--per-batch 2000] [--test 2000] [--seed 0]
"""
import argparse
import math
import os
import random

parser = argparse.ArgumentParser()
parser.add_argument("out")
parser.add_argument("--per-batch", type=int, default=2000, help="images in each training batch")
parser.add_argument("--test", type=int, default=2000, help="images in test_batch.bin")
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()

CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
SIDE, PATTERN = 32, 40
rng = random.Random(args.seed)


def pattern(c):
    """Class c's 40x40x3 pattern as three lists of rows of bytes (one per channel)."""
    angle = rng.uniform(0, math.pi)
    frequency = rng.uniform(0.15, 0.6)
    low = [rng.randint(0, 120) for _ in range(3)]
    high = [rng.randint(135, 255) for _ in range(3)]
    dx, dy = math.cos(angle), math.sin(angle)
    channels = []
    for ch in range(3):
        rows = []
        for y in range(PATTERN):
            row = bytearray(PATTERN)
            for x in range(PATTERN):
                wave = 0.5 + 0.5 * math.sin(frequency * (x * dx + y * dy) * (1 + 0.3 * ch))
                row[x] = int(low[ch] + (high[ch] - low[ch]) * wave)
            rows.append(bytes(row))
        channels.append(rows)
    return channels


patterns = [pattern(c) for c in range(len(CLASSES))]
# Brightness tables: pixel → pixel·b for a few b, so each image is byte slicing and translate.
tables = [bytes(min(255, int(v * b)) for v in range(256)) for b in (0.6, 0.75, 0.9, 1.0, 1.1)]


def record():
    c = rng.randrange(len(CLASSES))
    oy, ox = rng.randrange(PATTERN - SIDE + 1), rng.randrange(PATTERN - SIDE + 1)
    mirrored = rng.random() < 0.5
    table = rng.choice(tables)
    out = bytearray([c])
    for rows in patterns[c]:
        for y in range(SIDE):
            row = rows[oy + y][ox : ox + SIDE]
            out += (row[::-1] if mirrored else row).translate(table)
    return bytes(out)


def write(name, count):
    with open(os.path.join(args.out, name), "wb") as f:
        f.write(b"".join(record() for _ in range(count)))


os.makedirs(args.out, exist_ok=True)
for i in range(1, 6):
    write(f"data_batch_{i}.bin", args.per_batch)
write("test_batch.bin", args.test)
with open(os.path.join(args.out, "batches.meta.txt"), "w") as f:
    f.write("\n".join(CLASSES) + "\n")
print(f"make-cifar: {5 * args.per_batch} training and {args.test} test images in {args.out}")
