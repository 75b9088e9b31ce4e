#!/usr/bin/env python3
"""Writes the small data sets of the training tests (test/runtime/train-*.test).

    python3 test/runtime/make_train_data.py

writes test/runtime/data/train/ with plain Python (no packages), seeded, so
running it again rewrites identical files:
  - mnist/: a three-class problem of 4x4 u8 images in the IDX layout of
    MNIST (train-images-idx3-ubyte, train-labels-idx1-ubyte: 150 samples;
    t10k-*: 30): class c lights up row c of the image, plus noise;
  - x.npy (f32 [150, 4, 4], the same images / 255) and label32.npy (i32
    [150]): the NAME=FILE form, with labels to widen to i64;
  - set.safetensors: x f32 [150, 1, 4, 4] and label i64 [150];
  - nan.npy: x with a NaN in sample 7; label149.npy: one label short;
    x5.npy: samples of shape [5, 5]; short.idx: an IDX file cut short.
"""
import json
import pathlib
import random
import struct

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "data" / "train"


def images_and_labels(n, rng):
    images, labels = [], []
    for _ in range(n):
        c = rng.randrange(3)
        img = [rng.randrange(0, 160) for _ in range(16)]
        for k in range(4):
            img[4 * c + k] = rng.randrange(70, 230)
        images.append(img)
        labels.append(c)
    return images, labels


def write_idx(path, type_byte, dims, fmt, values):
    data = bytes([0, 0, type_byte, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims)
    data += b"".join(struct.pack(">" + fmt, v) for v in values)
    path.write_bytes(data)


def npy_bytes(descr, shape, fmt, values):
    shape_text = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_text)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    out = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode()
    return out + b"".join(struct.pack("<" + fmt, v) for v in values)


def write_safetensors(path, tensors):
    header, blobs, offset = {}, b"", 0
    for name, (dtype, shape, fmt, values) in tensors.items():
        blob = b"".join(struct.pack("<" + fmt, v) for v in values)
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(blob)]}
        blobs += blob
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":"), sort_keys=True).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + blobs)


def main():
    rng = random.Random(20240607)
    (OUT / "mnist").mkdir(parents=True, exist_ok=True)
    train_x, train_y = images_and_labels(150, rng)
    test_x, test_y = images_and_labels(30, rng)
    for prefix, xs, ys in (("train", train_x, train_y), ("t10k", test_x, test_y)):
        flat = [v for img in xs for v in img]
        write_idx(OUT / "mnist" / f"{prefix}-images-idx3-ubyte", 0x08, [len(xs), 4, 4], "B", flat)
        write_idx(OUT / "mnist" / f"{prefix}-labels-idx1-ubyte", 0x08, [len(ys)], "B", ys)
    scaled = [struct.unpack("<f", struct.pack("<f", v / 255.0))[0] for img in train_x for v in img]
    (OUT / "x.npy").write_bytes(npy_bytes("<f4", (150, 4, 4), "f", scaled))
    (OUT / "label32.npy").write_bytes(npy_bytes("<i4", (150,), "i", train_y))
    (OUT / "label149.npy").write_bytes(npy_bytes("<i4", (149,), "i", train_y[:149]))
    with_nan = list(scaled)
    with_nan[7 * 16 + 3] = float("nan")
    (OUT / "nan.npy").write_bytes(npy_bytes("<f4", (150, 4, 4), "f", with_nan))
    (OUT / "x5.npy").write_bytes(npy_bytes("<f4", (6, 5, 5), "f", [0.5] * 150))
    write_safetensors(OUT / "set.safetensors", {
        "x": ("F32", [150, 1, 4, 4], "f", scaled),
        "label": ("I64", [150], "q", train_y),
    })
    full = (OUT / "mnist" / "train-images-idx3-ubyte").read_bytes()
    (OUT / "short.idx").write_bytes(full[:200])


if __name__ == "__main__":
    main()
