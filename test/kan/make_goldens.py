#!/usr/bin/env python3
"""Writes the reference data of the KAN layers from test/kan/reference.py.

    python3 test/kan/make_goldens.py

(a Python with torch, numpy and safetensors; bench/setup-venv.sh makes one)
writes test/kan/data/:
  - bspline_g5k3.x.npy, bspline_g5k3.bases.npy: the B-spline test vectors of
    the specification (G = 5, k = 3, range [-1, 1]; 5 points x 8 bases), from
    reference.bspline_bases, written only after the script has checked them
    (and the derivatives at x = 0.1) against the published table to 1e-6;
  - <case>.safetensors for each case of CASES (float32): the input x, the
    parameters (base_weight, spline_weight, spline_scaler, grid, where the
    layer has them), the output y, a seeded upstream gradient dy and the
    gradients d_x, d_base_weight, d_spline_weight, d_spline_scaler; the grid
    cases store the refit instead (see README.md). The safetensors metadata
    key "attrs" holds the layer's attributes as JSON.

Inputs and parameters are drawn from a torch generator seeded by the case
name and stored as float32; the layer is then evaluated (forward and autograd
backward) in float64 on exactly those float32 values, and the results are
rounded to float32 once. A float32 evaluation of the same layer is checked
against that to 1e-4, so a float32 implementation can meet the tolerance.
Single-threaded and seeded: running the script again rewrites identical files.
It prints one summary line per case.
"""
import json
import pathlib
import sys
import zlib

import numpy as np
import torch
from safetensors.torch import save_file

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))
import reference as ref  # noqa: E402

F32_TOL = 1e-4

# Specification, Appendix B: G = 5, k = 3, range [-1, 1].
APPENDIX_B_X = [-1.0, 0.1, 0.99, 1.0, -1.3]
APPENDIX_B_BASES = [
    [0.166667, 0.666667, 0.166667, 0, 0, 0, 0, 0],
    [0, 0, 0.002604, 0.315104, 0.611979, 0.070312, 0, 0],
    [0, 0, 0, 0, 0.000003, 0.179471, 0.666049, 0.154477],
    [0, 0, 0, 0, 0, 0.166667, 0.666667, 0.166667],
    [0.611979, 0.315104, 0.002604, 0, 0, 0, 0, 0],
]
APPENDIX_B_SUMS = [1, 1, 1, 1, 0.929687]
APPENDIX_B_DERIV_AT_0_1 = [0, 0, -0.078125, -1.640625, 1.015625, 0.703125, 0, 0]


def rng(name):
    return torch.Generator().manual_seed(zlib.crc32(name.encode()))


def f64(d):
    return {k: v.to(torch.float64) for k, v in d.items()}


def f32(d):
    return {k: v.to(torch.float32).contiguous() for k, v in d.items()}


# --- Appendix B ----------------------------------------------------------------

def check_appendix_b():
    grid = ref.uniform_grid(1, 5, 3, -1.0, 1.0).to(torch.float32)
    x = torch.tensor(APPENDIX_B_X, dtype=torch.float32)
    B = ref.bspline_bases(x.to(torch.float64).unsqueeze(1), grid.to(torch.float64), 3)[:, 0, :]
    want = torch.tensor(APPENDIX_B_BASES, dtype=torch.float64)
    err = (B - want).abs().max().item()
    serr = (B.sum(1) - torch.tensor(APPENDIX_B_SUMS, dtype=torch.float64)).abs().max().item()

    x01 = torch.tensor([[0.1]], dtype=torch.float64)
    dB = torch.autograd.functional.jacobian(
        lambda u: ref.bspline_bases(u, grid.to(torch.float64), 3).reshape(-1), x01).reshape(-1)
    derr = (dB - torch.tensor(APPENDIX_B_DERIV_AT_0_1, dtype=torch.float64)).abs().max().item()
    if max(err, serr, derr) > 1e-6:
        raise SystemExit(f"bspline_bases disagrees with Appendix B: values {err:.2e}, "
                         f"sums {serr:.2e}, derivative {derr:.2e}")
    np.save(DATA / "bspline_g5k3.x.npy", x.numpy())
    np.save(DATA / "bspline_g5k3.bases.npy", B.to(torch.float32).numpy())
    print(f"appendix_b: bases max err {err:.1e}, sums {serr:.1e}, dB/dx(0.1) {derr:.1e}")


# --- Layer cases ----------------------------------------------------------------

class Case:
    """A kan_linear (conv=None) or kan_conv2d case.

    x_shape: the input's shape; x = x_scale * N(0, 1) + x_shift.
    attrs: the layer's attributes (reference.kan_linear keywords).
    seed: the generator name of x and the parameters (default: the case name);
    dy comes from the generator "<name>/dy".
    """

    def __init__(self, name, basis, x_shape, n_out, attrs, x_scale=1.2, x_shift=0.0,
                 conv=None, seed=None, spline_std=0.5, grid_jitter=0.0):
        self.name, self.basis, self.x_shape, self.n_out = name, basis, x_shape, n_out
        self.attrs, self.x_scale, self.x_shift = attrs, x_scale, x_shift
        self.conv, self.seed, self.spline_std = conv, seed or name, spline_std
        self.grid_jitter = grid_jitter

    @property
    def n_in(self):
        if self.conv is None:
            return self.x_shape[-1]
        k = self.conv["kernel_size"]
        return self.x_shape[1] * k * k

    def full_attrs(self):
        a = dict(ref.DEFAULTS[self.basis])
        a.update(self.attrs)
        return a

    def K(self):
        a = self.full_attrs()
        if self.basis == "bspline":
            return a["grid_size"] + a["spline_order"]
        if self.basis == "rbf":
            return a["num_centers"]
        return a["degree"] + 1

    def make(self):
        g = rng(self.seed)
        a = self.full_attrs()
        x = torch.randn(*self.x_shape, generator=g) * self.x_scale + self.x_shift
        params = ref.init_params(g, self.n_in, self.n_out, self.basis, self.K(),
                                 base=a["base_activation"] != "none",
                                 scaler=self.basis != "chebyshev",
                                 spline_std=self.spline_std)
        if self.basis == "bspline":
            lo, hi = a["grid_range"]
            grid = ref.uniform_grid(self.n_in, a["grid_size"], a["spline_order"], lo, hi)
            if self.grid_jitter:
                # Non-uniform rows (as after a grid update): every knot moved
                # by up to grid_jitter steps, rows kept increasing.
                h = (hi - lo) / a["grid_size"]
                u = torch.rand(grid.shape, generator=g, dtype=torch.float64)
                grid = (grid + (u - 0.5) * 2 * self.grid_jitter * h).sort(dim=1).values
            params["grid"] = grid.to(torch.float32)
        return x.to(torch.float32), f32(params)

    def layer_attrs(self):
        """The keywords for reference.kan_linear (grid_size only shapes the grid)."""
        return {k: v for k, v in self.attrs.items() if k != "grid_size"}

    def forward(self, x, params):
        if self.conv is None:
            return ref.kan_linear(x, params, self.basis, **self.layer_attrs())
        return ref.kan_conv2d(x, params, basis=self.basis, **self.conv, **self.layer_attrs())

    def evaluate(self, x, params, dy, dtype):
        x = x.to(dtype).requires_grad_(True)
        p = {k: v.to(dtype).requires_grad_(k != "grid") for k, v in params.items()}
        y = self.forward(x, p)
        y.backward(dy.to(dtype))
        grads = {"d_x": x.grad}
        grads.update({f"d_{k}": v.grad for k, v in p.items() if k != "grid"})
        return y.detach(), grads


def basis_derivative(case, x, params):
    """d basis / dx (N, n_in, K) from the closed-form derivatives, for the
    autograd cross-check."""
    a = case.full_attrs()
    if case.basis == "bspline":
        return ref.bspline_bases_derivative(x, params["grid"], a["spline_order"])
    if case.basis == "rbf":
        lo, hi = a["grid_range"]
        G = a["num_centers"]
        h = (hi - lo) / (G - 1)
        c = ref.rbf_centers(G, lo, hi, dtype=x.dtype)
        return -2 * (x.unsqueeze(-1) - c) / h ** 2 * ref.rbf_bases(x, G, lo, hi)
    u = torch.tanh(x)
    T, dT = [torch.ones_like(u), u], [torch.zeros_like(u), torch.ones_like(u)]
    for _ in range(2, a["degree"] + 1):
        T.append(2 * u * T[-1] - T[-2])
        dT.append(2 * T[-2] + 2 * u * dT[-1] - dT[-2])
    return torch.stack(dT[:a["degree"] + 1], -1) * (1 - u * u).unsqueeze(-1)


def analytic_dx(case, x, params, dy):
    """d_x of a kan_linear case by hand: dy @ (base' and basis' terms)."""
    act = case.full_attrs()["base_activation"]
    w = ref.scaled_spline_weight(params)                     # (n_out, n_in, K)
    dx = torch.einsum("bo,bic,oic->bi", dy, basis_derivative(case, x, params), w)
    if act != "none":
        s = torch.sigmoid(x)
        d_act = s * (1 + x * (1 - s)) if act == "silu" else torch.ones_like(x)
        dx = dx + d_act * (dy @ params["base_weight"])
    return dx


def patches(x, kernel_size, stride, padding, dilation):
    """(B * H_out * W_out, C * k * k) patch rows gathered by index, the
    cross-check of the unfold/transpose in reference.kan_conv2d."""
    Bn, C, H, W = x.shape
    k, s, p, d = kernel_size, stride, padding, dilation
    xp = torch.nn.functional.pad(x, (p, p, p, p))
    H_out = (H + 2 * p - d * (k - 1) - 1) // s + 1
    W_out = (W + 2 * p - d * (k - 1) - 1) // s + 1
    rows = []
    for b in range(Bn):
        for oh in range(H_out):
            for ow in range(W_out):
                rows.append(torch.stack([xp[b, c, oh * s + i * d, ow * s + j * d]
                                         for c in range(C) for i in range(k)
                                         for j in range(k)]))
    return torch.stack(rows), H_out, W_out


def cross_check(case, x, params, y, grads, dy):
    """Largest difference of y (conv: against gathered patches) or d_x (linear:
    against the closed-form derivatives) from the stored autograd results."""
    x64, p64, dy64 = x.to(torch.float64), f64(params), dy.to(torch.float64)
    if case.conv is None:
        return (analytic_dx(case, x64, p64, dy64) - grads["d_x"]).abs().max().item()
    rows, H_out, W_out = patches(x64, **case.conv)
    yl = ref.kan_linear(rows, p64, case.basis, **case.layer_attrs())
    yl = yl.reshape(x.shape[0], H_out, W_out, -1).permute(0, 3, 1, 2)
    return (yl - y).abs().max().item()


def run_case(case):
    x, params = case.make()
    with torch.no_grad():
        y_shape = case.forward(x.to(torch.float64), f64(params)).shape
    dy = torch.randn(*y_shape, generator=rng(case.name + "/dy")).to(torch.float32)

    y, grads = case.evaluate(x, params, dy, torch.float64)
    y32, grads32 = case.evaluate(x, params, dy, torch.float32)
    f32_err = 0.0
    for a, b in [(y, y32)] + [(grads[k], grads32[k]) for k in grads]:
        e = ((a - b.to(torch.float64)).abs() / (1 + a.abs())).max().item()
        f32_err = max(f32_err, e)
    if f32_err > F32_TOL:
        raise SystemExit(f"{case.name}: float32 evaluation differs by {f32_err:.2e}")

    xerr = cross_check(case, x, params, y, grads, dy)
    what = "patch gather" if case.conv else "closed-form d_x"
    if xerr > 1e-10:
        raise SystemExit(f"{case.name}: {what} differs by {xerr:.2e}")

    tensors = {"x": x, **params, "y": y, "dy": dy, **grads}
    meta = {"basis": case.basis, **case.full_attrs()}
    if case.conv is not None:
        meta.update(case.conv)
        meta["layer"] = "kan_conv2d"
    else:
        meta["layer"] = "kan_linear"
    path = write(case.name, tensors, meta)

    note = ""
    if case.basis == "bspline":
        a = case.full_attrs()
        lo, hi = a["grid_range"]
        h = (hi - lo) / a["grid_size"]
        ext = a["spline_order"] * h
        inside = ((x >= lo) & (x <= hi)).sum().item()
        on_ext = (((x >= lo - ext) & (x < lo)) | ((x > hi) & (x < hi + ext))).sum().item()
        outside = x.numel() - inside - on_ext
        if case.name == "bspline_g5k3" and (on_ext == 0 or outside == 0):
            raise SystemExit("bspline_g5k3: x must reach the extension and beyond")
        note = f"; x in range {inside}, on extension {on_ext}, beyond {outside}"
    print(f"{case.name}: x {tuple(x.shape)} -> y {tuple(y.shape)}, max|y| {y.abs().max():.3f}, "
          f"float32 vs float64 {f32_err:.1e}, {what} {xerr:.0e}{note}; {path.stat().st_size} bytes")


def write(name, tensors, meta):
    path = DATA / f"{name}.safetensors"
    out = {k: v.detach().to(torch.float32).contiguous() for k, v in tensors.items()}
    save_file(out, str(path), metadata={"attrs": json.dumps(meta, sort_keys=True)})
    return path


CONV_ATTRS = {"grid_size": 5, "spline_order": 3, "grid_range": (-1.0, 1.0),
              "base_activation": "silu"}

CASES = [
    Case("bspline_g5k3", "bspline", (16, 6), 5,
         {"grid_size": 5, "spline_order": 3, "grid_range": (-1.0, 1.0),
          "base_activation": "silu"}),
    Case("bspline_g3k2_identity", "bspline", (8, 4), 3,
         {"grid_size": 3, "spline_order": 2, "grid_range": (-2.0, 1.0),
          "base_activation": "identity"}, x_shift=-0.5),
    Case("bspline_nobase", "bspline", (8, 3), 2,
         {"grid_size": 5, "spline_order": 3, "grid_range": (-1.0, 1.0),
          "base_activation": "none"}, x_scale=0.8),
    # Sized for the fused kernels' blocks (32 rows, about 256 basis values
    # per feature chunk): full row blocks and leftover rows, full feature
    # chunks and a remainder, each closed-form order, and the recursion on
    # non-uniform knot rows.
    Case("bspline_tiles", "bspline", (70, 40), 37,
         {"grid_size": 5, "spline_order": 3, "grid_range": (-1.0, 1.0),
          "base_activation": "silu"}),
    Case("bspline_tiles_k2", "bspline", (40, 50), 11,
         {"grid_size": 4, "spline_order": 2, "grid_range": (-1.5, 1.0),
          "base_activation": "none"}),
    Case("bspline_tiles_k1", "bspline", (33, 40), 9,
         {"grid_size": 6, "spline_order": 1, "grid_range": (-1.0, 1.0),
          "base_activation": "silu"}),
    Case("bspline_uneven", "bspline", (70, 40), 13,
         {"grid_size": 5, "spline_order": 3, "grid_range": (-1.0, 1.0),
          "base_activation": "silu"}, grid_jitter=0.3),
    Case("rbf_tiles", "rbf", (70, 40), 13,
         {"num_centers": 8, "grid_range": (-2.0, 2.0), "base_activation": "silu"}),
    Case("cheby_tiles", "chebyshev", (40, 60), 11, {"degree": 4, "base_activation": "none"},
         spline_std=1 / (60 * 5)),
    Case("rbf_g8", "rbf", (16, 6), 5,
         {"num_centers": 8, "grid_range": (-2.0, 2.0), "base_activation": "silu"}),
    Case("cheby_d4", "chebyshev", (16, 6), 5, {"degree": 4, "base_activation": "none"},
         spline_std=1 / (6 * 5)),
    Case("convkan_3x3", "bspline", (2, 3, 6, 6), 4, CONV_ATTRS, x_scale=0.8,
         conv={"kernel_size": 3, "stride": 1, "padding": 1, "dilation": 1}),
    Case("convkan_3x3_s2", "bspline", (2, 3, 6, 6), 4, CONV_ATTRS, x_scale=0.8,
         conv={"kernel_size": 3, "stride": 2, "padding": 0, "dilation": 1},
         seed="convkan_3x3"),
]


# --- Grid update and grid extension ----------------------------------------------

def grid_case(name, x, params, new_grid, k, attrs, extra_meta):
    """Refits params onto new_grid (float64, from the float32 values), stores the
    refit and the layer's output before and after on x."""
    x64, p64 = x.to(torch.float64), f64(params)
    g64 = new_grid.to(torch.float64)
    new_w, _ = ref.lstsq_refit(x64, p64, g64, k)
    new_w = new_w.to(torch.float32)
    new_p = dict(p64, grid=g64, spline_weight=new_w.to(torch.float64))
    with torch.no_grad():
        y_before = ref.kan_linear(x64, p64, "bspline", **attrs)
        y_after = ref.kan_linear(x64, new_p, "bspline", **attrs)
        A = ref.bspline_bases(x64, g64, k).transpose(0, 1)
        cond = torch.linalg.cond(A).max().item()
    d = y_after - y_before
    diff, rms = d.abs().max().item(), d.pow(2).mean().sqrt().item()
    tensors = {"x": x, **params, "new_grid": new_grid, "new_spline_weight": new_w,
               "y_before": y_before, "y_after": y_after}
    meta = {"basis": "bspline", "layer": "kan_linear", "spline_order": k,
            "base_activation": attrs.get("base_activation", "silu"), **extra_meta}
    path = write(name, tensors, meta)
    # The same layer as a model's weights (layer "k" of test/kan/models/grid.yaml),
    # the refit under the model's names, and the batch as NPY for hnn-run.
    model = {f"k.{n}": v for n, v in params.items()}
    save_file({n: v.detach().to(torch.float32).contiguous() for n, v in model.items()},
              str(DATA / f"{name}.layer.safetensors"))
    save_file({"k.grid": new_grid.to(torch.float32).contiguous(), "k.spline_weight": new_w.contiguous()},
              str(DATA / f"{name}.expected.safetensors"))
    np.save(DATA / f"{name}.x.npy", x.to(torch.float32).numpy())
    np.save(DATA / f"{name}.y.npy", y_before.to(torch.float32).numpy())
    print(f"{name}: x {tuple(x.shape)}, grid {tuple(params['grid'].shape)} -> "
          f"{tuple(new_grid.shape)}, |y_after - y_before| max {diff:.1e} rms {rms:.1e} "
          f"(max|y| {y_before.abs().max():.3f}), max cond(A_i) {cond:.1f}; "
          f"{path.stat().st_size} bytes")


def grid_update():
    name, n_in, n_out, G, k = "grid_update", 3, 2, 5, 3
    g = rng(name)
    x = ((torch.randn(64, n_in, generator=g) + 0.5) * 0.7).to(torch.float32)
    params = ref.init_params(g, n_in, n_out, "bspline", G + k)
    params["grid"] = ref.uniform_grid(n_in, G, k, -1.0, 1.0).to(torch.float32)
    new_grid = ref.adaptive_grid(x.to(torch.float64), G, k, grid_eps=0.02, margin=0.01,
                                 ext_step="uniform")
    grid_case(name, x, params, new_grid.to(torch.float32), k, {},
              {"grid_size": G, "grid_range": [-1.0, 1.0], "grid_eps": 0.02, "margin": 0.01,
               "ext_step": "uniform", "refit": "divide"})


def grid_extend():
    name, n_in, n_out, G, G2, k = "grid_extend", 3, 2, 5, 10, 3
    g = rng(name)
    params = ref.init_params(g, n_in, n_out, "bspline", G + k)
    params["grid"] = ref.uniform_grid(n_in, G, k, -1.0, 1.0).to(torch.float32)
    x = torch.linspace(-1.0, 1.0, 81, dtype=torch.float64).unsqueeze(1).repeat(1, n_in)
    new_grid = ref.uniform_grid(n_in, G2, k, -1.0, 1.0)
    grid_case(name, x.to(torch.float32), params, new_grid.to(torch.float32), k, {},
              {"grid_size": G, "new_grid_size": G2, "grid_range": [-1.0, 1.0],
               "refit": "divide"})


def main():
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    DATA.mkdir(exist_ok=True)
    check_appendix_b()
    for case in CASES:
        run_case(case)
    grid_update()
    grid_extend()


if __name__ == "__main__":
    main()
