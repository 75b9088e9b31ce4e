#!/usr/bin/env python3
"""Writes the PyTorch references of the training tests (test/train/*.test).

Each case is a model file (examples/models/ or test/train/models/), rebuilt
here in plain PyTorch from what the YAML means (never from hnn's output), with
initial weights from a fixed torch seed, one batch of 8 samples, and K = 3
optimizer updates on that same batch (train() mode, torch.optim with
foreach=False). The learning rate of update s is set by hand before each step
with the formula of the runtime's schedules (lr_at below), not with a torch
scheduler object.

    python3 test/train/make_goldens.py [CASE ...]

(a Python with torch, numpy and safetensors; bench/setup-venv.sh makes one)
writes, per case, test/train/data/:
  - <case>.init.safetensors: the parameters before training, under hnn's
    parameter names (BatchNorm: weight, bias, running_mean, running_var),
    float32;
  - <case>.x.npy, <case>.y.npy: the batch (the first 8 training images and
    labels of /usr/share/datasets/fashion-mnist for the Fashion-MNIST models,
    u8 / 255 as float32 [8, 1, 28, 28] and int64 [8]; seeded normal samples
    otherwise);
  - <case>.expected.safetensors: the parameters after the 3 updates, the
    optimizer state from torch.optim (<param>.exp_avg and <param>.exp_avg_sq
    for Adam/AdamW, <param>.momentum_buffer for SGD with momentum) and
    hnn.losses, float32 [3]: the loss of each step, before its update.
The training runs in float64 on exactly the stored float32 values (the result
is rounded to float32 once, at the end); a float32 run of the same steps is
checked against it to the tests' tolerance (1e-4), so a float32 implementation
can meet it. Everything is seeded and single-threaded: running the script again
rewrites identical files. It also prints the CHECK lines of the losses.
"""
import gzip
import math
import pathlib
import sys
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import save_file

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
FASHION = pathlib.Path("/usr/share/datasets/fashion-mnist")
STEPS = 3
# Optimizer state is stored only for parameters with at most this many elements.
SLOT_LIMIT = 65536
BATCH = 8
RTOL = ATOL = 1e-4


# --- Learning-rate schedules (the runtime's formula) -------------------------

def cosanneal(a, b, p):
    return b + (a - b) / 2 * (1 + math.cos(math.pi * p))


def lr_at(s, opt):
    """The learning rate of update s (0-based) for an optimizer: section."""
    base = opt["lr"]
    sched = opt.get("schedule", {"type": "constant"})
    warmup = sched.get("warmup_steps", 0)

    def f(u):
        kind = sched["type"]
        if kind == "constant":
            return base
        if kind == "step":
            return base * sched.get("gamma", 0.1) ** (u // sched["step_size"])
        if kind == "cosine":
            min_lr = sched.get("min_lr", 0.0)
            t = max(1, sched["total_steps"] - warmup)
            return min_lr + (base - min_lr) * (1 + math.cos(math.pi * min(u, t) / t)) / 2
        if kind == "one_cycle":
            total = max(2, sched["total_steps"] - warmup)
            max_lr = sched["max_lr"]
            initial = max_lr / 25
            final = initial / 1e4
            end1 = sched.get("pct_start", 0.3) * total - 1
            end2 = total - 1
            u = min(u, end2)
            if u <= end1:
                pct = u / end1 if end1 > 0 else 0.0
                return cosanneal(initial, max_lr, pct)
            return cosanneal(max_lr, final, (u - end1) / (end2 - end1))
        raise ValueError(kind)

    if s < warmup:
        return f(0) * (s + 1) / warmup
    return f(s - warmup)


# --- Models, as the YAML files describe them ---------------------------------

class MLPFashion(nn.Module):
    """examples/models/mlp_fashion_mnist.yaml"""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 128)
        self.head = nn.Linear(128, 10)

    def forward(self, image):
        h = torch.flatten(image, 1)
        h = F.relu(self.fc1(h))
        h = F.relu(self.fc2(h))
        return self.head(h)


class Stage(nn.Module):
    """The block `stage` of cnn_fashion_mnist.yaml: conv-bn-relu-pool."""

    def __init__(self, cin, width):
        super().__init__()
        self.conv = nn.Conv2d(cin, width, 3, padding=1, bias=False)
        nn.init.kaiming_normal_(self.conv.weight, mode="fan_out")
        self.bn = nn.BatchNorm2d(width)

    def forward(self, x):
        return F.max_pool2d(F.relu(self.bn(self.conv(x))), 2)


class CNNFashion(nn.Module):
    """examples/models/cnn_fashion_mnist.yaml (NCHW; flatten of [N, 64, 7, 7])"""

    def __init__(self):
        super().__init__()
        self.stage1 = Stage(1, 32)
        self.stage2 = Stage(32, 64)
        self.fc = nn.Linear(64 * 7 * 7, 128)
        self.head = nn.Linear(128, 10)

    def forward(self, image):
        h = self.stage2(self.stage1(image))
        h = torch.flatten(h, 1)
        return self.head(F.relu(self.fc(h)))


class MLPAdamClip(nn.Module):
    """test/train/models/mlp_adam_clip.yaml"""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 32)
        self.head = nn.Linear(32, 10)

    def forward(self, image):
        return self.head(torch.tanh(self.fc1(torch.flatten(image, 1))))


class MLPSgdMse(nn.Module):
    """test/train/models/mlp_sgd_mse.yaml"""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(6, 16)
        self.out = nn.Linear(16, 3)

    def forward(self, x):
        return self.out(F.silu(self.fc1(x)))


# --- Data ---------------------------------------------------------------------

def read_idx(path, magic):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    assert int.from_bytes(raw[:4], "big") == magic, path
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion_batch(_gen):
    images = read_idx(FASHION / "train-images-idx3-ubyte.gz", 0x803)[:BATCH]
    labels = read_idx(FASHION / "train-labels-idx1-ubyte.gz", 0x801)[:BATCH]
    x = torch.from_numpy((images.astype(np.float32) / 255).reshape(BATCH, 1, 28, 28))
    return x, torch.from_numpy(labels.astype(np.int64))


def regression_batch(gen):
    x = torch.randn(BATCH, 6, generator=gen, dtype=torch.float32)
    y = torch.randn(BATCH, 3, generator=gen, dtype=torch.float32)
    return x, y


# --- Cases (the loss: and optimizer: sections of the model files) -------------

CASES = {
    "mlp_adamw": dict(
        model=MLPFashion, data=fashion_batch,
        loss=dict(type="cross_entropy", label_smoothing=0.1),
        optimizer=dict(type="adamw", lr=0.001, weight_decay=0.01,
                       schedule=dict(type="cosine", total_steps=10000, warmup_steps=500))),
    "cnn_sgd": dict(
        # Two updates: the third, at this learning rate on one repeated batch,
        # diverges and would amplify round-off at max-pool near-ties.
        model=CNNFashion, data=fashion_batch, steps=2,
        loss=dict(type="cross_entropy"),
        optimizer=dict(type="sgd", lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.0005,
                       schedule=dict(type="step", step_size=2000, gamma=0.5))),
    "mlp_adam_clip": dict(
        model=MLPAdamClip, data=fashion_batch,
        loss=dict(type="cross_entropy"),
        optimizer=dict(type="adam", lr=0.01, betas=(0.8, 0.99), eps=1e-7, weight_decay=0.001,
                       clip_grad_norm=0.5,
                       schedule=dict(type="one_cycle", total_steps=10, max_lr=0.05, pct_start=0.3))),
    "mlp_sgd_mse": dict(
        model=MLPSgdMse, data=regression_batch,
        loss=dict(type="mse"),
        optimizer=dict(type="sgd", lr=0.1, momentum=0.5,
                       schedule=dict(type="step", step_size=2, gamma=0.5, warmup_steps=1))),
}


def make_optimizer(params, opt):
    kind = opt["type"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=opt["lr"], momentum=opt.get("momentum", 0.0),
                               nesterov=opt.get("nesterov", False),
                               weight_decay=opt.get("weight_decay", 0.0), foreach=False)
    cls = {"adam": torch.optim.Adam, "adamw": torch.optim.AdamW}[kind]
    wd = opt.get("weight_decay", 0.01 if kind == "adamw" else 0.0)
    return cls(params, lr=opt["lr"], betas=opt.get("betas", (0.9, 0.999)),
               eps=opt.get("eps", 1e-8), weight_decay=wd, foreach=False)


def loss_fn(out, target, loss):
    if loss["type"] == "cross_entropy":
        return F.cross_entropy(out, target, label_smoothing=loss.get("label_smoothing", 0.0))
    if loss["type"] == "mse":
        return F.mse_loss(out, target)
    raise ValueError(loss["type"])


def parameters_of(model):
    """hnn's parameters: the state_dict without BatchNorm's num_batches_tracked."""
    return {k: v for k, v in model.state_dict().items()
            if not k.endswith("num_batches_tracked")}


def train(case, init, x, y, dtype):
    """K steps from `init` in `dtype`; returns {name: tensor} and the losses."""
    model = case["model"]().to(dtype)
    missing, unexpected = model.load_state_dict(init, strict=False)
    assert not unexpected and all(k.endswith("num_batches_tracked") for k in missing)
    model.train()
    x = x.to(dtype)
    if y.dtype.is_floating_point:
        y = y.to(dtype)
    opt = case["optimizer"]
    optimizer = make_optimizer(model.parameters(), opt)
    losses = []
    for s in range(case.get("steps", STEPS)):
        for group in optimizer.param_groups:
            group["lr"] = lr_at(s, opt)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y, case["loss"])
        losses.append(loss.item())
        loss.backward()
        if "clip_grad_norm" in opt:
            nn.utils.clip_grad_norm_(model.parameters(), opt["clip_grad_norm"], foreach=False)
        optimizer.step()
    result = dict(parameters_of(model))
    for name, p in model.named_parameters():
        for key in ("exp_avg", "exp_avg_sq", "momentum_buffer"):
            # The slots of the largest weights are left out to keep the files
            # small: they are fully reflected in those weights' values.
            if key in optimizer.state[p] and p.numel() <= SLOT_LIMIT:
                result[f"{name}.{key}"] = optimizer.state[p][key]
    result["hnn.losses"] = torch.tensor(losses, dtype=torch.float64)
    return result


def f32(tensors):
    return {k: v.detach().to(torch.float32).contiguous() for k, v in tensors.items()}


def check_line(step, loss):
    """A FileCheck line accepting the loss printed with %.6f, give or take 5e-5."""
    prefixes = sorted({f"{loss + d:.6f}"[:-2] for d in (-5e-5, 0.0, 5e-5)})
    if len(prefixes) == 1:
        value = prefixes[0] + "{{[0-9]+}}"
    else:
        value = "{{(" + "|".join(p.replace(".", "\\.") for p in prefixes) + ")[0-9]+}}"
    return f"// CHECK: step {step}: loss {value}"


def write(name):
    case = CASES[name]
    seed = zlib.crc32(name.encode())
    torch.manual_seed(seed)
    init = f32(parameters_of(case["model"]()))
    x, y = case["data"](torch.Generator().manual_seed(seed))

    save_file(init, str(DATA / f"{name}.init.safetensors"))
    np.save(DATA / f"{name}.x.npy", x.numpy())
    np.save(DATA / f"{name}.y.npy", y.numpy())

    expected = f32(train(case, init, x, y, torch.float64))
    save_file(expected, str(DATA / f"{name}.expected.safetensors"))

    # The same steps in float32 must meet the tests' tolerance.
    single = f32(train(case, init, x, y, torch.float32))
    # |a - b| <= atol + rtol |b| everywhere, with the margin it leaves.
    worst = max(((single[k] - v).abs() / (ATOL + RTOL * v.abs())).max().item()
                for k, v in expected.items())
    if worst > 1:
        sys.exit(f"{name}: a float32 run misses the reference ({worst:.3g} times "
                 f"the tolerance); choose other data or steps")

    losses = " ".join(f"{l:.6f}" for l in expected["hnn.losses"].tolist())
    lrs = " ".join(f"{lr_at(s, case['optimizer']):.6g}" for s in range(STEPS))
    count = sum(v.numel() for v in init.values())
    print(f"{name}: {len(init)} parameters ({count} values); lr {lrs}; losses {losses}; "
          f"float32 run at {worst:.2g} of the tolerance")
    for s, l in enumerate(expected["hnn.losses"].tolist()):
        print("  " + check_line(s + 1, l))


def main(argv):
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    DATA.mkdir(exist_ok=True)
    for name in argv or CASES:
        write(name)


if __name__ == "__main__":
    main(sys.argv[1:])
