"""Plain-PyTorch reference of the KAN layers (docs: test/kan/README.md).

Everything here is written from the formulas of the KAN specification: the
extended uniform B-spline grid and the Cox-de Boor recursion, Gaussian RBF
and Chebyshev bases, the two-branch layer

    y = base_act(x) @ base_weight.T
        + sum_{i,c} basis_c(x[:, i]) * (spline_weight * spline_scaler[..., None])[o, i, c]

its unfold form for 2-D convolution, and the grid update / grid extension
refits. Only differentiable torch ops are used, so autograd provides the
backward. Functions work in the dtype of their inputs (the goldens use
float64).
"""
import math

import torch
import torch.nn.functional as F

BASES = ("bspline", "rbf", "chebyshev")
BASE_ACTIVATIONS = ("silu", "identity", "none")

DEFAULTS = {
    "bspline": {"grid_size": 5, "spline_order": 3, "grid_range": (-1.0, 1.0),
                "base_activation": "silu"},
    "rbf": {"num_centers": 8, "grid_range": (-2.0, 2.0), "base_activation": "silu"},
    "chebyshev": {"degree": 4, "base_activation": "none"},
}


# --- Bases --------------------------------------------------------------------

def uniform_grid(n_in, G, k, a=-1.0, b=1.0, dtype=torch.float64):
    """Knots t_j = a + (j - k) * h, h = (b - a) / G, j = 0 .. G + 2k.

    The same row for each of the n_in input features: shape (n_in, G + 2k + 1).
    """
    h = (b - a) / G
    j = torch.arange(G + 2 * k + 1, dtype=dtype)
    row = a + (j - k) * h
    return row.unsqueeze(0).repeat(n_in, 1).contiguous()


def _ratio(num, den):
    """num / den with the convention 0 / 0 = 0 for coincident knots (den == 0).

    The guarded denominator keeps the gradient finite as well.
    """
    zero = den == 0
    safe = torch.where(zero, torch.ones_like(den), den)
    return torch.where(zero, torch.zeros_like(num), num / safe)


def bspline_bases(x, grid, k):
    """B-spline bases of order k on each feature's knot row.

    x: (B, n_in); grid: (n_in, M) with M = G + 2k + 1 knots (non-decreasing).
    Returns (B, n_in, M - 1 - k) = (B, n_in, G + k).

    Order 0 uses half-open intervals t_i <= x < t_{i+1}; each higher order p
    combines neighbours with the Cox-de Boor weights. Where two knots coincide
    the corresponding term is 0.
    """
    t = grid.to(x.dtype).unsqueeze(0)           # (1, n_in, M)
    u = x.unsqueeze(-1)                         # (B, n_in, 1)
    B = ((u >= t[..., :-1]) & (u < t[..., 1:])).to(x.dtype)   # (B, n_in, M-1)
    for p in range(1, k + 1):
        n = B.shape[-1] - 1                     # bases of order p
        t_i = t[..., :n]
        t_ip = t[..., p:p + n]
        t_i1 = t[..., 1:1 + n]
        t_ip1 = t[..., p + 1:p + 1 + n]
        left = _ratio(u - t_i, t_ip - t_i) * B[..., :n]
        right = _ratio(t_ip1 - u, t_ip1 - t_i1) * B[..., 1:n + 1]
        B = left + right
    return B


def bspline_bases_derivative(x, grid, k):
    """dB_{i,k}/dx from the order k-1 bases (k >= 1), shape (B, n_in, G + k):

        B'_{i,k} = k / (t_{i+k} - t_i) * B_{i,k-1} - k / (t_{i+k+1} - t_{i+1}) * B_{i+1,k-1}.

    Like autograd through bspline_bases, it gives the derivative of the
    polynomial piece that the half-open intervals select, i.e. the right
    derivative at a knot, so the two agree everywhere."""
    t = grid.to(x.dtype).unsqueeze(0)
    Bk1 = bspline_bases(x, grid, k - 1)                      # (B, n_in, G + k + 1)
    n = Bk1.shape[-1] - 1
    one = torch.ones((), dtype=x.dtype)
    left = _ratio(k * one, t[..., k:k + n] - t[..., :n]) * Bk1[..., :n]
    right = _ratio(k * one, t[..., k + 1:k + 1 + n] - t[..., 1:1 + n]) * Bk1[..., 1:n + 1]
    return left - right


def rbf_centers(G, lo, hi, dtype=torch.float64):
    return torch.linspace(lo, hi, G, dtype=dtype)


def rbf_bases(x, G=8, lo=-2.0, hi=2.0):
    """Gaussian bases exp(-((x - g) / h)^2), g = linspace(lo, hi, G),
    h = (hi - lo) / (G - 1). No normalisation of x. Shape (B, n_in, G)."""
    if G < 2:
        raise ValueError("rbf needs at least 2 centers")
    g = rbf_centers(G, lo, hi, dtype=x.dtype)
    h = (hi - lo) / (G - 1)
    z = (x.unsqueeze(-1) - g) / h
    return torch.exp(-z * z)


def chebyshev_bases(x, D=4):
    """T_0 .. T_D of u = tanh(x) by T_{n+1} = 2u T_n - T_{n-1}. Shape (B, n_in, D+1)."""
    u = torch.tanh(x)
    T = [torch.ones_like(u)]
    if D >= 1:
        T.append(u)
    for _ in range(2, D + 1):
        T.append(2 * u * T[-1] - T[-2])
    return torch.stack(T, dim=-1)


# --- Layer --------------------------------------------------------------------

def _attrs(basis, attrs):
    if basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    out = dict(DEFAULTS[basis])
    unknown = set(attrs) - set(out)
    if unknown:
        raise ValueError(f"attributes {sorted(unknown)} do not apply to {basis}")
    out.update(attrs)
    if out["base_activation"] not in BASE_ACTIVATIONS:
        raise ValueError(f"unknown base_activation {out['base_activation']!r}")
    return out


def bases(x, params, basis, **attrs):
    """The basis tensor (B, n_in, K) of a layer for a 2-D input x."""
    a = _attrs(basis, attrs)
    if basis == "bspline":
        grid = params["grid"]
        k = a["spline_order"]
        K = grid.shape[1] - 1 - k
        if "spline_weight" in params and params["spline_weight"].shape[-1] != K:
            raise ValueError("grid and spline_weight disagree on G + k")
        return bspline_bases(x, grid, k)
    if basis == "rbf":
        lo, hi = a["grid_range"]
        return rbf_bases(x, a["num_centers"], lo, hi)
    return chebyshev_bases(x, a["degree"])


def base_activation(x, kind):
    if kind == "silu":
        return F.silu(x)
    if kind == "identity":
        return x
    raise ValueError(kind)


def scaled_spline_weight(params):
    """spline_weight * spline_scaler[..., None] (the scaler is optional)."""
    w = params["spline_weight"]
    s = params.get("spline_scaler")
    return w if s is None else w * s.unsqueeze(-1)


def kan_linear(x, params, basis, **attrs):
    """y[B, n_out] of the KAN layer on x[B, n_in] (leading dimensions of x are
    flattened and restored, so x may be (..., n_in)).

    params: base_weight (n_out, n_in) unless base_activation == 'none',
    spline_weight (n_out, n_in, K), spline_scaler (n_out, n_in) (optional;
    absent for chebyshev), grid (n_in, G + 2k + 1) for bspline.
    """
    a = _attrs(basis, attrs)
    lead = x.shape[:-1]
    x2 = x.reshape(-1, x.shape[-1])
    phi = bases(x2, params, basis, **attrs)                  # (N, n_in, K)
    w = scaled_spline_weight(params)                         # (n_out, n_in, K)
    n_out = w.shape[0]
    y = phi.reshape(phi.shape[0], -1) @ w.reshape(n_out, -1).T
    if a["base_activation"] != "none":
        y = y + base_activation(x2, a["base_activation"]) @ params["base_weight"].T
    return y.reshape(*lead, n_out)


def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def kan_conv2d(x, params, kernel_size, stride=1, padding=0, dilation=1,
               basis="bspline", **attrs):
    """KAN convolution on x (B, C, H, W): unfold the patches, move them to
    rows (B * L, C * kh * kw) with a transpose, apply kan_linear with
    n_in = C * kh * kw (feature order: channel, then kernel row, then kernel
    column, as torch's unfold), and return (B, C_out, H_out, W_out).
    Zero padding."""
    kh, kw = _pair(kernel_size)
    sh, sw = _pair(stride)
    ph, pw = _pair(padding)
    dh, dw = _pair(dilation)
    Bn, C, H, W = x.shape
    H_out = (H + 2 * ph - dh * (kh - 1) - 1) // sh + 1
    W_out = (W + 2 * pw - dw * (kw - 1) - 1) // sw + 1
    cols = F.unfold(x, (kh, kw), dilation=(dh, dw), padding=(ph, pw), stride=(sh, sw))
    L = cols.shape[-1]
    assert L == H_out * W_out
    rows = cols.transpose(1, 2).reshape(Bn * L, C * kh * kw)
    y = kan_linear(rows, params, basis, **attrs)             # (B * L, C_out)
    C_out = y.shape[-1]
    return y.reshape(Bn, L, C_out).transpose(1, 2).reshape(Bn, C_out, H_out, W_out)


# --- Grid update and extension --------------------------------------------------

def adaptive_grid(x, G, k, grid_eps=0.02, margin=0.01, ext_step="uniform"):
    """A data-driven knot row per feature from a batch x (N, n_in):

    1. sort each feature's N values v_0 <= ... <= v_{N-1};
    2. quantile knots q_j = v_{r_j} with r_j = floor(j * (N - 1) / G), j = 0..G;
    3. uniform knots u_j = v_0 - margin + j * s_u, s_u = (v_{N-1} - v_0 + 2 margin) / G;
    4. blend: g_j = grid_eps * u_j + (1 - grid_eps) * q_j;
    5. extend by k knots on each side with a step s:
       g_0 - k s, ..., g_0 - s, g_0 .. g_G, g_G + s, ..., g_G + k s, where
       ext_step = 'uniform' (default, the efficient-kan update): s = s_u;
       ext_step = 'span' (pykan's extension): s = (g_G - g_0) / G.

    Returns (n_in, G + 2k + 1). With grid_eps > 0 and margin > 0 the knots are
    strictly increasing, even for a feature that is constant over the batch.
    """
    N = x.shape[0]
    v = torch.sort(x, dim=0).values                          # (N, n_in)
    ranks = torch.tensor([(j * (N - 1)) // G for j in range(G + 1)])
    q = v[ranks].T                                           # (n_in, G+1)
    s_u = ((v[-1] - v[0] + 2 * margin) / G).unsqueeze(1)     # (n_in, 1)
    j = torch.arange(G + 1, dtype=x.dtype)
    u = (v[0] - margin).unsqueeze(1) + j * s_u
    g = grid_eps * u + (1 - grid_eps) * q
    if ext_step == "uniform":
        s = s_u
    elif ext_step == "span":
        s = (g[:, -1:] - g[:, :1]) / G
    else:
        raise ValueError(ext_step)
    e = torch.arange(1, k + 1, dtype=x.dtype)
    left = g[:, :1] - s * e.flip(0)
    right = g[:, -1:] + s * e
    return torch.cat([left, g, right], dim=1).contiguous()


def spline_edge_values(x, params, k):
    """Per-edge spline-branch values (N, n_in, n_out), scaler included:
    v[n, i, o] = sum_c B_c(x[n, i]) * spline_weight[o, i, c] * spline_scaler[o, i]."""
    phi = bspline_bases(x, params["grid"], k)                # (N, n_in, K)
    return torch.einsum("nic,oic->nio", phi, scaled_spline_weight(params))


def lstsq_refit(x, old_params, new_grid, k=3, mode="divide"):
    """Coefficients on new_grid that reproduce the current spline branch on x.

    For each input feature i, with A_i = bases on new_grid at x[:, i] (N, K')
    and the current per-edge values v[:, i, o] (scaler included), solve the
    least-squares problem min_c || A_i c - target[:, i, o] || for every o.

    mode = 'divide' (default): the scaler is kept; target = v / spline_scaler,
      so new_spline_weight * spline_scaler reproduces v. Because the scaler is
      one number per edge, this equals fitting the unscaled curve
      sum_c B_c * spline_weight; an edge whose scaler is exactly 0 has no
      spline contribution, and its unscaled curve is fitted instead.
    mode = 'fold': the scaler is folded into the coefficients (target = v) and
      the returned spline_scaler is all ones.

    Returns (new_spline_weight (n_out, n_in, K'), new_spline_scaler or None for
    layers without a scaler). Solved with torch.linalg.lstsq (driver gelsd,
    minimum-norm when rank deficient) in the dtype of x.
    """
    with torch.no_grad():
        v = spline_edge_values(x, old_params, k)            # (N, n_in, n_out)
        s = old_params.get("spline_scaler")
        if s is None or mode == "fold":
            target = v
            new_scaler = None if s is None else torch.ones_like(s)
        elif mode == "divide":
            sT = s.T.unsqueeze(0)                            # (1, n_in, n_out)
            unscaled = torch.einsum("nic,oic->nio",
                                    bspline_bases(x, old_params["grid"], k),
                                    old_params["spline_weight"])
            target = torch.where(sT == 0, unscaled, v / torch.where(sT == 0, 1, sT))
            new_scaler = s.clone()
        else:
            raise ValueError(mode)
        A = bspline_bases(x, new_grid, k).transpose(0, 1)    # (n_in, N, K')
        T = target.transpose(0, 1)                           # (n_in, N, n_out)
        C = torch.linalg.lstsq(A, T, driver="gelsd").solution  # (n_in, K', n_out)
        return C.permute(2, 0, 1).contiguous(), new_scaler


def init_params(g, n_in, n_out, basis, K, base=True, scaler=True, spline_std=0.5,
                dtype=torch.float32):
    """Seeded parameters: base_weight and spline_scaler ~ U(-1/sqrt(n_in),
    1/sqrt(n_in)) (torch's default for a linear layer); spline_weight ~
    N(0, spline_std^2)."""
    bound = 1 / math.sqrt(n_in)
    p = {}
    if base:
        p["base_weight"] = (torch.rand(n_out, n_in, generator=g, dtype=dtype) * 2 - 1) * bound
    p["spline_weight"] = torch.randn(n_out, n_in, K, generator=g, dtype=dtype) * spline_std
    if scaler:
        p["spline_scaler"] = (torch.rand(n_out, n_in, generator=g, dtype=dtype) * 2 - 1) * bound
    return p
