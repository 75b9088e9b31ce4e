#!/usr/bin/env python3
"""Writes the data of the runtime tests (weights, IDX files, references).

    /root/hnn-venv/bin/python test/runtime/make_weights.py

writes test/runtime/data/:
  - safetensors files saved by PyTorch (safetensors.torch.save_file): every
    dtype hnn reads, a rank-0 and an empty tensor, an escaped non-ASCII name,
    metadata; the expected values of each tensor as NPY (bf16 as its uint16
    bits, the form hnn's NPY reader takes for bf16);
  - the weights, inputs and PyTorch results of the models in Inputs/ (net.mlir,
    fashion.mlir; the latter on the first images of Fashion-MNIST from
    /usr/share/datasets/fashion-mnist, with an nn.Sequential's names and a
    name map);
  - small IDX files (plain and gzip'd) with the tensors hnn must load from them;
  - hand-made broken safetensors and IDX files (bad-*), byte by byte.
Needs torch, numpy and safetensors; the test suite only reads the committed
files. Everything is seeded, so running it again rewrites identical files
(gzip without a timestamp).
"""
import gzip
import json
import pathlib
import struct

import numpy as np
import torch
from safetensors.torch import save_file

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
FASHION = pathlib.Path("/usr/share/datasets/fashion-mnist")


def npy(name, array):
    np.save(DATA / f"{name}.npy", np.array(array, order="C"))  # keeps rank 0


def expected(tensor):
    """The tensor as the NPY that hnn_npy_load reads back to the same bytes."""
    if tensor.dtype == torch.bfloat16:
        return tensor.view(torch.int16).numpy().view(np.uint16)
    return tensor.numpy()


def dtypes():
    g = torch.Generator().manual_seed(1)
    tensors = {
        "f32": torch.randn(2, 3, generator=g),
        "f16": torch.randn(4, generator=g).to(torch.float16),
        "bf16": torch.randn(2, 2, generator=g).to(torch.bfloat16),
        "i32": torch.tensor([-7, 2147483647], dtype=torch.int32),
        "i64": torch.tensor([-1, 0, 9007199254740993], dtype=torch.int64),
        "scalar": torch.tensor(2.5),
        "empty": torch.zeros(0, 3),
        "layer.0/\u00fcber \"q\"": torch.arange(5, dtype=torch.float32),
    }
    # One metadata key: the writer orders several at random.
    save_file(tensors, DATA / "dtypes.safetensors", metadata={"note": "tab\there, \u00e9t\u00e9"})
    files = {"f32": "f32", "f16": "f16", "bf16": "bf16", "i32": "i32", "i64": "i64",
             "scalar": "scalar", "empty": "empty", "layer.0/\u00fcber \"q\"": "escaped"}
    for name, t in tensors.items():
        npy(f"dtypes.{files[name]}", expected(t))
    # Only metadata, no tensors.
    save_file({}, DATA / "empty.safetensors", metadata={"k": "v"})


def net():
    g = torch.Generator().manual_seed(2)
    state = {
        "fc1.weight": torch.randn(6, 12, generator=g) / 3,
        "fc1.bias": torch.randn(6, generator=g),
        "norm.running_mean": torch.randn(6, generator=g) / 2,
        "norm.scale": torch.rand(6, generator=g) + 0.5,
        "fc2.weight": torch.randn(3, 6, generator=g),
    }
    save_file(state, DATA / "net.safetensors", metadata={"format": "pt"})

    def forward(x):
        s = {k: v.double() for k, v in state.items()}
        h = x.double() @ s["fc1.weight"].T + s["fc1.bias"]
        a = torch.relu((h - s["norm.running_mean"]) * s["norm.scale"])
        return (a @ s["fc2.weight"].T).float()

    x = torch.randn(4, 12, generator=g)
    npy("net.in0", x.numpy())
    npy("net.out0", forward(x).numpy())
    # IDX images [5, 3, 4] of bytes: hnn reads them as x / 255, reshaped to [5, 12].
    images = torch.randint(0, 256, (5, 3, 4), generator=g, dtype=torch.uint8)
    idx(DATA / "images.idx", 0x08, images.numpy())
    gz(DATA / "images.idx.gz", (DATA / "images.idx").read_bytes())
    npy("images", (images.float() / 255).numpy())
    npy("net.idx.out0", forward(images.reshape(5, 12).float() / 255).numpy())
    npy("net.idx3.out0", forward(images[:3].reshape(3, 12).float() / 255).numpy())

    # For the binding errors: one missing, one mis-shaped, one mis-typed, one extra.
    bad = dict(state)
    del bad["fc1.bias"]
    bad["fc2.weight"] = torch.zeros(6, 3)
    bad["norm.scale"] = state["norm.scale"].to(torch.float16)
    bad["fc3.weight"] = torch.zeros(2, 2)
    save_file(bad, DATA / "net-mismatch.safetensors")
    # All there, plus extras: fine unless --strict.
    extra = dict(state)
    extra["fc3.weight"] = torch.zeros(2, 2)
    extra["num_batches_tracked"] = torch.tensor(3)
    save_file(extra, DATA / "net-extra.safetensors")


def fashion():
    g = torch.Generator().manual_seed(3)
    model = torch.nn.Sequential(torch.nn.Linear(784, 8), torch.nn.ReLU(), torch.nn.Linear(8, 10))
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.1)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()},
              DATA / "fashion.safetensors")
    (DATA / "fashion.map").write_text(
        "# hnn name        nn.Sequential name\n"
        "fc1.weight 0.weight\n"
        "fc1.bias   0.bias\n"
        "fc2.weight 2.weight   # the second Linear\n"
        "fc2.bias   2.bias\n")
    images = read_idx(FASHION / "t10k-images-idx3-ubyte.gz")[:8]
    labels = read_idx(FASHION / "t10k-labels-idx1-ubyte.gz")[:8]
    x = torch.from_numpy(images.reshape(8, 784).astype(np.float64) / 255)
    y = torch.from_numpy(labels.astype(np.int64))
    with torch.no_grad():
        m = model.double()
        logits = m(x)
        loss = torch.nn.functional.cross_entropy(logits, y, reduction="none")
    npy("fashion.out0", logits.float().numpy())
    npy("fashion.out1", loss.float().numpy())


def read_idx(path):
    raw = gzip.open(path).read()
    rank = raw[3]
    dims = struct.unpack(f">{rank}I", raw[4:4 + 4 * rank])
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * rank).reshape(dims)


def idx(path, code, array, dims=None):
    kinds = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}
    dims = array.shape if dims is None else dims
    head = bytes([0, 0, code, len(dims)]) + struct.pack(f">{len(dims)}I", *dims)
    path.write_bytes(head + array.astype(kinds[code]).tobytes())


def gz(path, data):
    path.write_bytes(gzip.compress(data, mtime=0))


def idx_files():
    labels = np.array([9, 0, 3, 255, 1], np.uint8)
    idx(DATA / "labels.idx", 0x08, labels)
    npy("labels", labels.astype(np.int64))
    i16 = np.array([[-300, 2], [7, 32767]], np.int16)
    idx(DATA / "i16.idx", 0x0B, i16)
    npy("i16", i16.astype(np.float32))
    i8 = np.array([-128, 5, 127], np.int8)
    idx(DATA / "i8.idx", 0x09, i8)
    npy("i8", i8.astype(np.int64))
    f32 = np.array([[1.5, -2.25, 1e-3]], np.float32)
    idx(DATA / "f32.idx", 0x0D, f32)
    npy("f32", f32)
    f64 = np.array([[0.1, -3.5e10]], np.float64)
    idx(DATA / "f64.idx", 0x0E, f64)
    npy("f64", f64.astype(np.float32))

    ok = (DATA / "images.idx").read_bytes()
    bad = {
        "bad-magic.idx": b"\x01\x00\x08\x01\x00\x00\x00\x01\x05",
        "bad-type.idx": b"\x00\x00\x07\x01\x00\x00\x00\x01\x05",
        "bad-rank.idx": b"\x00\x00\x08\x00\x05",
        "bad-short.idx": b"\x00\x00",
        "bad-header.idx": b"\x00\x00\x08\x03\x00\x00\x00\x05\x00\x00",
        "bad-size.idx": ok[:-1],
        "bad-long.idx": ok + b"\x00",
        "bad-overflow.idx": b"\x00\x00\x0E\x03" + b"\xff\xff\xff\xff" * 3,
    }
    for name, data in bad.items():
        (DATA / name).write_bytes(data)
    gz(DATA / "bad-size.idx.gz", ok[:-1])
    gz(DATA / "bad-long.idx.gz", ok + b"\x00")
    # Claims 4 GiB of bytes in a file of ~40.
    gz(DATA / "bad-bomb.idx.gz", b"\x00\x00\x08\x01\xff\xff\xff\xff" + b"\x00" * 16)
    (DATA / "bad-corrupt.idx.gz").write_bytes(gzip.compress(ok, mtime=0)[:-12] + b"garbage!!!!!")


def st(header, data=b"", length=None):
    """A safetensors file from a header (dict or raw text) and data bytes."""
    text = header if isinstance(header, (str, bytes)) else json.dumps(header)
    text = text.encode() if isinstance(text, str) else text
    n = len(text) if length is None else length
    return struct.pack("<Q", n) + text + data


def bad_safetensors():
    f32 = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}
    d8 = b"\x00" * 8
    bad = {
        # Framing.
        "truncated": b"\x10\x00\x00",
        "header-past-eof": st('{"a":{}}', length=1000),
        # JSON syntax.
        "not-object": st("[1, 2]"),
        "unterminated": st('{"a": {"dtype": "F32'),
        "missing-colon": st('{"a" {}}'),
        "trailing-comma": st('{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8],}}', d8),
        "literal": st('{"a": {"dtype": "F32", "shape": true, "data_offsets": [0, 8]}}', d8),
        "negative": st('{"a": {"dtype": "F32", "shape": [-2], "data_offsets": [0, 8]}}', d8),
        "fraction": st('{"a": {"dtype": "F32", "shape": [2.0], "data_offsets": [0, 8]}}', d8),
        "leading-zero": st('{"a": {"dtype": "F32", "shape": [02], "data_offsets": [0, 8]}}', d8),
        "big-integer": st('{"a": {"dtype": "F32", "shape": [2], '
                          '"data_offsets": [0, 18446744073709551616]}}', d8),
        "bad-escape": st('{"a\\x": {}}'),
        "lone-surrogate": st('{"\\ud800": {}}'),
        "nul-escape": st('{"a\\u0000b": {}}'),
        "control-char": st('{"a\nb": {}}'),
        "invalid-utf8": st(b'{"\xc3\x28": {}}'),
        "nul-byte": st(b'{}\x00'),
        "trailing-text": st('{} {}'),
        # Structure.
        "not-tensor": st('{"a": [1]}'),
        "unknown-field": st(json.dumps({"a": dict(f32, offsets=[0, 8])}), d8),
        "duplicate-field": st('{"a": {"dtype": "F32", "dtype": "F32", "shape": [2], '
                              '"data_offsets": [0, 8]}}', d8),
        "missing-field": st(json.dumps({"a": {"dtype": "F32", "shape": [2]}}), d8),
        "duplicate-key": st('{"a": %s, "b": %s, "a": %s}' % ((json.dumps(f32),) * 3), d8),
        "duplicate-metadata": st('{"__metadata__": {"k": "1", "k": "2"}}'),
        "metadata-value": st('{"__metadata__": {"k": 1}}'),
        "metadata-twice": st('{"__metadata__": {}, "__metadata__": {}}'),
        "empty-name": st(json.dumps({"": f32}), d8),
        "offsets-count": st(json.dumps({"a": dict(f32, data_offsets=[0, 4, 8])}), d8),
        # Meaning.
        "unknown-dtype": st(json.dumps({"a": dict(f32, dtype="Q7")}), d8),
        "unsupported-dtype": st(json.dumps({"a": dict(f32, dtype="F64", shape=[1])}), d8),
        "huge-rank": st(json.dumps({"a": dict(f32, shape=[1] * 9, data_offsets=[0, 4])}), d8),
        "dim-too-large": st(json.dumps({"a": dict(f32, shape=[2 ** 63])}), d8),
        "overflow": st(json.dumps({"a": dict(f32, shape=[2 ** 62, 2 ** 62])}), d8),
        "reversed-offsets": st(json.dumps({"a": dict(f32, data_offsets=[8, 0])}), d8),
        "size-mismatch": st(json.dumps({"a": dict(f32, shape=[3])}), d8),
        "past-buffer": st(json.dumps({"a": dict(f32, data_offsets=[4, 12])}), d8),
        "overlap": st(json.dumps({"a": dict(f32, shape=[2], data_offsets=[0, 8]),
                                  "b": dict(f32, shape=[2], data_offsets=[4, 12])}),
                      b"\x00" * 12),
    }
    for name, data in bad.items():
        (DATA / f"bad-{name}.safetensors").write_bytes(data)


def fuzz_corpus():
    """Seeds for test/fuzz: whole files, and bare headers (inputs starting with
    '{' get a length and 256 data bytes from the fuzzer)."""
    corpus = HERE.parent / "fuzz" / "corpus" / "safetensors"
    corpus.mkdir(parents=True, exist_ok=True)
    for name in ["dtypes", "empty", "net", "bad-overlap", "bad-duplicate-key", "bad-huge-rank",
                 "bad-size-mismatch", "bad-lone-surrogate", "bad-big-integer"]:
        (corpus / f"{name}.safetensors").write_bytes((DATA / f"{name}.safetensors").read_bytes())
    headers = {
        "header-all-dtypes": {
            "__metadata__": {"format": "pt", "esc": "\"\\/\b\f\n\r\t\u00e9\U0001f600"},
            "a": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
            "b": {"dtype": "F16", "shape": [4], "data_offsets": [24, 32]},
            "c": {"dtype": "BF16", "shape": [], "data_offsets": [32, 34]},
            "d": {"dtype": "I32", "shape": [0, 7], "data_offsets": [34, 34]},
            "\u00fc\ud83d\ude00": {"dtype": "I64", "shape": [1, 1, 1, 1, 1, 1, 1, 2],
                                     "data_offsets": [40, 56]},
        },
        "header-empty": {},
    }
    for name, header in headers.items():
        (corpus / name).write_bytes(json.dumps(header).encode())
    (corpus / "header-escapes").write_bytes(
        b'{"\\u0041\\n": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]} }')


def main():
    DATA.mkdir(exist_ok=True)
    torch.manual_seed(0)
    dtypes()
    net()
    fashion()
    idx_files()
    bad_safetensors()
    fuzz_corpus()
    print(f"wrote {len(list(DATA.iterdir()))} files to {DATA}")


if __name__ == "__main__":
    main()
