#!/usr/bin/env python3
"""Training-step (and KAN inference) benchmarks: hnn against PyTorch.

One optimizer update (forward, loss, backward, optimizer) of the example
models on a batch of Fashion-MNIST-shaped data, timed by `hnn-run train-step
--time` (hnnc --train) and, for PyTorch, by the same model and optimizer in
eager mode (each case in a fresh process), on 1 and 2 threads. Prints and
writes bench/results/train.{json,md}: milliseconds per step, the speed-up
(PyTorch time / hnn time), samples/s, and GFLOP/s as % of bench/peak.c's FMA
peak (a training step counts 3x the forward FLOPs the manifest states).

PyTorch is optional (make bench installs it in a bench-only virtualenv).
"""
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import run as common  # noqa: E402  (peak measurement, paths, CPU name)

MODELS = [
    # name, model file, batch
    ("MLP 784-256-128-10, AdamW", "examples/models/mlp_fashion_mnist.yaml", 64),
    ("MLP 784-256-128-10, AdamW", "examples/models/mlp_fashion_mnist.yaml", 256),
    ("CNN conv-bn-relu-pool x2 + MLP, SGD Nesterov", "examples/models/cnn_fashion_mnist.yaml", 64),
    ("KAN [784, 64, 10] B-spline G=5 k=3, AdamW", "examples/models/kan_fashion_mnist.yaml", 64),
    ("KAN [784, 64, 10] B-spline G=5 k=3, AdamW", "examples/models/kan_fashion_mnist.yaml", 256),
]


def hnn_step(so, batch, threads, steps, tmp):
    import numpy as np
    rng = np.random.default_rng(0)
    x = tmp / f"x{batch}.npy"
    y = tmp / f"y{batch}.npy"
    np.save(x, rng.random((batch, 1, 28, 28), dtype=np.float32))
    np.save(y, rng.integers(0, 10, batch).astype(np.int64))
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = common.sh([str(common.BIN / "hnn-run"), "train-step", str(so), "--input", f"image={x}",
                     "--input", f"label={y}", "--steps", str(steps), "--time"], env=env)
    ms = float(re.search(r"min ([0-9.]+) ms", out).group(1))
    peak = re.search(r"peak memory ([0-9.]+) MiB", out)
    return ms, (float(peak.group(1)) if peak else None)


def torch_kan():
    """[784, 64, 10] KAN layers of the repository's plain-PyTorch reference
    (test/kan/reference.py: bases materialized, as efficient-kan does)."""
    import torch
    import torch.nn as nn
    sys.path.insert(0, str(common.ROOT / "test" / "kan"))
    import reference

    class Layer(nn.Module):
        def __init__(self, n_in, n_out):
            super().__init__()
            g = torch.Generator().manual_seed(n_in)
            p = reference.init_params(g, n_in, n_out, "bspline", 8, spline_std=0.01)
            self.params = nn.ParameterDict({k: nn.Parameter(v) for k, v in p.items()})
            self.register_buffer("grid", reference.uniform_grid(n_in, 5, 3, dtype=torch.float32))

        def forward(self, x):
            return reference.kan_linear(x, dict(self.params, grid=self.grid), "bspline",
                                        grid_size=5, spline_order=3)

    return nn.Sequential(nn.Flatten(), Layer(784, 64), Layer(64, 10))


def torch_convkan():
    """The ConvKAN example in the reference: two 3x3 KAN convolutions (8 and
    16 channels, padding 1) with 2x2 max pooling, and a linear head."""
    import torch
    import torch.nn as nn
    sys.path.insert(0, str(common.ROOT / "test" / "kan"))
    import reference

    class Conv(nn.Module):
        def __init__(self, cin, cout):
            super().__init__()
            n_in = cin * 9
            g = torch.Generator().manual_seed(n_in)
            p = reference.init_params(g, n_in, cout, "bspline", 8, spline_std=0.01)
            self.params = nn.ParameterDict({k: nn.Parameter(v) for k, v in p.items()})
            self.register_buffer("grid", reference.uniform_grid(n_in, 5, 3, dtype=torch.float32))

        def forward(self, x):
            return reference.kan_conv2d(x, dict(self.params, grid=self.grid), 3, padding=1,
                                        grid_size=5, spline_order=3)

    return nn.Sequential(Conv(1, 8), nn.MaxPool2d(2), Conv(8, 16), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(784, 10))


def torch_model(path):
    import torch.nn as nn
    if "convkan" in path:
        return torch_convkan()
    if "kan" in path:
        return torch_kan()
    if "cnn" in path:
        def stage(cin, cout):
            return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
                    nn.ReLU(), nn.MaxPool2d(2)]
        model = nn.Sequential(*stage(1, 32), *stage(32, 64), nn.Flatten(),
                              nn.Linear(3136, 128), nn.ReLU(), nn.Linear(128, 10))
    else:
        model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128),
                              nn.ReLU(), nn.Linear(128, 10))
    return model


def torch_step_here(path, batch, threads, steps):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torch_model(path)
    model.train()
    if "cnn" in path:
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True,
                              weight_decay=5e-4)
        smoothing = 0.0
    elif "kan" in path:
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
        smoothing = 0.0
    else:
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
        smoothing = 0.1
    x = torch.rand(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y, label_smoothing=smoothing)
        loss.backward()
        opt.step()
        return loss

    import resource
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB
    for _ in range(5):
        step()
    # The step's memory as the growth of the peak resident set during the
    # first steps, less the optimizer state those steps created (hnn's figure
    # excludes the optimizer state too): activations, gradients, temporaries.
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    state = sum(t.numel() * t.element_size() for st in opt.state.values()
                for t in st.values() if torch.is_tensor(t))
    peak_mib = max(0.0, (grown - state) / 2**20)
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    return min(times), peak_mib


def torch_forward_here(path, batch, threads, steps):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = torch_model(path).eval()
    x = torch.rand(batch, 1, 28, 28)
    with torch.no_grad():
        for _ in range(5):
            model(x)
        times = []
        for _ in range(steps):
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1e3)
    return min(times)


def torch_step(path, batch, threads, steps, forward=False):
    try:
        import torch  # noqa: F401
    except ImportError:
        return None
    out = subprocess.run([sys.executable, __file__, "--forward" if forward else "--peer", path,
                          str(batch), str(threads), str(steps)],
                         check=True, capture_output=True, text=True).stdout
    values = [float(v) for v in out.split()]
    return values[0] if forward else (values[0], values[1])


def main():
    steps = int(os.environ.get("HNN_BENCH_STEPS", "30"))
    try:
        import torch
        peer = f"PyTorch {torch.__version__} (eager, torch.optim)"
    except ImportError:
        peer = None
        print("bench: PyTorch not found in this Python; peer columns skipped")
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        peak = common.measure_peak(tmp)
        print(f"fp32 FMA peak, one core: {peak:.1f} GFLOP/s (bench/peak.c)")
        compiled = {}
        for name, path, batch in MODELS:
            if path not in compiled:
                so = tmp / (pathlib.Path(path).stem + ".so")
                common.sh([str(common.BIN / "hnnc"), str(common.ROOT / path), "--train", "-o",
                           str(so)])
                # FLOPs from the model as written (a training build's forward
                # is expanded, where per-call weight preparation would count
                # once per sample).
                plain = tmp / (pathlib.Path(path).stem + ".forward.so")
                common.sh([str(common.BIN / "hnnc"), str(common.ROOT / path), "-o", str(plain)])
                info = common.sh([str(common.BIN / "hnn-run"), "info", str(plain)])
                flops = int(re.search(r"entry forward.*?FLOPs per sample: ([0-9]+)", info,
                                      re.S).group(1))
                compiled[path] = (so, flops)
            so, flops = compiled[path]
            step_flops = 3 * flops * batch
            row = {"bench": f"{name}, batch {batch}", "batch": batch, "flops": step_flops}
            for threads in (1, 2):
                h, mem = hnn_step(so, batch, threads, steps, tmp)
                p = torch_step(path, batch, threads, steps)
                p, torch_mem = (None, None) if p is None else p
                row[f"hnn_ms_{threads}t"] = round(h, 3)
                row[f"torch_ms_{threads}t"] = None if p is None else round(p, 3)
                row[f"speedup_vs_torch_{threads}t"] = None if p is None else round(p / h, 2)
                row[f"hnn_samples_per_s_{threads}t"] = round(batch / h * 1e3)
                if threads == 1:
                    row["hnn_peak_mib"] = mem
                    row["torch_peak_mib"] = None if torch_mem is None else round(torch_mem, 2)
            row["hnn_gflops_1t"] = round(step_flops / row["hnn_ms_1t"] / 1e6, 1)
            row["pct_peak_1t"] = round(100 * row["hnn_gflops_1t"] / peak, 1)
            rows.append(row)
            print(json.dumps(row))
        # Inference: the forward passes of the KAN (batch 256) and of the
        # ConvKAN example (batch 64).
        convkan = "examples/models/convkan_fashion_mnist.yaml"
        so = tmp / "convkan.so"
        common.sh([str(common.BIN / "hnnc"), str(common.ROOT / convkan), "-o", str(so)])
        info = common.sh([str(common.BIN / "hnn-run"), "info", str(so)])
        compiled[convkan] = (so, int(re.search(r"entry forward.*?FLOPs per sample: ([0-9]+)",
                                               info, re.S).group(1)))
        for name, path, batch in [("KAN [784, 64, 10] forward (inference)",
                                   "examples/models/kan_fashion_mnist.yaml", 256),
                                  ("ConvKAN 3x3 8 and 16 channels + pools + linear, forward",
                                   convkan, 64)]:
            so, flops = compiled[path]
            row = {"bench": f"{name}, batch {batch}", "batch": batch, "flops": flops * batch}
            for threads in (1, 2):
                env = dict(os.environ, OMP_NUM_THREADS=str(threads))
                out = common.sh([str(common.BIN / "hnn-run"), "bench", str(so), "--entry",
                                 "forward", "--batch", str(batch), "--iterations", str(steps)],
                                env=env)
                h = float(re.search(r"min ([0-9.]+) ms", out).group(1))
                p = torch_step(path, batch, threads, steps, True)
                row[f"hnn_ms_{threads}t"] = round(h, 3)
                row[f"torch_ms_{threads}t"] = None if p is None else round(p, 3)
                row[f"speedup_vs_torch_{threads}t"] = None if p is None else round(p / h, 2)
                row[f"hnn_samples_per_s_{threads}t"] = round(batch / h * 1e3)
            row["hnn_peak_mib"] = row["torch_peak_mib"] = None
            row["hnn_gflops_1t"] = round(flops * batch / row["hnn_ms_1t"] / 1e6, 1)
            row["pct_peak_1t"] = round(100 * row["hnn_gflops_1t"] / peak, 1)
            rows.append(row)
            print(json.dumps(row))

    info = {"cpu": common.cpu_name(), "cores": os.cpu_count(), "peak_gflops_1core": round(peak, 1),
            "peer": peer, "date": time.strftime("%Y-%m-%d"), "results": rows}
    common.RESULTS.mkdir(parents=True, exist_ok=True)
    (common.RESULTS / "train.json").write_text(json.dumps(info, indent=2) + "\n")
    fmt = lambda v: "–" if v is None else str(v)
    md = [f"# Training-step benchmarks ({info['cpu']}, {info['cores']} cores, {info['date']})", "",
          f"One optimizer update per step. fp32 FMA peak on one core: "
          f"{info['peak_gflops_1core']} GFLOP/s. Peer: {peer or 'none'}. Step peak memory: "
          "hnn's allocator high-water mark during one step; PyTorch's growth of the peak "
          "resident set over its first steps less its optimizer state (parameters and optimizer "
          "state are excluded from both).", "",
          "| model | hnn 1T ms | PyTorch 1T ms | speed-up 1T | hnn 2T ms | PyTorch 2T ms "
          "| speed-up 2T | samples/s 2T | GFLOP/s 1T | % peak | step peak MiB hnn / PyTorch |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        md.append(f"| {r['bench']} | {r['hnn_ms_1t']} | {fmt(r['torch_ms_1t'])} "
                  f"| {fmt(r['speedup_vs_torch_1t'])}× | {r['hnn_ms_2t']} "
                  f"| {fmt(r['torch_ms_2t'])} | {fmt(r['speedup_vs_torch_2t'])}× "
                  f"| {r['hnn_samples_per_s_2t']} | {r['hnn_gflops_1t']} | {r['pct_peak_1t']} "
                  f"| {fmt(r['hnn_peak_mib'])} / {fmt(r['torch_peak_mib'])} |")
    (common.RESULTS / "train.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--peer":
        print(*torch_step_here(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])))
    elif len(sys.argv) == 6 and sys.argv[1] == "--forward":
        print(torch_forward_here(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])))
    else:
        main()
