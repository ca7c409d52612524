"""Compiled loops, one per kernel (generated; do not edit).

Made by ``python -m fastact._tools.generate --write`` (``make generate``).
``NAME(x, out, *params)`` and ``NAME_backward(grad, x, out, *params)`` on 1-d contiguous
arrays of one dtype; the parameters (float64) are cast to that dtype first, as a ufunc
casts them.  ``NAME_split(..., nthreads)``: the same over ``nthreads`` slices on Numba's
threads (compiled only when an array is large enough to split).
``NAME_stream`` (and its ``_split``, memory-bound forwards): the same with streaming
stores, for arrays beyond the last-level cache (:mod:`fastact._core.stream`).
``NAME_derivative2`` / ``NAME_derivative3``: the second and third derivatives (forward only);
``NAME_double_backward(gg, grad, x, dgrad, dx, *params)``: autograd's double backward.
"""

# kernels: 5509a3465cf7dc1314869dd865cee35589cfecd1fdf6b7d9eacdb34aa4521177
# ruff: noqa: E501  (the in-place copies' calls name every argument)

from numba import float64 as _f64
from numba import prange as _prange

from .._core import stream as _stream
from .._core.jit import jit
from ..kernels import exponential as _exponential
from ..kernels import gaussian as _gaussian
from ..kernels import logistic as _logistic
from ..kernels import piecewise as _piecewise
from ..kernels.scalar import cast_like as _cast
from ..kernels.scalar import fence as _fence
from ..kernels.scalar import same_memory as _same
from ..kernels.scalar import shares_memory as _shares

_loop = jit(nogil=True)
_split = jit(nogil=True, parallel=True)


@_loop
def identity(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.identity(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.identity(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.identity(x[i])


@_split
def identity_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            identity(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity(x[lo:hi], out[lo:hi])


@_loop
def identity_stream(x, out):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    identity(x[:h], out[:h])
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        identity(x[c:c + m], buf[k:k + m])
        _stream.store(out, c, buf, k, m)
        c += m
    identity(x[c:], out[c:])
    _stream.fence()


@_split
def identity_stream_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            identity_stream(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity_stream(x[lo:hi], out[lo:hi])


@_loop
def identity_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.identity_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.identity_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.identity_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.identity_backward(grad[i], x[i])


@_split
def identity_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            identity_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def identity_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.identity_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)


@_split
def identity_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            identity_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def binary_step(x, out, threshold):
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.binary_step(x[i], threshold)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.binary_step(_fence(x[i], zero), threshold)
        return
    for i in range(out.size):
        out[i] = _piecewise.binary_step(x[i], threshold)


@_split
def binary_step_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            binary_step(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step(x[lo:hi], out[lo:hi], p0)


@_loop
def binary_step_stream(x, out, p0):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    binary_step(x[:h], out[:h], p0)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        binary_step(x[c:c + m], buf[k:k + m], p0)
        _stream.store(out, c, buf, k, m)
        c += m
    binary_step(x[c:], out[c:], p0)
    _stream.fence()


@_split
def binary_step_stream_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            binary_step_stream(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step_stream(x[lo:hi], out[lo:hi], p0)


@_loop
def binary_step_backward(grad, x, out, threshold):
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.binary_step_backward(_fence(grad[i], zero), x[i], threshold)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.binary_step_backward(grad[i], _fence(x[i], zero), threshold)
        return
    for i in range(out.size):
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold)


@_split
def binary_step_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            binary_step_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def binary_step_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.binary_step_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)


@_split
def binary_step_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            binary_step_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@_loop
def sigmoid(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.sigmoid(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.sigmoid_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.sigmoid_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.sigmoid(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.sigmoid_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.sigmoid(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.sigmoid_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.sigmoid_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.sigmoid_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.sigmoid(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.sigmoid_fast(x[i])
            ok &= _logistic.sigmoid_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.sigmoid_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.sigmoid_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.sigmoid(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.sigmoid_fast(x_b[i])


@_split
def sigmoid_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sigmoid(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            sigmoid(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float32': 4})
def sigmoid_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.sigmoid_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.sigmoid_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.sigmoid_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.sigmoid_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.sigmoid_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.sigmoid_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.sigmoid_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.sigmoid_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.sigmoid_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.sigmoid_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.sigmoid_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.sigmoid_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.sigmoid_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.sigmoid_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.sigmoid_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.sigmoid_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.sigmoid_backward_fast(grad[i], x[i])
            ok &= _logistic.sigmoid_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.sigmoid_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.sigmoid_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.sigmoid_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.sigmoid_backward_fast(grad_b[i], x_b[i])


@_split
def sigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sigmoid_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            sigmoid_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def sigmoid_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.sigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.sigmoid_derivative2(xi)


@_split
def sigmoid_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sigmoid_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sigmoid_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def tanh(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanh(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanh(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanh(x[i])


@_split
def tanh_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanh(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanh(x[lo:hi], out[lo:hi])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def tanh_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanh_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.tanh_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.tanh_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.tanh_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.tanh_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.tanh_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.tanh_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.tanh_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.tanh_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.tanh_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.tanh_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.tanh_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.tanh_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.tanh_backward_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.tanh_backward_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.tanh_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.tanh_backward_fast(grad[i], x[i])
            ok &= _logistic.tanh_backward_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.tanh_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.tanh_backward_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.tanh_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.tanh_backward_fast(grad_b[i], x_b[i])


@_split
def tanh_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanh_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            tanh_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def tanh_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.tanh_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.tanh_derivative2(xi)


@_split
def tanh_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanh_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanh_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def relu(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.relu(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.relu(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.relu(x[i])


@_split
def relu_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu(x[lo:hi], out[lo:hi])


@_loop
def relu_stream(x, out):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    relu(x[:h], out[:h])
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        relu(x[c:c + m], buf[k:k + m])
        _stream.store(out, c, buf, k, m)
        c += m
    relu(x[c:], out[c:])
    _stream.fence()


@_split
def relu_stream_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu_stream(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu_stream(x[lo:hi], out[lo:hi])


@_loop
def relu_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.relu_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.relu_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.relu_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.relu_backward(grad[i], x[i])


@_split
def relu_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def relu_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.relu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)


@_split
def relu_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def relu6(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.relu6(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.relu6(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.relu6(x[i])


@_split
def relu6_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu6(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6(x[lo:hi], out[lo:hi])


@_loop
def relu6_stream(x, out):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    relu6(x[:h], out[:h])
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        relu6(x[c:c + m], buf[k:k + m])
        _stream.store(out, c, buf, k, m)
        c += m
    relu6(x[c:], out[c:])
    _stream.fence()


@_split
def relu6_stream_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu6_stream(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6_stream(x[lo:hi], out[lo:hi])


@_loop
def relu6_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.relu6_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.relu6_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.relu6_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.relu6_backward(grad[i], x[i])


@_split
def relu6_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu6_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def relu6_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.relu6_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)


@_split
def relu6_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu6_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def leaky_relu(x, out, negative_slope):
    negative_slope = _cast(out, negative_slope)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.leaky_relu(x[i], negative_slope)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.leaky_relu(_fence(x[i], zero), negative_slope)
        return
    for i in range(out.size):
        out[i] = _piecewise.leaky_relu(x[i], negative_slope)


@_split
def leaky_relu_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            leaky_relu(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu(x[lo:hi], out[lo:hi], p0)


@_loop
def leaky_relu_stream(x, out, p0):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    leaky_relu(x[:h], out[:h], p0)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        leaky_relu(x[c:c + m], buf[k:k + m], p0)
        _stream.store(out, c, buf, k, m)
        c += m
    leaky_relu(x[c:], out[c:], p0)
    _stream.fence()


@_split
def leaky_relu_stream_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            leaky_relu_stream(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu_stream(x[lo:hi], out[lo:hi], p0)


@_loop
def leaky_relu_backward(grad, x, out, negative_slope):
    negative_slope = _cast(out, negative_slope)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.leaky_relu_backward(_fence(grad[i], zero), x[i], negative_slope)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.leaky_relu_backward(grad[i], _fence(x[i], zero), negative_slope)
        return
    for i in range(out.size):
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope)


@_split
def leaky_relu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            leaky_relu_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def leaky_relu_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.leaky_relu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)


@_split
def leaky_relu_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            leaky_relu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@_loop
def prelu(x, out, weight):
    weight = _cast(out, weight)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.prelu(x[i], weight)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.prelu(_fence(x[i], zero), weight)
        return
    for i in range(out.size):
        out[i] = _piecewise.prelu(x[i], weight)


@_split
def prelu_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            prelu(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu(x[lo:hi], out[lo:hi], p0)


@_loop
def prelu_stream(x, out, p0):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    prelu(x[:h], out[:h], p0)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        prelu(x[c:c + m], buf[k:k + m], p0)
        _stream.store(out, c, buf, k, m)
        c += m
    prelu(x[c:], out[c:], p0)
    _stream.fence()


@_split
def prelu_stream_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            prelu_stream(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu_stream(x[lo:hi], out[lo:hi], p0)


@_loop
def prelu_backward(grad, x, out, weight):
    weight = _cast(out, weight)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.prelu_backward(_fence(grad[i], zero), x[i], weight)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.prelu_backward(grad[i], _fence(x[i], zero), weight)
        return
    for i in range(out.size):
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight)


@_split
def prelu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            prelu_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def prelu_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.prelu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)


@_split
def prelu_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            prelu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@_loop
def rrelu(x, out, lower, upper):
    lower = _cast(out, lower)
    upper = _cast(out, upper)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.rrelu(x[i], lower, upper)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.rrelu(_fence(x[i], zero), lower, upper)
        return
    for i in range(out.size):
        out[i] = _piecewise.rrelu(x[i], lower, upper)


@_split
def rrelu_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            rrelu(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu(x[lo:hi], out[lo:hi], p0, p1)


@jit(nogil=True, interleave={'float64': 4})
def rrelu_backward(grad, x, out, lower, upper):
    lower = _cast(out, lower)
    upper = _cast(out, upper)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower, upper)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.rrelu_backward(_fence(grad[i], zero), x[i], lower, upper)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.rrelu_backward(grad[i], _fence(x[i], zero), lower, upper)
        return
    for i in range(out.size):
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower, upper)


@_split
def rrelu_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            rrelu_backward(grad[:h], x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def rrelu_double_backward(gg, grad, x, dgrad, dx, p0, p1):
    p0 = _cast(dx, p0)
    p1 = _cast(dx, p1)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.rrelu_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_2(xi, p0, p1)


@_split
def rrelu_double_backward_split(gg, grad, x, dgrad, dx, p0, p1, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            rrelu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0, p1)


@jit(nogil=True, interleave={'float64': 4})
def elu(x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.elu(x[i], alpha)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.elu_fast_ok(x[i], alpha)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.elu_fast(_fence(x[i], zero), alpha)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.elu(_fence(x[i], zero), alpha)
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.elu_fast_ok(x_b[i], alpha)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.elu(_fence(x_b[i], zero), alpha)
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.elu_fast(_fence(x_b[i], zero), alpha)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.elu_fast_ok(x[i], alpha)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.elu_fast_ok(x[i], alpha)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.elu(x[i], alpha)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _exponential.elu_fast(x[i], alpha)
            ok &= _exponential.elu_fast_ok(x_a[i], alpha)
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _exponential.elu_fast(x_z[i], alpha)
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.elu_fast_ok(x_b[i], alpha)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.elu(x_b[i], alpha)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.elu_fast(x_b[i], alpha)


@_split
def elu_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            elu(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            elu(x[c:e], out[c:e], p0)


@jit(nogil=True, interleave={'float64': 4})
def elu_backward(grad, x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.elu_backward(grad[i], x[i], alpha)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _exponential.elu_backward_fast_ok(x[i], alpha)
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _exponential.elu_backward_fast(_fence(grad[i], zero), x[i], alpha)
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _exponential.elu_backward(_fence(grad[i], zero), x[i], alpha)
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _exponential.elu_backward_fast_ok(x_b[i], alpha)
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.elu_backward(_fence(grad_b[i], zero), x_b[i], alpha)
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.elu_backward_fast(_fence(grad_b[i], zero), x_b[i], alpha)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.elu_backward_fast_ok(x[i], alpha)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.elu_backward_fast(grad[i], _fence(x[i], zero), alpha)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.elu_backward(grad[i], _fence(x[i], zero), alpha)
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.elu_backward_fast_ok(x_b[i], alpha)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.elu_backward(grad_b[i], _fence(x_b[i], zero), alpha)
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.elu_backward_fast(grad_b[i], _fence(x_b[i], zero), alpha)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.elu_backward_fast_ok(x[i], alpha)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.elu_backward_fast_ok(x[i], alpha)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.elu_backward(grad[i], x[i], alpha)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _exponential.elu_backward_fast(grad[i], x[i], alpha)
            ok &= _exponential.elu_backward_fast_ok(x_a[i], alpha)
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _exponential.elu_backward_fast(grad_z[i], x_z[i], alpha)
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.elu_backward_fast_ok(x_b[i], alpha)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.elu_backward(grad_b[i], x_b[i], alpha)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.elu_backward_fast(grad_b[i], x_b[i], alpha)


@_split
def elu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            elu_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            elu_backward(grad[c:e], x[c:e], out[c:e], p0)


@_loop
def elu_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _exponential.elu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.elu_derivative2(xi, p0)


@_split
def elu_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            elu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            elu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@jit(nogil=True, interleave={'float64': 4})
def selu(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.selu(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.selu_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.selu_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.selu(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.selu_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.selu(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.selu_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.selu_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.selu_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.selu(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _exponential.selu_fast(x[i])
            ok &= _exponential.selu_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _exponential.selu_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.selu_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.selu(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.selu_fast(x_b[i])


@_split
def selu_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            selu(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            selu(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def selu_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.selu_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _exponential.selu_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _exponential.selu_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _exponential.selu_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _exponential.selu_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.selu_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.selu_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.selu_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.selu_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.selu_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.selu_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.selu_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.selu_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.selu_backward_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.selu_backward_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.selu_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _exponential.selu_backward_fast(grad[i], x[i])
            ok &= _exponential.selu_backward_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _exponential.selu_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.selu_backward_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.selu_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.selu_backward_fast(grad_b[i], x_b[i])


@_split
def selu_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            selu_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            selu_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def selu_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _exponential.selu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.selu_derivative2(xi)


@_split
def selu_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            selu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            selu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@jit(nogil=True, interleave={'float64': 4})
def celu(x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.celu(x[i], alpha)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.celu_fast_ok(x[i], alpha)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.celu_fast(_fence(x[i], zero), alpha)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.celu(_fence(x[i], zero), alpha)
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.celu_fast_ok(x_b[i], alpha)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.celu(_fence(x_b[i], zero), alpha)
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.celu_fast(_fence(x_b[i], zero), alpha)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.celu_fast_ok(x[i], alpha)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.celu_fast_ok(x[i], alpha)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.celu(x[i], alpha)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _exponential.celu_fast(x[i], alpha)
            ok &= _exponential.celu_fast_ok(x_a[i], alpha)
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _exponential.celu_fast(x_z[i], alpha)
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.celu_fast_ok(x_b[i], alpha)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.celu(x_b[i], alpha)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.celu_fast(x_b[i], alpha)


@_split
def celu_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            celu(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            celu(x[c:e], out[c:e], p0)


@jit(nogil=True, interleave={'float64': 4})
def celu_backward(grad, x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.celu_backward(grad[i], x[i], alpha)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _exponential.celu_backward_fast_ok(x[i], alpha)
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _exponential.celu_backward_fast(_fence(grad[i], zero), x[i], alpha)
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _exponential.celu_backward(_fence(grad[i], zero), x[i], alpha)
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _exponential.celu_backward_fast_ok(x_b[i], alpha)
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.celu_backward(_fence(grad_b[i], zero), x_b[i], alpha)
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.celu_backward_fast(_fence(grad_b[i], zero), x_b[i], alpha)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.celu_backward_fast_ok(x[i], alpha)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.celu_backward_fast(grad[i], _fence(x[i], zero), alpha)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.celu_backward(grad[i], _fence(x[i], zero), alpha)
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.celu_backward_fast_ok(x_b[i], alpha)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.celu_backward(grad_b[i], _fence(x_b[i], zero), alpha)
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.celu_backward_fast(grad_b[i], _fence(x_b[i], zero), alpha)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.celu_backward_fast_ok(x[i], alpha)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.celu_backward_fast_ok(x[i], alpha)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.celu_backward(grad[i], x[i], alpha)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _exponential.celu_backward_fast(grad[i], x[i], alpha)
            ok &= _exponential.celu_backward_fast_ok(x_a[i], alpha)
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _exponential.celu_backward_fast(grad_z[i], x_z[i], alpha)
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.celu_backward_fast_ok(x_b[i], alpha)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.celu_backward(grad_b[i], x_b[i], alpha)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.celu_backward_fast(grad_b[i], x_b[i], alpha)


@_split
def celu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            celu_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            celu_backward(grad[c:e], x[c:e], out[c:e], p0)


@_loop
def celu_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _exponential.celu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.celu_derivative2(xi, p0)


@_split
def celu_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            celu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            celu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@jit(nogil=True, interleave={'float32': 4})
def gelu(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _gaussian.gelu_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _gaussian.gelu_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _gaussian.gelu(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _gaussian.gelu_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _gaussian.gelu_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _gaussian.gelu_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _gaussian.gelu(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _gaussian.gelu_fast(x[i])
            ok &= _gaussian.gelu_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _gaussian.gelu_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _gaussian.gelu_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_fast(x_b[i])


@_split
def gelu_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            gelu(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float32': 4})
def gelu_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _gaussian.gelu_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _gaussian.gelu_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _gaussian.gelu_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _gaussian.gelu_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _gaussian.gelu_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _gaussian.gelu_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _gaussian.gelu_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _gaussian.gelu_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _gaussian.gelu_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _gaussian.gelu_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _gaussian.gelu_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _gaussian.gelu_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _gaussian.gelu_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _gaussian.gelu_backward_fast(grad[i], x[i])
            ok &= _gaussian.gelu_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _gaussian.gelu_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _gaussian.gelu_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_backward_fast(grad_b[i], x_b[i])


@_split
def gelu_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            gelu_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def gelu_double_backward(gg, grad, x, dgrad, dx):
    gelu_backward(gg, x, dgrad)
    for i in range(dx.size):
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _gaussian.gelu_derivative2(x[i])


@_split
def gelu_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def gelu_tanh(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_tanh(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _gaussian.gelu_tanh_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _gaussian.gelu_tanh_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _gaussian.gelu_tanh(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _gaussian.gelu_tanh_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_tanh(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_tanh_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _gaussian.gelu_tanh_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _gaussian.gelu_tanh_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _gaussian.gelu_tanh(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _gaussian.gelu_tanh_fast(x[i])
            ok &= _gaussian.gelu_tanh_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _gaussian.gelu_tanh_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _gaussian.gelu_tanh_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_tanh(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_tanh_fast(x_b[i])


@_split
def gelu_tanh_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_tanh(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            gelu_tanh(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def gelu_tanh_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_tanh_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _gaussian.gelu_tanh_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _gaussian.gelu_tanh_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _gaussian.gelu_tanh_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _gaussian.gelu_tanh_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _gaussian.gelu_tanh_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _gaussian.gelu_tanh_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _gaussian.gelu_tanh_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _gaussian.gelu_tanh_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _gaussian.gelu_tanh_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _gaussian.gelu_tanh_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_tanh_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _gaussian.gelu_tanh_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _gaussian.gelu_tanh_backward_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _gaussian.gelu_tanh_backward_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _gaussian.gelu_tanh_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _gaussian.gelu_tanh_backward_fast(grad[i], x[i])
            ok &= _gaussian.gelu_tanh_backward_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _gaussian.gelu_tanh_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _gaussian.gelu_tanh_backward_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_tanh_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _gaussian.gelu_tanh_backward_fast(grad_b[i], x_b[i])


@_split
def gelu_tanh_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_tanh_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            gelu_tanh_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def gelu_tanh_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _gaussian.gelu_tanh_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _gaussian.gelu_tanh_derivative2(xi)


@_split
def gelu_tanh_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_tanh_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_tanh_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@jit(nogil=True, interleave={'float64': 4})
def silu(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.silu(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.silu_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.silu_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.silu(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.silu_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.silu(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.silu_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.silu_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.silu_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.silu(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.silu_fast(x[i])
            ok &= _logistic.silu_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.silu_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.silu_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.silu(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.silu_fast(x_b[i])


@_split
def silu_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            silu(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            silu(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def silu_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.silu_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.silu_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.silu_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.silu_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.silu_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.silu_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.silu_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.silu_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.silu_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.silu_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.silu_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.silu_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.silu_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.silu_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.silu_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.silu_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.silu_backward_fast(grad[i], x[i])
            ok &= _logistic.silu_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.silu_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.silu_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.silu_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.silu_backward_fast(grad_b[i], x_b[i])


@_split
def silu_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            silu_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            silu_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def silu_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.silu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.silu_derivative2(xi)


@_split
def silu_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            silu_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            silu_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def swish(x, out, beta):
    beta = _cast(out, beta)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.swish(x[i], beta)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.swish_fast_ok(x[i], beta)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.swish_fast(_fence(x[i], zero), beta)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.swish(_fence(x[i], zero), beta)
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.swish_fast_ok(x_b[i], beta)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.swish(_fence(x_b[i], zero), beta)
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.swish_fast(_fence(x_b[i], zero), beta)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.swish_fast_ok(x[i], beta)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.swish_fast_ok(x[i], beta)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.swish(x[i], beta)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.swish_fast(x[i], beta)
            ok &= _logistic.swish_fast_ok(x_a[i], beta)
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.swish_fast(x_z[i], beta)
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.swish_fast_ok(x_b[i], beta)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.swish(x_b[i], beta)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.swish_fast(x_b[i], beta)


@_split
def swish_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            swish(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            swish(x[c:e], out[c:e], p0)


@jit(nogil=True, interleave={'float32': 4})
def swish_backward(grad, x, out, beta):
    beta = _cast(out, beta)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.swish_backward(grad[i], x[i], beta)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.swish_fast_ok(x[i], beta)
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.swish_backward_fast(_fence(grad[i], zero), x[i], beta)
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.swish_backward(_fence(grad[i], zero), x[i], beta)
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.swish_fast_ok(x_b[i], beta)
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.swish_backward(_fence(grad_b[i], zero), x_b[i], beta)
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.swish_backward_fast(_fence(grad_b[i], zero), x_b[i], beta)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.swish_fast_ok(x[i], beta)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.swish_backward_fast(grad[i], _fence(x[i], zero), beta)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.swish_backward(grad[i], _fence(x[i], zero), beta)
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.swish_fast_ok(x_b[i], beta)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.swish_backward(grad_b[i], _fence(x_b[i], zero), beta)
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.swish_backward_fast(grad_b[i], _fence(x_b[i], zero), beta)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.swish_fast_ok(x[i], beta)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.swish_fast_ok(x[i], beta)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.swish_backward(grad[i], x[i], beta)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.swish_backward_fast(grad[i], x[i], beta)
            ok &= _logistic.swish_fast_ok(x_a[i], beta)
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.swish_backward_fast(grad_z[i], x_z[i], beta)
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.swish_fast_ok(x_b[i], beta)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.swish_backward(grad_b[i], x_b[i], beta)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.swish_backward_fast(grad_b[i], x_b[i], beta)


@_split
def swish_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            swish_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            swish_backward(grad[c:e], x[c:e], out[c:e], p0)


@_loop
def swish_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.swish_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.swish_derivative2(xi, p0)


@_split
def swish_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            swish_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            swish_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@jit(nogil=True, interleave={'float32': 4})
def mish(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.mish(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.mish_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.mish_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.mish(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.mish_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.mish(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.mish_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.mish_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.mish_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.mish(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.mish_fast(x[i])
            ok &= _logistic.mish_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.mish_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.mish_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.mish(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.mish_fast(x_b[i])


@_split
def mish_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            mish(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            mish(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def mish_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.mish_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.mish_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.mish_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.mish_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.mish_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.mish_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.mish_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.mish_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.mish_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.mish_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.mish_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.mish_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.mish_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.mish_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.mish_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.mish_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.mish_backward_fast(grad[i], x[i])
            ok &= _logistic.mish_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.mish_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.mish_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.mish_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.mish_backward_fast(grad_b[i], x_b[i])


@_split
def mish_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            mish_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            mish_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def mish_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.mish_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.mish_derivative2(xi)


@_split
def mish_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            mish_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            mish_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def softplus(x, out, beta, threshold):
    beta = _cast(out, beta)
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softplus(x[i], beta, threshold)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.softplus_fast_ok(x[i], beta, threshold)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.softplus_fast(_fence(x[i], zero), beta, threshold)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.softplus(_fence(x[i], zero), beta, threshold)
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.softplus_fast_ok(x_b[i], beta, threshold)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.softplus(_fence(x_b[i], zero), beta, threshold)
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.softplus_fast(_fence(x_b[i], zero), beta, threshold)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.softplus_fast_ok(x[i], beta, threshold)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.softplus_fast_ok(x[i], beta, threshold)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.softplus(x[i], beta, threshold)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.softplus_fast(x[i], beta, threshold)
            ok &= _logistic.softplus_fast_ok(x_a[i], beta, threshold)
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.softplus_fast(x_z[i], beta, threshold)
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.softplus_fast_ok(x_b[i], beta, threshold)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.softplus(x_b[i], beta, threshold)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.softplus_fast(x_b[i], beta, threshold)


@_split
def softplus_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softplus(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            softplus(x[c:e], out[c:e], p0, p1)


@jit(nogil=True, interleave={'float64': 4})
def softplus_backward(grad, x, out, beta, threshold):
    beta = _cast(out, beta)
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softplus_backward(grad[i], x[i], beta, threshold)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.softplus_backward_fast_ok(x[i], beta, threshold)
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.softplus_backward_fast(_fence(grad[i], zero), x[i], beta, threshold)
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.softplus_backward(_fence(grad[i], zero), x[i], beta, threshold)
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.softplus_backward_fast_ok(x_b[i], beta, threshold)
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.softplus_backward(_fence(grad_b[i], zero), x_b[i], beta, threshold)
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.softplus_backward_fast(_fence(grad_b[i], zero), x_b[i], beta, threshold)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.softplus_backward_fast_ok(x[i], beta, threshold)
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.softplus_backward_fast(grad[i], _fence(x[i], zero), beta, threshold)
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.softplus_backward(grad[i], _fence(x[i], zero), beta, threshold)
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.softplus_backward_fast_ok(x_b[i], beta, threshold)
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.softplus_backward(grad_b[i], _fence(x_b[i], zero), beta, threshold)
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.softplus_backward_fast(grad_b[i], _fence(x_b[i], zero), beta, threshold)
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.softplus_backward_fast_ok(x[i], beta, threshold)
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.softplus_backward_fast_ok(x[i], beta, threshold)
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.softplus_backward(grad[i], x[i], beta, threshold)
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.softplus_backward_fast(grad[i], x[i], beta, threshold)
            ok &= _logistic.softplus_backward_fast_ok(x_a[i], beta, threshold)
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.softplus_backward_fast(grad_z[i], x_z[i], beta, threshold)
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.softplus_backward_fast_ok(x_b[i], beta, threshold)
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.softplus_backward(grad_b[i], x_b[i], beta, threshold)
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.softplus_backward_fast(grad_b[i], x_b[i], beta, threshold)


@_split
def softplus_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softplus_backward(grad[:h], x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            softplus_backward(grad[c:e], x[c:e], out[c:e], p0, p1)


@_loop
def softplus_double_backward(gg, grad, x, dgrad, dx, p0, p1):
    p0 = _cast(dx, p0)
    p1 = _cast(dx, p1)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.softplus_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.softplus_derivative2(xi, p0, p1)


@_split
def softplus_double_backward_split(gg, grad, x, dgrad, dx, p0, p1, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softplus_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softplus_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0, p1)


@_loop
def softsign(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softsign(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.softsign(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.softsign(x[i])


@_split
def softsign_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softsign(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign(x[lo:hi], out[lo:hi])


@_loop
def softsign_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softsign_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _logistic.softsign_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.softsign_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.softsign_backward(grad[i], x[i])


@_split
def softsign_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softsign_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def softsign_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.softsign_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.softsign_derivative2(xi)


@_split
def softsign_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softsign_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def hardtanh(x, out, min_val, max_val):
    min_val = _cast(out, min_val)
    max_val = _cast(out, max_val)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardtanh(x[i], min_val, max_val)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardtanh(_fence(x[i], zero), min_val, max_val)
        return
    for i in range(out.size):
        out[i] = _piecewise.hardtanh(x[i], min_val, max_val)


@_split
def hardtanh_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardtanh(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardtanh_stream(x, out, p0, p1):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    hardtanh(x[:h], out[:h], p0, p1)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        hardtanh(x[c:c + m], buf[k:k + m], p0, p1)
        _stream.store(out, c, buf, k, m)
        c += m
    hardtanh(x[c:], out[c:], p0, p1)
    _stream.fence()


@_split
def hardtanh_stream_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardtanh_stream(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh_stream(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardtanh_backward(grad, x, out, min_val, max_val):
    min_val = _cast(out, min_val)
    max_val = _cast(out, max_val)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val, max_val)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.hardtanh_backward(_fence(grad[i], zero), x[i], min_val, max_val)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardtanh_backward(grad[i], _fence(x[i], zero), min_val, max_val)
        return
    for i in range(out.size):
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val, max_val)


@_split
def hardtanh_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardtanh_backward(grad[:h], x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardtanh_double_backward(gg, grad, x, dgrad, dx, p0, p1):
    p0 = _cast(dx, p0)
    p1 = _cast(dx, p1)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.hardtanh_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_2(xi, p0, p1)


@_split
def hardtanh_double_backward_split(gg, grad, x, dgrad, dx, p0, p1, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardtanh_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0, p1)


@_loop
def hardsigmoid(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardsigmoid(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardsigmoid(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.hardsigmoid(x[i])


@_split
def hardsigmoid_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardsigmoid(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid(x[lo:hi], out[lo:hi])


@_loop
def hardsigmoid_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardsigmoid_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.hardsigmoid_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardsigmoid_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.hardsigmoid_backward(grad[i], x[i])


@_split
def hardsigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardsigmoid_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def hardsigmoid_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.hardsigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)


@_split
def hardsigmoid_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardsigmoid_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@jit(nogil=True, interleave={'float32': 4})
def logit(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.logit(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.logit_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.logit_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.logit(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.logit_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.logit(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.logit_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.logit_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.logit_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.logit(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.logit_fast(x[i])
            ok &= _logistic.logit_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.logit_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.logit_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.logit(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.logit_fast(x_b[i])


@_split
def logit_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            logit(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            logit(x[c:e], out[c:e])


@_loop
def logit_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.logit_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _logistic.logit_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.logit_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.logit_backward(grad[i], x[i])


@_split
def logit_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            logit_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            logit_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def logit_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.logit_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.logit_derivative2(xi)


@_split
def logit_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            logit_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            logit_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def sparse_sigmoid(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.sparse_sigmoid(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.sparse_sigmoid(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.sparse_sigmoid(x[i])


@_split
def sparse_sigmoid_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_sigmoid(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid(x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid_stream(x, out):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    sparse_sigmoid(x[:h], out[:h])
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        sparse_sigmoid(x[c:c + m], buf[k:k + m])
        _stream.store(out, c, buf, k, m)
        c += m
    sparse_sigmoid(x[c:], out[c:])
    _stream.fence()


@_split
def sparse_sigmoid_stream_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_sigmoid_stream(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid_stream(x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.sparse_sigmoid_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.sparse_sigmoid_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], x[i])


@_split
def sparse_sigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_sigmoid_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.sparse_sigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)


@_split
def sparse_sigmoid_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_sigmoid_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def log1mexp(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.log1mexp(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.log1mexp_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.log1mexp_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.log1mexp(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.log1mexp_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.log1mexp(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.log1mexp_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.log1mexp_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.log1mexp_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.log1mexp(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form and the test of every element
        for i in range(out.size):
            out[i] = _exponential.log1mexp_fast(x[i])
            ok &= _exponential.log1mexp_fast_ok(x[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.log1mexp_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.log1mexp(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.log1mexp_fast(x_b[i])


@_split
def log1mexp_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log1mexp(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            log1mexp(x[c:e], out[c:e])


@jit(nogil=True, interleave={'float64': 4})
def log1mexp_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.log1mexp_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _exponential.log1mexp_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _exponential.log1mexp_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _exponential.log1mexp_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _exponential.log1mexp_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.log1mexp_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _exponential.log1mexp_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _exponential.log1mexp_backward_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _exponential.log1mexp_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _exponential.log1mexp_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _exponential.log1mexp_backward_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _exponential.log1mexp_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _exponential.log1mexp_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _exponential.log1mexp_backward_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _exponential.log1mexp_backward_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _exponential.log1mexp_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form and the test of every element
        for i in range(out.size):
            out[i] = _exponential.log1mexp_backward_fast(grad[i], x[i])
            ok &= _exponential.log1mexp_backward_fast_ok(x[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _exponential.log1mexp_backward_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _exponential.log1mexp_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _exponential.log1mexp_backward_fast(grad_b[i], x_b[i])


@_split
def log1mexp_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log1mexp_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            log1mexp_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def log1mexp_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _exponential.log1mexp_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.log1mexp_derivative2(xi)


@_split
def log1mexp_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log1mexp_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            log1mexp_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def sparse_plus(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.sparse_plus(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.sparse_plus(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.sparse_plus(x[i])


@_split
def sparse_plus_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_plus(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus(x[lo:hi], out[lo:hi])


@_loop
def sparse_plus_stream(x, out):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    sparse_plus(x[:h], out[:h])
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        sparse_plus(x[c:c + m], buf[k:k + m])
        _stream.store(out, c, buf, k, m)
        c += m
    sparse_plus(x[c:], out[c:])
    _stream.fence()


@_split
def sparse_plus_stream_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_plus_stream(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus_stream(x[lo:hi], out[lo:hi])


@_loop
def sparse_plus_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.sparse_plus_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.sparse_plus_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.sparse_plus_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.sparse_plus_backward(grad[i], x[i])


@_split
def sparse_plus_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_plus_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def sparse_plus_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.sparse_plus_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.sparse_plus_derivative2(xi)


@_split
def sparse_plus_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_plus_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def hardswish(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardswish(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardswish(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.hardswish(x[i])


@_split
def hardswish_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardswish(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish(x[lo:hi], out[lo:hi])


@_loop
def hardswish_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardswish_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.hardswish_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardswish_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.hardswish_backward(grad[i], x[i])


@_split
def hardswish_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardswish_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def hardswish_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.hardswish_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.hardswish_derivative2(xi)


@_split
def hardswish_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardswish_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@jit(nogil=True, interleave={'float64': 4})
def log_sigmoid(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.log_sigmoid(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.log_sigmoid_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.log_sigmoid_fast(_fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.log_sigmoid(_fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.log_sigmoid_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.log_sigmoid(_fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.log_sigmoid_fast(_fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.log_sigmoid_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.log_sigmoid_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.log_sigmoid(x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.log_sigmoid_fast(x[i])
            ok &= _logistic.log_sigmoid_fast_ok(x_a[i])
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.log_sigmoid_fast(x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.log_sigmoid_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.log_sigmoid(x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.log_sigmoid_fast(x_b[i])


@_split
def log_sigmoid_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log_sigmoid(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            log_sigmoid(x[c:e], out[c:e])


@_loop
def log_sigmoid_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.log_sigmoid_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(grad.size):
            nbad += not _logistic.log_sigmoid_fast_ok(x[i])
        if nbad == 0:
            for i in range(grad.size):
                grad[i] = _logistic.log_sigmoid_backward_fast(_fence(grad[i], zero), x[i])
            return
        if 1024 * nbad >= 6 * grad.size:  # (MOSTLY_FAILING)
            for i in range(grad.size):
                grad[i] = _logistic.log_sigmoid_backward(_fence(grad[i], zero), x[i])
            return
        for b in range(0, grad.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(grad_b.size):
                okb &= _logistic.log_sigmoid_fast_ok(x_b[i])
            if not okb:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.log_sigmoid_backward(_fence(grad_b[i], zero), x_b[i])
            else:
                for i in range(grad_b.size):
                    grad_b[i] = _logistic.log_sigmoid_backward_fast(_fence(grad_b[i], zero), x_b[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        nbad = 0
        for i in range(x.size):
            nbad += not _logistic.log_sigmoid_fast_ok(x[i])
        if nbad == 0:
            for i in range(x.size):
                x[i] = _logistic.log_sigmoid_backward_fast(grad[i], _fence(x[i], zero))
            return
        if 1024 * nbad >= 6 * x.size:  # (MOSTLY_FAILING)
            for i in range(x.size):
                x[i] = _logistic.log_sigmoid_backward(grad[i], _fence(x[i], zero))
            return
        for b in range(0, x.size, 256):
            grad_b = grad[b:b + 256]
            x_b = x[b:b + 256]
            okb = True
            for i in range(x_b.size):
                okb &= _logistic.log_sigmoid_fast_ok(x_b[i])
            if not okb:
                for i in range(x_b.size):
                    x_b[i] = _logistic.log_sigmoid_backward(grad_b[i], _fence(x_b[i], zero))
            else:
                for i in range(x_b.size):
                    x_b[i] = _logistic.log_sigmoid_backward_fast(grad_b[i], _fence(x_b[i], zero))
        return
    first = True
    some = False
    for i in range(min(out.size, 256)):
        okx = _logistic.log_sigmoid_fast_ok(x[i])
        first &= okx
        some |= okx
    if not first and some:  # (the first block fails: how many of the probe?)
        nbad = 0
        for i in range(min(out.size, 1024)):
            nbad += not _logistic.log_sigmoid_fast_ok(x[i])
        some = not (1024 * nbad >= 6 * min(out.size, 1024))
    if not some:  # (no element of the first block passes, or many of the probe fail)
        for i in range(out.size):
            out[i] = _logistic.log_sigmoid_backward(grad[i], x[i])
        return
    # (the flat pass writes out before it knows whether a block fails: not where
    # out overlaps an input, which the blocks would then read back as results)
    flat = first and not (_shares(grad, out) or _shares(x, out))
    ok = flat
    if flat:  # one flat pass: the short form, and the test one block ahead
        x_a = x[256:]  # (the first block: tested above)
        for i in range(x_a.size):
            out[i] = _logistic.log_sigmoid_backward_fast(grad[i], x[i])
            ok &= _logistic.log_sigmoid_fast_ok(x_a[i])
        grad_z = grad[x_a.size:]
        x_z = x[x_a.size:]
        out_z = out[x_a.size:]
        for i in range(out_z.size):  # (the last block: slices, see _blocks)
            out_z[i] = _logistic.log_sigmoid_backward_fast(grad_z[i], x_z[i])
    if ok:
        return
    for b in range(0, out.size, 256):
        grad_b = grad[b:b + 256]
        x_b = x[b:b + 256]
        out_b = out[b:b + 256]
        okb = True
        for i in range(out_b.size):
            okb &= _logistic.log_sigmoid_fast_ok(x_b[i])
        if not okb:
            for i in range(out_b.size):
                out_b[i] = _logistic.log_sigmoid_backward(grad_b[i], x_b[i])
        elif not flat:  # (else the flat pass wrote the block)
            for i in range(out_b.size):
                out_b[i] = _logistic.log_sigmoid_backward_fast(grad_b[i], x_b[i])


@_split
def log_sigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log_sigmoid_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        for c in range(lo, hi, 16384):
            e = min(c + 16384, hi)
            log_sigmoid_backward(grad[c:e], x[c:e], out[c:e])


@_loop
def log_sigmoid_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.log_sigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.log_sigmoid_derivative2(xi)


@_split
def log_sigmoid_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log_sigmoid_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            log_sigmoid_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def tanhshrink(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanhshrink(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanhshrink(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanhshrink(x[i])


@_split
def tanhshrink_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanhshrink(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink(x[lo:hi], out[lo:hi])


@jit(nogil=True, interleave={'float32': 4, 'float64': 4})
def tanhshrink_backward(grad, x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanhshrink_backward(grad[i], x[i])
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _logistic.tanhshrink_backward(_fence(grad[i], zero), x[i])
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanhshrink_backward(grad[i], _fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanhshrink_backward(grad[i], x[i])


@_split
def tanhshrink_backward_split(grad, x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanhshrink_backward(grad[:h], x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def tanhshrink_double_backward(gg, grad, x, dgrad, dx):
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.tanhshrink_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.tanhshrink_derivative2(xi)


@_split
def tanhshrink_double_backward_split(gg, grad, x, dgrad, dx, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanhshrink_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi])


@_loop
def hardshrink(x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardshrink(x[i], lambd)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardshrink(_fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.hardshrink(x[i], lambd)


@_split
def hardshrink_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardshrink(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink(x[lo:hi], out[lo:hi], p0)


@_loop
def hardshrink_stream(x, out, p0):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    hardshrink(x[:h], out[:h], p0)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        hardshrink(x[c:c + m], buf[k:k + m], p0)
        _stream.store(out, c, buf, k, m)
        c += m
    hardshrink(x[c:], out[c:], p0)
    _stream.fence()


@_split
def hardshrink_stream_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardshrink_stream(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink_stream(x[lo:hi], out[lo:hi], p0)


@_loop
def hardshrink_backward(grad, x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.hardshrink_backward(_fence(grad[i], zero), x[i], lambd)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardshrink_backward(grad[i], _fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd)


@_split
def hardshrink_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardshrink_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def hardshrink_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.hardshrink_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)


@_split
def hardshrink_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardshrink_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@_loop
def softshrink(x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.softshrink(x[i], lambd)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.softshrink(_fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.softshrink(x[i], lambd)


@_split
def softshrink_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softshrink(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink(x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink_stream(x, out, p0):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    softshrink(x[:h], out[:h], p0)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        softshrink(x[c:c + m], buf[k:k + m], p0)
        _stream.store(out, c, buf, k, m)
        c += m
    softshrink(x[c:], out[c:], p0)
    _stream.fence()


@_split
def softshrink_stream_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softshrink_stream(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink_stream(x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink_backward(grad, x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.softshrink_backward(_fence(grad[i], zero), x[i], lambd)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.softshrink_backward(grad[i], _fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd)


@_split
def softshrink_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softshrink_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.softshrink_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)


@_split
def softshrink_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softshrink_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@_loop
def threshold(x, out, threshold, value):
    threshold = _cast(out, threshold)
    value = _cast(out, value)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.threshold(x[i], threshold, value)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.threshold(_fence(x[i], zero), threshold, value)
        return
    for i in range(out.size):
        out[i] = _piecewise.threshold(x[i], threshold, value)


@_split
def threshold_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            threshold(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def threshold_stream(x, out, p0, p1):
    buf = _stream.buffer(out)
    k = _stream.head(buf)
    h = _stream.head(out)
    threshold(x[:h], out[:h], p0, p1)
    c = h
    m = _stream.chunk(out)
    while c + m <= out.size:
        threshold(x[c:c + m], buf[k:k + m], p0, p1)
        _stream.store(out, c, buf, k, m)
        c += m
    threshold(x[c:], out[c:], p0, p1)
    _stream.fence()


@_split
def threshold_stream_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            threshold_stream(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold_stream(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def threshold_backward(grad, x, out, threshold, value):
    threshold = _cast(out, threshold)
    value = _cast(out, value)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold, value)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _piecewise.threshold_backward(_fence(grad[i], zero), x[i], threshold, value)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.threshold_backward(grad[i], _fence(x[i], zero), threshold, value)
        return
    for i in range(out.size):
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold, value)


@_split
def threshold_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            threshold_backward(grad[:h], x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def threshold_double_backward(gg, grad, x, dgrad, dx, p0, p1):
    p0 = _cast(dx, p0)
    p1 = _cast(dx, p1)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _piecewise.threshold_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_2(xi, p0, p1)


@_split
def threshold_double_backward_split(gg, grad, x, dgrad, dx, p0, p1, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            threshold_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0, p1)


@_loop
def squareplus(x, out, b):
    b = _cast(out, b)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.squareplus(x[i], b)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.squareplus(_fence(x[i], zero), b)
        return
    for i in range(out.size):
        out[i] = _logistic.squareplus(x[i], b)


@_split
def squareplus_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            squareplus(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus(x[lo:hi], out[lo:hi], p0)


@jit(nogil=True, interleave={'float32': 4})
def squareplus_backward(grad, x, out, b):
    b = _cast(out, b)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b)
    grad = grad[h:]
    x = x[h:]
    out = out[h:]
    if _same(grad, out):  # (in place: the loop on grad alone)
        zero = grad.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(grad.size):
            grad[i] = _logistic.squareplus_backward(_fence(grad[i], zero), x[i], b)
        return
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.squareplus_backward(grad[i], _fence(x[i], zero), b)
        return
    for i in range(out.size):
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b)


@_split
def squareplus_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            squareplus_backward(grad[:h], x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def squareplus_double_backward(gg, grad, x, dgrad, dx, p0):
    p0 = _cast(dx, p0)
    for i in range(dx.size):
        xi = x[i]
        dgrad[i] = _logistic.squareplus_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.squareplus_derivative2(xi, p0)


@_split
def squareplus_double_backward_split(gg, grad, x, dgrad, dx, p0, nthreads):
    n = dx.size
    h = _stream.head(dx)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            squareplus_double_backward(gg[:h], grad[:h], x[:h], dgrad[:h], dx[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus_double_backward(gg[lo:hi], grad[lo:hi], x[lo:hi], dgrad[lo:hi], dx[lo:hi], p0)


@_loop
def identity_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def identity_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            identity_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity_derivative2(x[lo:hi], out[lo:hi])


@_loop
def identity_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def identity_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            identity_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity_derivative3(x[lo:hi], out[lo:hi])


@_loop
def binary_step_derivative2(x, out, threshold):
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], threshold)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), threshold)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], threshold)


@_split
def binary_step_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            binary_step_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def binary_step_derivative3(x, out, threshold):
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], threshold)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), threshold)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], threshold)


@_split
def binary_step_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            binary_step_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def sigmoid_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.sigmoid_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.sigmoid_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.sigmoid_derivative2(x[i])


@_split
def sigmoid_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sigmoid_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sigmoid_derivative2(x[lo:hi], out[lo:hi])


@_loop
def sigmoid_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.sigmoid_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.sigmoid_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.sigmoid_derivative3(x[i])


@_split
def sigmoid_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sigmoid_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sigmoid_derivative3(x[lo:hi], out[lo:hi])


@_loop
def tanh_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanh_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanh_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanh_derivative2(x[i])


@_split
def tanh_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanh_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanh_derivative2(x[lo:hi], out[lo:hi])


@_loop
def tanh_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanh_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanh_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanh_derivative3(x[i])


@_split
def tanh_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanh_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanh_derivative3(x[lo:hi], out[lo:hi])


@_loop
def relu_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def relu_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu_derivative2(x[lo:hi], out[lo:hi])


@_loop
def relu_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def relu_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu_derivative3(x[lo:hi], out[lo:hi])


@_loop
def relu6_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def relu6_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu6_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6_derivative2(x[lo:hi], out[lo:hi])


@_loop
def relu6_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def relu6_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            relu6_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6_derivative3(x[lo:hi], out[lo:hi])


@_loop
def leaky_relu_derivative2(x, out, negative_slope):
    negative_slope = _cast(out, negative_slope)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], negative_slope)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), negative_slope)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], negative_slope)


@_split
def leaky_relu_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            leaky_relu_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def leaky_relu_derivative3(x, out, negative_slope):
    negative_slope = _cast(out, negative_slope)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], negative_slope)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), negative_slope)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], negative_slope)


@_split
def leaky_relu_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            leaky_relu_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def prelu_derivative2(x, out, weight):
    weight = _cast(out, weight)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], weight)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), weight)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], weight)


@_split
def prelu_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            prelu_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def prelu_derivative3(x, out, weight):
    weight = _cast(out, weight)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], weight)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), weight)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], weight)


@_split
def prelu_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            prelu_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def rrelu_derivative2(x, out, lower, upper):
    lower = _cast(out, lower)
    upper = _cast(out, upper)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_2(x[i], lower, upper)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_2(_fence(x[i], zero), lower, upper)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_2(x[i], lower, upper)


@_split
def rrelu_derivative2_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            rrelu_derivative2(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu_derivative2(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def rrelu_derivative3(x, out, lower, upper):
    lower = _cast(out, lower)
    upper = _cast(out, upper)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_2(x[i], lower, upper)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_2(_fence(x[i], zero), lower, upper)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_2(x[i], lower, upper)


@_split
def rrelu_derivative3_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            rrelu_derivative3(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu_derivative3(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def elu_derivative2(x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.elu_derivative2(x[i], alpha)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.elu_derivative2(_fence(x[i], zero), alpha)
        return
    for i in range(out.size):
        out[i] = _exponential.elu_derivative2(x[i], alpha)


@_split
def elu_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            elu_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            elu_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def elu_derivative3(x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.elu_derivative3(x[i], alpha)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.elu_derivative3(_fence(x[i], zero), alpha)
        return
    for i in range(out.size):
        out[i] = _exponential.elu_derivative3(x[i], alpha)


@_split
def elu_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            elu_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            elu_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def selu_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.selu_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.selu_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _exponential.selu_derivative2(x[i])


@_split
def selu_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            selu_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            selu_derivative2(x[lo:hi], out[lo:hi])


@_loop
def selu_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.selu_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.selu_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _exponential.selu_derivative3(x[i])


@_split
def selu_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            selu_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            selu_derivative3(x[lo:hi], out[lo:hi])


@_loop
def celu_derivative2(x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.celu_derivative2(x[i], alpha)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.celu_derivative2(_fence(x[i], zero), alpha)
        return
    for i in range(out.size):
        out[i] = _exponential.celu_derivative2(x[i], alpha)


@_split
def celu_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            celu_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            celu_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def celu_derivative3(x, out, alpha):
    alpha = _cast(out, alpha)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.celu_derivative3(x[i], alpha)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.celu_derivative3(_fence(x[i], zero), alpha)
        return
    for i in range(out.size):
        out[i] = _exponential.celu_derivative3(x[i], alpha)


@_split
def celu_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            celu_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            celu_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def gelu_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _gaussian.gelu_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _gaussian.gelu_derivative2(x[i])


@_split
def gelu_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_derivative2(x[lo:hi], out[lo:hi])


@_loop
def gelu_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _gaussian.gelu_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _gaussian.gelu_derivative3(x[i])


@_split
def gelu_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_derivative3(x[lo:hi], out[lo:hi])


@_loop
def gelu_tanh_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_tanh_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _gaussian.gelu_tanh_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _gaussian.gelu_tanh_derivative2(x[i])


@_split
def gelu_tanh_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_tanh_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_tanh_derivative2(x[lo:hi], out[lo:hi])


@_loop
def gelu_tanh_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _gaussian.gelu_tanh_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _gaussian.gelu_tanh_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _gaussian.gelu_tanh_derivative3(x[i])


@_split
def gelu_tanh_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            gelu_tanh_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_tanh_derivative3(x[lo:hi], out[lo:hi])


@_loop
def silu_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.silu_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.silu_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.silu_derivative2(x[i])


@_split
def silu_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            silu_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            silu_derivative2(x[lo:hi], out[lo:hi])


@_loop
def silu_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.silu_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.silu_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.silu_derivative3(x[i])


@_split
def silu_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            silu_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            silu_derivative3(x[lo:hi], out[lo:hi])


@_loop
def swish_derivative2(x, out, beta):
    beta = _cast(out, beta)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.swish_derivative2(x[i], beta)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.swish_derivative2(_fence(x[i], zero), beta)
        return
    for i in range(out.size):
        out[i] = _logistic.swish_derivative2(x[i], beta)


@_split
def swish_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            swish_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            swish_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def swish_derivative3(x, out, beta):
    beta = _cast(out, beta)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.swish_derivative3(x[i], beta)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.swish_derivative3(_fence(x[i], zero), beta)
        return
    for i in range(out.size):
        out[i] = _logistic.swish_derivative3(x[i], beta)


@_split
def swish_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            swish_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            swish_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def mish_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.mish_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.mish_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.mish_derivative2(x[i])


@_split
def mish_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            mish_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            mish_derivative2(x[lo:hi], out[lo:hi])


@_loop
def mish_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.mish_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.mish_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.mish_derivative3(x[i])


@_split
def mish_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            mish_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            mish_derivative3(x[lo:hi], out[lo:hi])


@_loop
def softplus_derivative2(x, out, beta, threshold):
    beta = _cast(out, beta)
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softplus_derivative2(x[i], beta, threshold)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.softplus_derivative2(_fence(x[i], zero), beta, threshold)
        return
    for i in range(out.size):
        out[i] = _logistic.softplus_derivative2(x[i], beta, threshold)


@_split
def softplus_derivative2_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softplus_derivative2(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softplus_derivative2(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def softplus_derivative3(x, out, beta, threshold):
    beta = _cast(out, beta)
    threshold = _cast(out, threshold)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softplus_derivative3(x[i], beta, threshold)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.softplus_derivative3(_fence(x[i], zero), beta, threshold)
        return
    for i in range(out.size):
        out[i] = _logistic.softplus_derivative3(x[i], beta, threshold)


@_split
def softplus_derivative3_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softplus_derivative3(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softplus_derivative3(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def softsign_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softsign_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.softsign_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.softsign_derivative2(x[i])


@_split
def softsign_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softsign_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign_derivative2(x[lo:hi], out[lo:hi])


@_loop
def softsign_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.softsign_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.softsign_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.softsign_derivative3(x[i])


@_split
def softsign_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softsign_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign_derivative3(x[lo:hi], out[lo:hi])


@_loop
def hardtanh_derivative2(x, out, min_val, max_val):
    min_val = _cast(out, min_val)
    max_val = _cast(out, max_val)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_2(_fence(x[i], zero), min_val, max_val)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)


@_split
def hardtanh_derivative2_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardtanh_derivative2(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh_derivative2(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardtanh_derivative3(x, out, min_val, max_val):
    min_val = _cast(out, min_val)
    max_val = _cast(out, max_val)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_2(_fence(x[i], zero), min_val, max_val)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)


@_split
def hardtanh_derivative3_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardtanh_derivative3(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh_derivative3(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardsigmoid_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def hardsigmoid_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardsigmoid_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid_derivative2(x[lo:hi], out[lo:hi])


@_loop
def hardsigmoid_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def hardsigmoid_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardsigmoid_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid_derivative3(x[lo:hi], out[lo:hi])


@_loop
def logit_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.logit_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.logit_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.logit_derivative2(x[i])


@_split
def logit_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            logit_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            logit_derivative2(x[lo:hi], out[lo:hi])


@_loop
def logit_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.logit_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.logit_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.logit_derivative3(x[i])


@_split
def logit_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            logit_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            logit_derivative3(x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def sparse_sigmoid_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_sigmoid_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid_derivative2(x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def sparse_sigmoid_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_sigmoid_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid_derivative3(x[lo:hi], out[lo:hi])


@_loop
def log1mexp_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.log1mexp_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.log1mexp_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _exponential.log1mexp_derivative2(x[i])


@_split
def log1mexp_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log1mexp_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            log1mexp_derivative2(x[lo:hi], out[lo:hi])


@_loop
def log1mexp_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _exponential.log1mexp_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _exponential.log1mexp_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _exponential.log1mexp_derivative3(x[i])


@_split
def log1mexp_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log1mexp_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            log1mexp_derivative3(x[lo:hi], out[lo:hi])


@_loop
def sparse_plus_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.sparse_plus_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.sparse_plus_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.sparse_plus_derivative2(x[i])


@_split
def sparse_plus_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_plus_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus_derivative2(x[lo:hi], out[lo:hi])


@_loop
def sparse_plus_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def sparse_plus_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            sparse_plus_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus_derivative3(x[lo:hi], out[lo:hi])


@_loop
def hardswish_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.hardswish_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.hardswish_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.hardswish_derivative2(x[i])


@_split
def hardswish_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardswish_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish_derivative2(x[lo:hi], out[lo:hi])


@_loop
def hardswish_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _piecewise.zero(x[i])


@_split
def hardswish_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardswish_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish_derivative3(x[lo:hi], out[lo:hi])


@_loop
def log_sigmoid_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.log_sigmoid_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.log_sigmoid_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.log_sigmoid_derivative2(x[i])


@_split
def log_sigmoid_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log_sigmoid_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            log_sigmoid_derivative2(x[lo:hi], out[lo:hi])


@_loop
def log_sigmoid_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.log_sigmoid_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.log_sigmoid_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.log_sigmoid_derivative3(x[i])


@_split
def log_sigmoid_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            log_sigmoid_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            log_sigmoid_derivative3(x[lo:hi], out[lo:hi])


@_loop
def tanhshrink_derivative2(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanhshrink_derivative2(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanhshrink_derivative2(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanhshrink_derivative2(x[i])


@_split
def tanhshrink_derivative2_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanhshrink_derivative2(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink_derivative2(x[lo:hi], out[lo:hi])


@_loop
def tanhshrink_derivative3(x, out):
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.tanhshrink_derivative3(x[i])
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.tanhshrink_derivative3(_fence(x[i], zero))
        return
    for i in range(out.size):
        out[i] = _logistic.tanhshrink_derivative3(x[i])


@_split
def tanhshrink_derivative3_split(x, out, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            tanhshrink_derivative3(x[:h], out[:h])
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink_derivative3(x[lo:hi], out[lo:hi])


@_loop
def hardshrink_derivative2(x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], lambd)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], lambd)


@_split
def hardshrink_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardshrink_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def hardshrink_derivative3(x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], lambd)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], lambd)


@_split
def hardshrink_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            hardshrink_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink_derivative2(x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], lambd)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], lambd)


@_split
def softshrink_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softshrink_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink_derivative3(x, out, lambd):
    lambd = _cast(out, lambd)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_1(x[i], lambd)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_1(_fence(x[i], zero), lambd)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_1(x[i], lambd)


@_split
def softshrink_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            softshrink_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink_derivative3(x[lo:hi], out[lo:hi], p0)


@_loop
def threshold_derivative2(x, out, threshold, value):
    threshold = _cast(out, threshold)
    value = _cast(out, value)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_2(x[i], threshold, value)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_2(_fence(x[i], zero), threshold, value)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_2(x[i], threshold, value)


@_split
def threshold_derivative2_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            threshold_derivative2(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold_derivative2(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def threshold_derivative3(x, out, threshold, value):
    threshold = _cast(out, threshold)
    value = _cast(out, value)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _piecewise.zero_2(x[i], threshold, value)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _piecewise.zero_2(_fence(x[i], zero), threshold, value)
        return
    for i in range(out.size):
        out[i] = _piecewise.zero_2(x[i], threshold, value)


@_split
def threshold_derivative3_split(x, out, p0, p1, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            threshold_derivative3(x[:h], out[:h], p0, p1)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold_derivative3(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def squareplus_derivative2(x, out, b):
    b = _cast(out, b)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.squareplus_derivative2(x[i], b)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.squareplus_derivative2(_fence(x[i], zero), b)
        return
    for i in range(out.size):
        out[i] = _logistic.squareplus_derivative2(x[i], b)


@_split
def squareplus_derivative2_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            squareplus_derivative2(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus_derivative2(x[lo:hi], out[lo:hi], p0)


@_loop
def squareplus_derivative3(x, out, b):
    b = _cast(out, b)
    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)
    for i in range(h):
        out[i] = _logistic.squareplus_derivative3(x[i], b)
    x = x[h:]
    out = out[h:]
    if _same(x, out):  # (in place: the loop on x alone)
        zero = x.size >> 62  # (0, which LLVM cannot know: scalar.fence)
        for i in range(x.size):
            x[i] = _logistic.squareplus_derivative3(_fence(x[i], zero), b)
        return
    for i in range(out.size):
        out[i] = _logistic.squareplus_derivative3(x[i], b)


@_split
def squareplus_derivative3_split(x, out, p0, nthreads):
    n = out.size
    h = _stream.head(out)  # (before its first 64-byte boundary: thread 0's)
    step = (n - h + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        if j == 0 and h > 0:
            squareplus_derivative3(x[:h], out[:h], p0)
        lo = h + j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus_derivative3(x[lo:hi], out[lo:hi], p0)
