#!/usr/bin/env python3
"""hnn CPU benchmarks against PyTorch, on this machine, in one run.

For each benchmark: hnn's compiled model (hnn-run bench) and the same
computation in PyTorch, on 1 and 2 threads. Prints a table of times, the
hnn/PyTorch speed ratio, GFLOP/s and % of the fp32 FMA peak measured by
bench/peak.c on one core, the 2-thread scaling, and hnnc's compile time.
Writes bench/results/cpu.json and bench/results/cpu.md.

PyTorch is optional: run with a Python that has torch (make bench sets up a
bench-only virtualenv); without it the peer columns say so.
"""
import json
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = pathlib.Path(os.environ.get("HNN_BUILD", ROOT / "build"))
BIN = BUILD / "bin"
RESULTS = ROOT / "bench" / "results"

BENCHES = [
    # name, model file, entry, FLOPs, torch builder
    ("matmul 1024x1024x1024", "matmul_1024.mlir", "matmul", 2 * 1024**3, "matmul"),
    ("linear 1024x1024x1024 (x·Wᵀ+b)", "linear_1024.mlir", "linear", 2 * 1024**3, "linear"),
    ("conv2d 3x3 N16 64->64 56x56", "conv3x3.mlir", "conv", 2 * 16 * 64 * 56 * 56 * 64 * 9, "conv"),
    ("conv+bn+relu (same conv)", "conv_bn_relu.mlir", "conv_bn_relu",
     2 * 16 * 64 * 56 * 56 * 64 * 9, "conv_bn_relu"),
]


def sh(cmd, env=None, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, **kw).stdout


def measure_peak(tmp):
    exe = tmp / "peak"
    # clang keeps all accumulator chains in registers (gcc -O2 spills some).
    cc = next((c for c in ("clang-22", "clang", "cc") if shutil.which(c)), "cc")
    sh([cc, "-O2", "-march=native", str(ROOT / "bench" / "peak.c"), "-o", str(exe)])
    return max(float(sh([str(exe)]).strip()) for _ in range(3))


def hnn_time(so, entry, threads, iters):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    out = sh([str(BIN / "hnn-run"), "bench", str(so), "--entry", entry, "--iterations",
              str(iters), "--warmup", "3"], env=env)
    return float(re.search(r"min ([0-9.]+) ms", out).group(1))


def torch_time(kind, threads, iters):
    """Best of `iters` calls in ms, or None when torch is absent. Each case
    runs in a fresh process: in one long-lived process PyTorch's timing of
    the same convolution moved between 17 and 31 ms depending on what ran
    before it."""
    try:
        import torch  # noqa: F401
    except ImportError:
        return None
    out = subprocess.run([sys.executable, __file__, "--peer", kind, str(threads), str(iters)],
                         check=True, capture_output=True, text=True).stdout
    return float(out.strip())


def torch_time_here(kind, threads, iters):
    """torch_time's measurement, in this process."""
    try:
        import torch
        import torch.nn.functional as F
    except ImportError:
        return None
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    if kind == "matmul":
        a, b = torch.randn(1024, 1024, generator=g), torch.randn(1024, 1024, generator=g)
        fn = lambda: torch.mm(a, b)
    elif kind == "linear":
        x, w, b = (torch.randn(1024, 1024, generator=g), torch.randn(1024, 1024, generator=g),
                   torch.randn(1024, generator=g))
        fn = lambda: F.linear(x, w, b)
    else:
        x = torch.randn(16, 64, 56, 56, generator=g)
        w = torch.randn(64, 64, 3, 3, generator=g)
        if kind == "conv":
            fn = lambda: F.conv2d(x, w, padding=1)
        else:
            gm, bt, m, v = (torch.randn(64, generator=g), torch.randn(64, generator=g),
                            torch.randn(64, generator=g), torch.rand(64, generator=g) + 0.5)
            fn = lambda: F.relu(F.batch_norm(F.conv2d(x, w, padding=1), m, v, gm, bt,
                                             training=False))
    with torch.no_grad():
        # oneDNN picks and caches its kernels over the first calls.
        for _ in range(10):
            fn()
        times = []
        for _ in range(iters):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1e3)
    return min(times)


def main():
    iters = int(os.environ.get("HNN_BENCH_ITERS", "10"))
    RESULTS.mkdir(parents=True, exist_ok=True)
    try:
        import torch
        peer = f"PyTorch {torch.__version__}"
    except ImportError:
        peer = None
        print("bench: PyTorch not found in this Python; peer columns skipped "
              "(make bench installs it in a bench-only virtualenv)")
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = pathlib.Path(tmpdir)
        peak = measure_peak(tmp)
        print(f"fp32 FMA peak, one core: {peak:.1f} GFLOP/s (bench/peak.c)")
        for name, model, entry, flops, kind in BENCHES:
            so = tmp / (entry + ".so")
            t0 = time.perf_counter()
            sh([str(BIN / "hnnc"), str(ROOT / "bench" / "models" / model), "-o", str(so)])
            compile_s = time.perf_counter() - t0
            row = {"bench": name, "flops": flops, "compile_s": round(compile_s, 2)}
            for threads in (1, 2):
                h = hnn_time(so, entry, threads, iters)
                p = torch_time(kind, threads, iters)
                row[f"hnn_ms_{threads}t"] = round(h, 3)
                row[f"hnn_gflops_{threads}t"] = round(flops / h / 1e6, 1)
                row[f"torch_ms_{threads}t"] = None if p is None else round(p, 3)
                row[f"speedup_vs_torch_{threads}t"] = None if p is None else round(p / h, 2)
            row["pct_peak_1t"] = round(100 * row["hnn_gflops_1t"] / peak, 1)
            row["scaling_2t"] = round(row["hnn_ms_1t"] / row["hnn_ms_2t"], 2)
            rows.append(row)
            print(json.dumps(row))

    info = {"machine": platform.processor() or platform.machine(), "cpu": cpu_name(),
            "cores": os.cpu_count(), "peak_gflops_1core": round(peak, 1), "peer": peer,
            "date": time.strftime("%Y-%m-%d"), "results": rows}
    (RESULTS / "cpu.json").write_text(json.dumps(info, indent=2) + "\n")
    md = [f"# CPU benchmarks ({info['cpu']}, {info['cores']} cores, {info['date']})", "",
          f"fp32 FMA peak on one core: {info['peak_gflops_1core']} GFLOP/s. Peer: {peer or 'none'}.",
          "",
          "| benchmark | hnn 1T ms | GFLOP/s | % peak | PyTorch 1T ms | hnn speed-up 1T "
          "| hnn 2T ms | PyTorch 2T ms | speed-up 2T | 2T scaling | compile s |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    fmt = lambda v: "–" if v is None else str(v)
    for r in rows:
        md.append(f"| {r['bench']} | {r['hnn_ms_1t']} | {r['hnn_gflops_1t']} | {r['pct_peak_1t']} "
                  f"| {fmt(r['torch_ms_1t'])} | {fmt(r['speedup_vs_torch_1t'])}× "
                  f"| {r['hnn_ms_2t']} | {fmt(r['torch_ms_2t'])} | {fmt(r['speedup_vs_torch_2t'])}× "
                  f"| {r['scaling_2t']}× | {r['compile_s']} |")
    (RESULTS / "cpu.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))


def cpu_name():
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--peer":
        print(torch_time_here(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    else:
        main()
