"""The Hessian-vector products of softmax, log_softmax and logsumexp against mpmath.

Within 8 ulp of each result beyond its conditioning term
(:func:`fastact._tools.accuracy.hvp_reference`; a result that underflows to 0 may have
either sign), on the accuracy rows of the forward
(random rows, wide spreads, a dominant term 1 .. 1000 above the rest), float32 and
float64; against PyTorch's double backward (autograd with ``create_graph=True``) where
it is installed.
"""

import numpy as np
import pytest

import fastact
from fastact._tools.accuracy import axis_rows, hvp_reference, ulp_errors

HVP_ULP = 8


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
@pytest.mark.parametrize("kind", ["softmax", "log_softmax", "logsumexp"])
def test_hvp_against_mpmath(kind, dtype):
    rng = np.random.default_rng(11)
    f = getattr(fastact, kind + "_hvp")
    for row in axis_rows(dtype):
        if not np.isfinite(row).all() or np.abs(row).max() > 1e6:
            continue
        v = rng.normal(size=row.shape).astype(dtype)
        g = np.asarray(rng.normal()) if kind == "logsumexp" else rng.normal(size=row.shape)
        g = g.astype(dtype)
        got = f(g, row, v)
        assert got.dtype == dtype and got.shape == row.shape
        hi, lo, cond = hvp_reference(kind, g, row, v)
        # a result that underflows to 0 in float64 may be a zero of either sign: its terms'
        # sum is formed from products that each round to 0
        got64 = np.where((got == 0) & (hi == 0), hi, got.astype(np.float64))
        e = ulp_errors(got64, hi, lo, dtype)
        e = np.where(np.isinf(e), e, np.maximum(e - cond, 0.0))
        assert (e <= HVP_ULP).all(), (row, got, hi, e)


def test_hvp_with_a_dominant_term_keeps_its_digits():
    # s_top = 1 - 4.2e-18: w_top = v_top - <s, v> = 4.2e-18 (v_top - v_1), where the plain
    # difference v - sum(s v) gives 0
    x, v = np.array([40.0, 0.0]), np.array([1.0, 0.0])
    r = fastact.logsumexp_hvp(1.0, x, v)
    hi, lo, cond = hvp_reference("logsumexp", 1.0, x, v)
    assert r[0] != 0.0 and ulp_errors(r, hi, lo, np.float64).max() <= 2


def test_hvp_axes_shapes_and_out():
    rng = np.random.default_rng(0)
    x, v, g = (rng.normal(size=(3, 4, 5)) for _ in range(3))
    for kind in ("softmax", "log_softmax"):
        f = getattr(fastact, kind + "_hvp")
        a = f(g, x, v, axis=1)
        b = np.moveaxis(f(np.moveaxis(g, 1, -1), np.moveaxis(x, 1, -1), np.moveaxis(v, 1, -1)), -1, 1)
        np.testing.assert_array_equal(a, b)
        whole = f(g, x, v, axis=None)
        np.testing.assert_allclose(whole.reshape(-1), f(g.reshape(-1), x.reshape(-1), v.reshape(-1)),
                                   rtol=1e-13, atol=1e-15)
    gl = rng.normal(size=(3, 5))
    r = fastact.logsumexp_hvp(gl, x, v, axis=1)
    np.testing.assert_array_equal(r, fastact.logsumexp_hvp(gl[:, None, :], x, v, axis=1))
    out = np.empty((3, 4, 5))
    assert fastact.softmax_hvp(g, x, v, out=out) is out
    assert fastact.softmax_hvp(g.astype(np.float32), x.astype(np.float32),
                               v.astype(np.float32)).dtype == np.float32
    with pytest.raises(ValueError, match="v has shape"):
        fastact.softmax_hvp(g, x, v[:, :, :2])
    with pytest.raises(ValueError, match="grad"):
        fastact.logsumexp_hvp(np.ones(7), x, v)
    with pytest.raises(TypeError):
        fastact.softmax_hvp(g, x.astype(complex), v)


def test_hvp_matches_pytorchs_double_backward():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    x, v, g = (rng.normal(size=(4, 6)) * 3 for _ in range(3))
    for kind, tf in (("softmax", torch.softmax), ("log_softmax", torch.log_softmax)):
        xt = torch.tensor(x, requires_grad=True)
        (gx,) = torch.autograd.grad((torch.tensor(g) * tf(xt, -1)).sum(), xt, create_graph=True)
        (h,) = torch.autograd.grad(gx, xt, torch.tensor(v))
        np.testing.assert_allclose(getattr(fastact, kind + "_hvp")(g, x, v), h.numpy(),
                                   rtol=1e-12, atol=1e-14)
    gl = rng.normal(size=4)
    xt = torch.tensor(x, requires_grad=True)
    (gx,) = torch.autograd.grad((torch.tensor(gl) * torch.logsumexp(xt, -1)).sum(), xt,
                                create_graph=True)
    (h,) = torch.autograd.grad(gx, xt, torch.tensor(v))
    np.testing.assert_allclose(fastact.logsumexp_hvp(gl, x, v), h.numpy(), rtol=1e-12, atol=1e-14)
