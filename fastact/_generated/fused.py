"""Fused loops, four per activation (generated; do not edit).

Made by ``python -m fastact._tools.generate --write`` (``make generate``).
``NAME_bias``: ``f(x + b)``; ``NAME_bias_backward``: ``dx`` and the partial sums of
``db``; ``NAME_gated``: ``f(gate + bg) * (value + bv)``; ``NAME_gated_backward``: both
gradients and the partial sums of the biases' gradients; each with ``_split`` over
Numba's threads.  The contract: :func:`fastact._core.templates.fused_argtypes`; the
host side: :mod:`fastact._cpu.fused`.
"""

# kernels: 5509a3465cf7dc1314869dd865cee35589cfecd1fdf6b7d9eacdb34aa4521177
# ruff: noqa: E501  (the calls name every array)

from numba import prange as _prange

from .._core.jit import jit
from ..kernels import exponential as _exponential
from ..kernels import gaussian as _gaussian
from ..kernels import logistic as _logistic
from ..kernels import piecewise as _piecewise
from ..kernels.scalar import acc_add as _acc_add
from ..kernels.scalar import cast_like as _cast
from ..kernels.scalar import fence as _fence
from ..kernels.scalar import same_memory as _same

_loop = jit(nogil=True)
_split = jit(nogil=True, parallel=True)


@_loop
def identity_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.identity(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.identity(xr[j] + br[j])


@_split
def identity_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                identity_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                identity_bias(x, b, out, 0, rows, lo, hi)


@_loop
def identity_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.identity_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.identity_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.identity_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def identity_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                identity_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                identity_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def identity_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.identity(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def identity_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                identity_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                identity_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def identity_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.identity_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.identity(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def identity_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                identity_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                identity_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def binary_step_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.binary_step(xr[j] + br[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.binary_step(xr[j] + br[j], p0)


@_split
def binary_step_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                binary_step_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                binary_step_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def binary_step_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.binary_step_backward(_fence(gr[j], zero), xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.binary_step_backward(gr[j], xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.binary_step_backward(gr[j], xr[j] + br[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def binary_step_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                binary_step_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                binary_step_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def binary_step_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.binary_step(gq[j] + bgr[j], p0)) * (vq[j] + bvr[j])


@_split
def binary_step_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                binary_step_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                binary_step_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def binary_step_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.binary_step_backward(gr[j] * (vq[j] + bvr[j]), z, p0)
            dvr[j] = gr[j] * _cast(dv, _piecewise.binary_step(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def binary_step_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                binary_step_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                binary_step_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def sigmoid_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.sigmoid_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.sigmoid_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.sigmoid(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.sigmoid_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.sigmoid_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.sigmoid(xr_b[j] + br_b[j])


@_split
def sigmoid_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sigmoid_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sigmoid_bias(x, b, out, 0, rows, lo, hi)


@_loop
def sigmoid_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.sigmoid_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.sigmoid_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.sigmoid_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.sigmoid_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.sigmoid_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.sigmoid_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.sigmoid_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.sigmoid_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.sigmoid_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def sigmoid_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sigmoid_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sigmoid_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def sigmoid_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.sigmoid_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.sigmoid_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.sigmoid(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def sigmoid_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sigmoid_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sigmoid_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.sigmoid_fast_ok(gq_b[j] + bgr_b[j]) & _logistic.sigmoid_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.sigmoid_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.sigmoid_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.sigmoid_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.sigmoid(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def sigmoid_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def tanh_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.tanh(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.tanh(xr[j] + br[j])


@_split
def tanh_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanh_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanh_bias(x, b, out, 0, rows, lo, hi)


@_loop
def tanh_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.tanh_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.tanh_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.tanh_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.tanh_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.tanh_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.tanh_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.tanh_backward_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.tanh_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.tanh_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def tanh_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanh_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanh_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def tanh_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _logistic.tanh(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def tanh_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanh_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanh_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def tanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.tanh_backward_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.tanh_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.tanh(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.tanh_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.tanh(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def tanh_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def relu_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.relu(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.relu(xr[j] + br[j])


@_split
def relu_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu_bias(x, b, out, 0, rows, lo, hi)


@_loop
def relu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.relu_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.relu_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.relu_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def relu_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def relu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.relu(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def relu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def relu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.relu_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.relu(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def relu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def relu6_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.relu6(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.relu6(xr[j] + br[j])


@_split
def relu6_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu6_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu6_bias(x, b, out, 0, rows, lo, hi)


@_loop
def relu6_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.relu6_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.relu6_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.relu6_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def relu6_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu6_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu6_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def relu6_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.relu6(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def relu6_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu6_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu6_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def relu6_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.relu6_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.relu6(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def relu6_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                relu6_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                relu6_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def leaky_relu_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.leaky_relu(xr[j] + br[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.leaky_relu(xr[j] + br[j], p0)


@_split
def leaky_relu_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                leaky_relu_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                leaky_relu_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def leaky_relu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.leaky_relu_backward(_fence(gr[j], zero), xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.leaky_relu_backward(gr[j], xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.leaky_relu_backward(gr[j], xr[j] + br[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def leaky_relu_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                leaky_relu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                leaky_relu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def leaky_relu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.leaky_relu(gq[j] + bgr[j], p0)) * (vq[j] + bvr[j])


@_split
def leaky_relu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                leaky_relu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                leaky_relu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def leaky_relu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.leaky_relu_backward(gr[j] * (vq[j] + bvr[j]), z, p0)
            dvr[j] = gr[j] * _cast(dv, _piecewise.leaky_relu(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def leaky_relu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                leaky_relu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                leaky_relu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def prelu_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.prelu(xr[j] + br[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.prelu(xr[j] + br[j], p0)


@_split
def prelu_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                prelu_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                prelu_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def prelu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.prelu_backward(_fence(gr[j], zero), xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.prelu_backward(gr[j], xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.prelu_backward(gr[j], xr[j] + br[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def prelu_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                prelu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                prelu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def prelu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.prelu(gq[j] + bgr[j], p0)) * (vq[j] + bvr[j])


@_split
def prelu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                prelu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                prelu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def prelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.prelu_backward(gr[j] * (vq[j] + bvr[j]), z, p0)
            dvr[j] = gr[j] * _cast(dv, _piecewise.prelu(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def prelu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                prelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                prelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def rrelu_bias(x, b, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.rrelu(xr[j] + br[j], p0, p1)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.rrelu(xr[j] + br[j], p0, p1)


@_split
def rrelu_bias_split(x, b, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                rrelu_bias(x, b, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                rrelu_bias(x, b, out, 0, rows, lo, hi, p0, p1)


@_loop
def rrelu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.rrelu_backward(_fence(gr[j], zero), xr[j] + br[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.rrelu_backward(gr[j], xr[j] + br[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.rrelu_backward(gr[j], xr[j] + br[j], p0, p1)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def rrelu_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                rrelu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                rrelu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0, p1)


@_loop
def rrelu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.rrelu(gq[j] + bgr[j], p0, p1)) * (vq[j] + bvr[j])


@_split
def rrelu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                rrelu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                rrelu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0, p1)


@_loop
def rrelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0, p1):
    p0 = _cast(dg, p0)
    p1 = _cast(dg, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.rrelu_backward(gr[j] * (vq[j] + bvr[j]), z, p0, p1)
            dvr[j] = gr[j] * _cast(dv, _piecewise.rrelu(z, p0, p1))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def rrelu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0, p1):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                rrelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                rrelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0, p1)


@_loop
def elu_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.elu_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.elu_fast(xr_b[j] + br_b[j], p0)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.elu(xr_b[j] + br_b[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.elu_fast_ok(xr_b[j] + br_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.elu_fast(xr_b[j] + br_b[j], p0)
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.elu(xr_b[j] + br_b[j], p0)


@_split
def elu_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                elu_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                elu_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def elu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _exponential.elu_backward_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.elu_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0)
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.elu_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.elu_backward_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.elu_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.elu_backward(gr_b[j], xr_b[j] + br_b[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.elu_backward_fast_ok(xr_b[j] + br_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.elu_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0)
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.elu_backward(gr_b[j], xr_b[j] + br_b[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def elu_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                elu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                elu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def elu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.elu_fast_ok(gq_b[j] + bgr_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.elu_fast(gq_b[j] + bgr_b[j], p0)) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.elu(gq_b[j] + bgr_b[j], p0)) * (vq_b[j] + bvr_b[j])


@_split
def elu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                elu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                elu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def elu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _exponential.elu_fast_ok(gq_b[j] + bgr_b[j], p0) & _exponential.elu_backward_fast_ok(gq_b[j] + bgr_b[j], p0)
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.elu_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.elu_fast(z, p0))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.elu_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.elu(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def elu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                elu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                elu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def selu_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.selu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.selu_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.selu(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.selu_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.selu_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.selu(xr_b[j] + br_b[j])


@_split
def selu_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                selu_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                selu_bias(x, b, out, 0, rows, lo, hi)


@_loop
def selu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _exponential.selu_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.selu_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.selu_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.selu_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.selu_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.selu_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.selu_backward_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.selu_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.selu_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def selu_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                selu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                selu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def selu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.selu_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.selu_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.selu(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def selu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                selu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                selu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def selu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _exponential.selu_fast_ok(gq_b[j] + bgr_b[j]) & _exponential.selu_backward_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.selu_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.selu_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.selu_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.selu(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def selu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                selu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                selu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def celu_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.celu_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.celu_fast(xr_b[j] + br_b[j], p0)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.celu(xr_b[j] + br_b[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.celu_fast_ok(xr_b[j] + br_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.celu_fast(xr_b[j] + br_b[j], p0)
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.celu(xr_b[j] + br_b[j], p0)


@_split
def celu_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                celu_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                celu_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def celu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _exponential.celu_backward_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.celu_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0)
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.celu_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.celu_backward_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.celu_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.celu_backward(gr_b[j], xr_b[j] + br_b[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.celu_backward_fast_ok(xr_b[j] + br_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.celu_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0)
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.celu_backward(gr_b[j], xr_b[j] + br_b[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def celu_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                celu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                celu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def celu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.celu_fast_ok(gq_b[j] + bgr_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.celu_fast(gq_b[j] + bgr_b[j], p0)) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.celu(gq_b[j] + bgr_b[j], p0)) * (vq_b[j] + bvr_b[j])


@_split
def celu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                celu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                celu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def celu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _exponential.celu_fast_ok(gq_b[j] + bgr_b[j], p0) & _exponential.celu_backward_fast_ok(gq_b[j] + bgr_b[j], p0)
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.celu_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.celu_fast(z, p0))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.celu_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.celu(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def celu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                celu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                celu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def gelu_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _gaussian.gelu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _gaussian.gelu_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu(xr_b[j] + br_b[j])


@_split
def gelu_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_bias(x, b, out, 0, rows, lo, hi)


@_loop
def gelu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _gaussian.gelu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _gaussian.gelu_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _gaussian.gelu_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _gaussian.gelu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _gaussian.gelu_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def gelu_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def gelu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _gaussian.gelu_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _gaussian.gelu_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _gaussian.gelu(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def gelu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def gelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _gaussian.gelu_fast_ok(gq_b[j] + bgr_b[j]) & _gaussian.gelu_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _gaussian.gelu_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _gaussian.gelu_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _gaussian.gelu_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _gaussian.gelu(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def gelu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def gelu_tanh_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _gaussian.gelu_tanh_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_tanh_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_tanh(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _gaussian.gelu_tanh_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_tanh_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_tanh(xr_b[j] + br_b[j])


@_split
def gelu_tanh_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_tanh_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_tanh_bias(x, b, out, 0, rows, lo, hi)


@_loop
def gelu_tanh_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _gaussian.gelu_tanh_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _gaussian.gelu_tanh_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _gaussian.gelu_tanh_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _gaussian.gelu_tanh_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_tanh_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _gaussian.gelu_tanh_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _gaussian.gelu_tanh_backward_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_tanh_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _gaussian.gelu_tanh_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def gelu_tanh_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_tanh_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_tanh_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def gelu_tanh_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _gaussian.gelu_tanh_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _gaussian.gelu_tanh_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _gaussian.gelu_tanh(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def gelu_tanh_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_tanh_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_tanh_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def gelu_tanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _gaussian.gelu_tanh_fast_ok(gq_b[j] + bgr_b[j]) & _gaussian.gelu_tanh_backward_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _gaussian.gelu_tanh_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _gaussian.gelu_tanh_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _gaussian.gelu_tanh_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _gaussian.gelu_tanh(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def gelu_tanh_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                gelu_tanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                gelu_tanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def silu_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.silu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.silu_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.silu(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.silu_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.silu_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.silu(xr_b[j] + br_b[j])


@_split
def silu_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                silu_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                silu_bias(x, b, out, 0, rows, lo, hi)


@_loop
def silu_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.silu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.silu_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.silu_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.silu_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.silu_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.silu_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.silu_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.silu_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.silu_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def silu_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                silu_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                silu_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def silu_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.silu_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.silu_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.silu(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def silu_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                silu_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                silu_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def silu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.silu_fast_ok(gq_b[j] + bgr_b[j]) & _logistic.silu_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.silu_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.silu_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.silu_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.silu(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def silu_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                silu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                silu_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def swish_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.swish_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.swish_fast(xr_b[j] + br_b[j], p0)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.swish(xr_b[j] + br_b[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.swish_fast_ok(xr_b[j] + br_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.swish_fast(xr_b[j] + br_b[j], p0)
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.swish(xr_b[j] + br_b[j], p0)


@_split
def swish_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                swish_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                swish_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def swish_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.swish_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.swish_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0)
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.swish_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.swish_fast_ok(xr_b[j] + br_b[j], p0)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.swish_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.swish_backward(gr_b[j], xr_b[j] + br_b[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.swish_fast_ok(xr_b[j] + br_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.swish_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0)
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.swish_backward(gr_b[j], xr_b[j] + br_b[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def swish_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                swish_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                swish_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def swish_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.swish_fast_ok(gq_b[j] + bgr_b[j], p0)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.swish_fast(gq_b[j] + bgr_b[j], p0)) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.swish(gq_b[j] + bgr_b[j], p0)) * (vq_b[j] + bvr_b[j])


@_split
def swish_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                swish_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                swish_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def swish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.swish_fast_ok(gq_b[j] + bgr_b[j], p0) & _logistic.swish_fast_ok(gq_b[j] + bgr_b[j], p0)
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.swish_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.swish_fast(z, p0))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.swish_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.swish(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def swish_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                swish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                swish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def mish_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.mish_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.mish_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.mish(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.mish_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.mish_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.mish(xr_b[j] + br_b[j])


@_split
def mish_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                mish_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                mish_bias(x, b, out, 0, rows, lo, hi)


@_loop
def mish_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.mish_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.mish_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.mish_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.mish_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.mish_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.mish_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.mish_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.mish_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.mish_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def mish_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                mish_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                mish_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def mish_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.mish_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.mish_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.mish(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def mish_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                mish_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                mish_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def mish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.mish_fast_ok(gq_b[j] + bgr_b[j]) & _logistic.mish_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.mish_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.mish_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.mish_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.mish(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def mish_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                mish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                mish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def softplus_bias(x, b, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.softplus_fast_ok(xr_b[j] + br_b[j], p0, p1)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.softplus_fast(xr_b[j] + br_b[j], p0, p1)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.softplus(xr_b[j] + br_b[j], p0, p1)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.softplus_fast_ok(xr_b[j] + br_b[j], p0, p1)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.softplus_fast(xr_b[j] + br_b[j], p0, p1)
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.softplus(xr_b[j] + br_b[j], p0, p1)


@_split
def softplus_bias_split(x, b, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softplus_bias(x, b, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softplus_bias(x, b, out, 0, rows, lo, hi, p0, p1)


@_loop
def softplus_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.softplus_backward_fast_ok(xr_b[j] + br_b[j], p0, p1)
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.softplus_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0, p1)
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.softplus_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.softplus_backward_fast_ok(xr_b[j] + br_b[j], p0, p1)
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.softplus_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0, p1)
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.softplus_backward(gr_b[j], xr_b[j] + br_b[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.softplus_backward_fast_ok(xr_b[j] + br_b[j], p0, p1)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.softplus_backward_fast(gr_b[j], xr_b[j] + br_b[j], p0, p1)
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.softplus_backward(gr_b[j], xr_b[j] + br_b[j], p0, p1)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def softplus_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softplus_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softplus_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0, p1)


@_loop
def softplus_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.softplus_fast_ok(gq_b[j] + bgr_b[j], p0, p1)
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.softplus_fast(gq_b[j] + bgr_b[j], p0, p1)) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.softplus(gq_b[j] + bgr_b[j], p0, p1)) * (vq_b[j] + bvr_b[j])


@_split
def softplus_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softplus_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softplus_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0, p1)


@_loop
def softplus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0, p1):
    p0 = _cast(dg, p0)
    p1 = _cast(dg, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.softplus_fast_ok(gq_b[j] + bgr_b[j], p0, p1) & _logistic.softplus_backward_fast_ok(gq_b[j] + bgr_b[j], p0, p1)
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.softplus_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0, p1)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.softplus_fast(z, p0, p1))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.softplus_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z, p0, p1)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.softplus(z, p0, p1))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def softplus_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0, p1):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softplus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softplus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0, p1)


@_loop
def softsign_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.softsign(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.softsign(xr[j] + br[j])


@_split
def softsign_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softsign_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softsign_bias(x, b, out, 0, rows, lo, hi)


@_loop
def softsign_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _logistic.softsign_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.softsign_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.softsign_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def softsign_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softsign_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softsign_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def softsign_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _logistic.softsign(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def softsign_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softsign_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softsign_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def softsign_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _logistic.softsign_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _logistic.softsign(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def softsign_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softsign_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softsign_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def hardtanh_bias(x, b, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardtanh(xr[j] + br[j], p0, p1)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardtanh(xr[j] + br[j], p0, p1)


@_split
def hardtanh_bias_split(x, b, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardtanh_bias(x, b, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardtanh_bias(x, b, out, 0, rows, lo, hi, p0, p1)


@_loop
def hardtanh_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.hardtanh_backward(_fence(gr[j], zero), xr[j] + br[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardtanh_backward(gr[j], xr[j] + br[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardtanh_backward(gr[j], xr[j] + br[j], p0, p1)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def hardtanh_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardtanh_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardtanh_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0, p1)


@_loop
def hardtanh_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.hardtanh(gq[j] + bgr[j], p0, p1)) * (vq[j] + bvr[j])


@_split
def hardtanh_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardtanh_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardtanh_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0, p1)


@_loop
def hardtanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0, p1):
    p0 = _cast(dg, p0)
    p1 = _cast(dg, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.hardtanh_backward(gr[j] * (vq[j] + bvr[j]), z, p0, p1)
            dvr[j] = gr[j] * _cast(dv, _piecewise.hardtanh(z, p0, p1))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def hardtanh_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0, p1):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardtanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardtanh_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0, p1)


@_loop
def hardsigmoid_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardsigmoid(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardsigmoid(xr[j] + br[j])


@_split
def hardsigmoid_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardsigmoid_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardsigmoid_bias(x, b, out, 0, rows, lo, hi)


@_loop
def hardsigmoid_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.hardsigmoid_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardsigmoid_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardsigmoid_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def hardsigmoid_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardsigmoid_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardsigmoid_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def hardsigmoid_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.hardsigmoid(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def hardsigmoid_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardsigmoid_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardsigmoid_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def hardsigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.hardsigmoid_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.hardsigmoid(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def hardsigmoid_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardsigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardsigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def logit_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.logit_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.logit_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.logit(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.logit_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.logit_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.logit(xr_b[j] + br_b[j])


@_split
def logit_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                logit_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                logit_bias(x, b, out, 0, rows, lo, hi)


@_loop
def logit_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _logistic.logit_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.logit_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.logit_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def logit_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                logit_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                logit_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def logit_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.logit_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.logit_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.logit(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def logit_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                logit_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                logit_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def logit_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.logit_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.logit_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.logit_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.logit_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.logit(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def logit_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                logit_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                logit_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def sparse_sigmoid_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.sparse_sigmoid(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.sparse_sigmoid(xr[j] + br[j])


@_split
def sparse_sigmoid_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_sigmoid_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_sigmoid_bias(x, b, out, 0, rows, lo, hi)


@_loop
def sparse_sigmoid_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.sparse_sigmoid_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.sparse_sigmoid_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.sparse_sigmoid_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def sparse_sigmoid_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_sigmoid_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_sigmoid_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def sparse_sigmoid_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.sparse_sigmoid(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def sparse_sigmoid_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_sigmoid_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_sigmoid_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def sparse_sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.sparse_sigmoid_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.sparse_sigmoid(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def sparse_sigmoid_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def log1mexp_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.log1mexp_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.log1mexp_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.log1mexp(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.log1mexp_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.log1mexp_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.log1mexp(xr_b[j] + br_b[j])


@_split
def log1mexp_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log1mexp_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log1mexp_bias(x, b, out, 0, rows, lo, hi)


@_loop
def log1mexp_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _exponential.log1mexp_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.log1mexp_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _exponential.log1mexp_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _exponential.log1mexp_backward_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.log1mexp_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _exponential.log1mexp_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.log1mexp_backward_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _exponential.log1mexp_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _exponential.log1mexp_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def log1mexp_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log1mexp_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log1mexp_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def log1mexp_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _exponential.log1mexp_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.log1mexp_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _exponential.log1mexp(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def log1mexp_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log1mexp_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log1mexp_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def log1mexp_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _exponential.log1mexp_fast_ok(gq_b[j] + bgr_b[j]) & _exponential.log1mexp_backward_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.log1mexp_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.log1mexp_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _exponential.log1mexp_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _exponential.log1mexp(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def log1mexp_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log1mexp_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log1mexp_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def sparse_plus_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.sparse_plus(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.sparse_plus(xr[j] + br[j])


@_split
def sparse_plus_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_plus_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_plus_bias(x, b, out, 0, rows, lo, hi)


@_loop
def sparse_plus_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.sparse_plus_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.sparse_plus_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.sparse_plus_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def sparse_plus_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_plus_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_plus_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def sparse_plus_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.sparse_plus(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def sparse_plus_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_plus_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_plus_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def sparse_plus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.sparse_plus_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.sparse_plus(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def sparse_plus_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                sparse_plus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                sparse_plus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def hardswish_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardswish(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardswish(xr[j] + br[j])


@_split
def hardswish_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardswish_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardswish_bias(x, b, out, 0, rows, lo, hi)


@_loop
def hardswish_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.hardswish_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardswish_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardswish_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def hardswish_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardswish_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardswish_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def hardswish_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.hardswish(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def hardswish_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardswish_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardswish_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def hardswish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.hardswish_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _piecewise.hardswish(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def hardswish_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardswish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardswish_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def log_sigmoid_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.log_sigmoid_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.log_sigmoid_fast(xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.log_sigmoid(xr_b[j] + br_b[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.log_sigmoid_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.log_sigmoid_fast(xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.log_sigmoid(xr_b[j] + br_b[j])


@_split
def log_sigmoid_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log_sigmoid_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log_sigmoid_bias(x, b, out, 0, rows, lo, hi)


@_loop
def log_sigmoid_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(gr_b.size):
                    ok &= _logistic.log_sigmoid_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.log_sigmoid_backward_fast(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
                else:
                    for j in range(gr_b.size):
                        gr_b[j] = _logistic.log_sigmoid_backward(_fence(gr_b[j], zero), xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for cb in range(0, c1 - c0, 256):
                br_b = br[cb:cb + 256]
                gr_b = gr[cb:cb + 256]
                xr_b = xr[cb:cb + 256]
                ok = True
                for j in range(xr_b.size):
                    ok &= _logistic.log_sigmoid_fast_ok(xr_b[j] + br_b[j])
                if ok:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.log_sigmoid_backward_fast(gr_b[j], xr_b[j] + br_b[j])
                else:
                    for j in range(xr_b.size):
                        xr_b[j] = _logistic.log_sigmoid_backward(gr_b[j], xr_b[j] + br_b[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            br_b = br[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            o_b = o[cb:cb + 256]
            xr_b = xr[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.log_sigmoid_fast_ok(xr_b[j] + br_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _logistic.log_sigmoid_backward_fast(gr_b[j], xr_b[j] + br_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _logistic.log_sigmoid_backward(gr_b[j], xr_b[j] + br_b[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def log_sigmoid_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log_sigmoid_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log_sigmoid_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def log_sigmoid_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            o_b = o[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(o_b.size):
                ok &= _logistic.log_sigmoid_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.log_sigmoid_fast(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])
            else:
                for j in range(o_b.size):
                    o_b[j] = _cast(out, _logistic.log_sigmoid(gq_b[j] + bgr_b[j])) * (vq_b[j] + bvr_b[j])


@_split
def log_sigmoid_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log_sigmoid_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log_sigmoid_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def log_sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for cb in range(0, c1 - c0, 256):
            bgr_b = bgr[cb:cb + 256]
            bvr_b = bvr[cb:cb + 256]
            dgr_b = dgr[cb:cb + 256]
            dvr_b = dvr[cb:cb + 256]
            gq_b = gq[cb:cb + 256]
            gr_b = gr[cb:cb + 256]
            vq_b = vq[cb:cb + 256]
            ok = True
            for j in range(dgr_b.size):
                ok &= _logistic.log_sigmoid_fast_ok(gq_b[j] + bgr_b[j]) & _logistic.log_sigmoid_fast_ok(gq_b[j] + bgr_b[j])
            if ok:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.log_sigmoid_backward_fast(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.log_sigmoid_fast(z))
            else:
                for j in range(dgr_b.size):
                    z = gq_b[j] + bgr_b[j]
                    dgr_b[j] = _logistic.log_sigmoid_backward(gr_b[j] * (vq_b[j] + bvr_b[j]), z)
                    dvr_b[j] = gr_b[j] * _cast(dv, _logistic.log_sigmoid(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def log_sigmoid_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                log_sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                log_sigmoid_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def tanhshrink_bias(x, b, out, r0, r1, c0, c1):
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.tanhshrink(xr[j] + br[j])
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.tanhshrink(xr[j] + br[j])


@_split
def tanhshrink_bias_split(x, b, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanhshrink_bias(x, b, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanhshrink_bias(x, b, out, 0, rows, lo, hi)


@_loop
def tanhshrink_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1):
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _logistic.tanhshrink_backward(_fence(gr[j], zero), xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.tanhshrink_backward(gr[j], xr[j] + br[j])
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.tanhshrink_backward(gr[j], xr[j] + br[j])
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def tanhshrink_bias_backward_split(grad, x, b, out, acc, comp, nthreads):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanhshrink_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanhshrink_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi)


@_loop
def tanhshrink_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _logistic.tanhshrink(gq[j] + bgr[j])) * (vq[j] + bvr[j])


@_split
def tanhshrink_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanhshrink_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanhshrink_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi)


@_loop
def tanhshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1):
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _logistic.tanhshrink_backward(gr[j] * (vq[j] + bvr[j]), z)
            dvr[j] = gr[j] * _cast(dv, _logistic.tanhshrink(z))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def tanhshrink_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                tanhshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                tanhshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi)


@_loop
def hardshrink_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardshrink(xr[j] + br[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardshrink(xr[j] + br[j], p0)


@_split
def hardshrink_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardshrink_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardshrink_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def hardshrink_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.hardshrink_backward(_fence(gr[j], zero), xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.hardshrink_backward(gr[j], xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.hardshrink_backward(gr[j], xr[j] + br[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def hardshrink_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardshrink_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardshrink_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def hardshrink_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.hardshrink(gq[j] + bgr[j], p0)) * (vq[j] + bvr[j])


@_split
def hardshrink_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardshrink_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardshrink_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def hardshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.hardshrink_backward(gr[j] * (vq[j] + bvr[j]), z, p0)
            dvr[j] = gr[j] * _cast(dv, _piecewise.hardshrink(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def hardshrink_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                hardshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                hardshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def softshrink_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.softshrink(xr[j] + br[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.softshrink(xr[j] + br[j], p0)


@_split
def softshrink_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softshrink_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softshrink_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def softshrink_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.softshrink_backward(_fence(gr[j], zero), xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.softshrink_backward(gr[j], xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.softshrink_backward(gr[j], xr[j] + br[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def softshrink_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softshrink_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softshrink_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def softshrink_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.softshrink(gq[j] + bgr[j], p0)) * (vq[j] + bvr[j])


@_split
def softshrink_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softshrink_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softshrink_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def softshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.softshrink_backward(gr[j] * (vq[j] + bvr[j]), z, p0)
            dvr[j] = gr[j] * _cast(dv, _piecewise.softshrink(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def softshrink_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                softshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                softshrink_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)


@_loop
def threshold_bias(x, b, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.threshold(xr[j] + br[j], p0, p1)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.threshold(xr[j] + br[j], p0, p1)


@_split
def threshold_bias_split(x, b, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                threshold_bias(x, b, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                threshold_bias(x, b, out, 0, rows, lo, hi, p0, p1)


@_loop
def threshold_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _piecewise.threshold_backward(_fence(gr[j], zero), xr[j] + br[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _piecewise.threshold_backward(gr[j], xr[j] + br[j], p0, p1)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _piecewise.threshold_backward(gr[j], xr[j] + br[j], p0, p1)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def threshold_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                threshold_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                threshold_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0, p1)


@_loop
def threshold_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0, p1):
    p0 = _cast(out, p0)
    p1 = _cast(out, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _piecewise.threshold(gq[j] + bgr[j], p0, p1)) * (vq[j] + bvr[j])


@_split
def threshold_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0, p1):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                threshold_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                threshold_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0, p1)


@_loop
def threshold_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0, p1):
    p0 = _cast(dg, p0)
    p1 = _cast(dg, p1)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _piecewise.threshold_backward(gr[j] * (vq[j] + bvr[j]), z, p0, p1)
            dvr[j] = gr[j] * _cast(dv, _piecewise.threshold(z, p0, p1))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def threshold_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0, p1):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                threshold_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0, p1)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                threshold_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0, p1)


@_loop
def squareplus_bias(x, b, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.squareplus(xr[j] + br[j], p0)
        return
    for r in range(r0, r1):
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.squareplus(xr[j] + br[j], p0)


@_split
def squareplus_bias_split(x, b, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                squareplus_bias(x, b, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                squareplus_bias(x, b, out, 0, rows, lo, hi, p0)


@_loop
def squareplus_bias_backward(grad, x, b, out, acc, comp, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    br = b[c0:c1]
    acs = acc[c0:c1]
    cos = comp[c0:c1]
    if _same(grad, out):  # (in place: the rows written on grad itself)
        zero = c1 >> 62  # (0, which LLVM cannot know)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                gr[j] = _logistic.squareplus_backward(_fence(gr[j], zero), xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, gr[j])
        return
    if _same(x, out):  # (in place: the rows written on x itself)
        for r in range(r0, r1):
            gr = grad[r, c0:c1]
            xr = x[r, c0:c1]
            for j in range(c1 - c0):
                xr[j] = _logistic.squareplus_backward(gr[j], xr[j] + br[j], p0)
            for j in range(c1 - c0):
                _acc_add(acs, cos, j, xr[j])
        return
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        xr = x[r, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _logistic.squareplus_backward(gr[j], xr[j] + br[j], p0)
        for j in range(c1 - c0):
            _acc_add(acs, cos, j, o[j])


@_split
def squareplus_bias_backward_split(grad, x, b, out, acc, comp, nthreads, p0):
    rows, m = out.shape[0], out.shape[-1]
    if acc.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                squareplus_bias_backward(grad, x, b, out, acc[t], comp[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                squareplus_bias_backward(grad, x, b, out, acc[0], comp[0], 0, rows, lo, hi, p0)


@_loop
def squareplus_gated(g, gi, v, vi, bg, bv, out, r0, r1, c0, c1, p0):
    p0 = _cast(out, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    for r in range(r0, r1):
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        o = out[r, c0:c1]
        for j in range(c1 - c0):
            o[j] = _cast(out, _logistic.squareplus(gq[j] + bgr[j], p0)) * (vq[j] + bvr[j])


@_split
def squareplus_gated_split(g, gi, v, vi, bg, bv, out, nthreads, by_rows, p0):
    rows, m = out.shape[0], out.shape[-1]
    if by_rows:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                squareplus_gated(g, gi, v, vi, bg, bv, out, lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                squareplus_gated(g, gi, v, vi, bg, bv, out, 0, rows, lo, hi, p0)


@_loop
def squareplus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, r0, r1, c0, c1, p0):
    p0 = _cast(dg, p0)
    bgr = bg[c0:c1]
    bvr = bv[c0:c1]
    acgs = accg[c0:c1]
    cogs = compg[c0:c1]
    acvs = accv[c0:c1]
    covs = compv[c0:c1]
    for r in range(r0, r1):
        gr = grad[r, c0:c1]
        gq = g[r, gi, c0:c1]
        vq = v[r, vi, c0:c1]
        dgr = dg[r, gi, c0:c1]
        dvr = dv[r, vi, c0:c1]
        for j in range(c1 - c0):
            z = gq[j] + bgr[j]
            dgr[j] = _logistic.squareplus_backward(gr[j] * (vq[j] + bvr[j]), z, p0)
            dvr[j] = gr[j] * _cast(dv, _logistic.squareplus(z, p0))
        if want_db:
            for j in range(c1 - c0):
                _acc_add(acgs, cogs, j, dgr[j])
                _acc_add(acvs, covs, j, dvr[j])


@_split
def squareplus_gated_backward_split(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg, compg, accv, compv, nthreads, p0):
    rows, m = dg.shape[0], dg.shape[-1]
    if accg.shape[0] > 1:
        step = (rows + nthreads - 1) // nthreads
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, rows)
            if lo < hi:
                squareplus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[t], compg[t], accv[t], compv[t], lo, hi, 0, m, p0)
    else:
        step = (m + nthreads - 1) // nthreads
        step = (step + 15) // 16 * 16
        for t in _prange(nthreads):
            lo = t * step
            hi = min(lo + step, m)
            if lo < hi:
                squareplus_gated_backward(grad, g, gi, v, vi, bg, bv, dg, dv, want_db, accg[0], compg[0], accv[0], compv[0], 0, rows, lo, hi, p0)
