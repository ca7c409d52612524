"""Grid-stride CUDA kernels, one per kernel and direction (generated; do not edit).

Made by ``python -m fastact._tools.generate --write`` (``make generate``).
``NAME(out, x, *params)`` and ``NAME_backward(out, grad, x, *params)`` over 1-d arrays
of one dtype, the parameters scalars of that dtype; ``NAME_p`` / ``NAME_backward_p``
take the parameters as arrays of ``out``'s length.  Launched by :mod:`fastact.cuda`.
``NAME_nd`` / ``NAME_nd_p`` (and the backward's): the same over 4-d views of any
strides (:func:`fastact._core.templates.cuda_nd_sources`).
``NAME_bias``, ``NAME_bias_backward``, ``NAME_gated``, ``NAME_gated_backward``: the
fused forms (:func:`fastact._core.templates.cuda_fused_sources`), launched by
:mod:`fastact._cuda.fused`.  ``NAME_derivative2`` / ``NAME_derivative3`` (and their
``_nd``): the second and third derivatives;
``NAME_double_backward(dgrad, dx, gg, grad, x, *params)``.
"""

# kernels: 5509a3465cf7dc1314869dd865cee35589cfecd1fdf6b7d9eacdb34aa4521177
# numba.cuda's intrinsics (cuda.grid & co) have no usable types:
# mypy: ignore-errors

from numba import cuda
from numba import float64 as _f64
from numba import uint64 as _u64

from ..kernels import exponential as _exponential
from ..kernels import gaussian as _gaussian
from ..kernels import logistic as _logistic
from ..kernels import piecewise as _piecewise
from ..kernels.scalar import cast_like as _cast
from ..kernels.scalar import nd_index as _nd_index
from ..kernels.scalar import nd_next as _nd_next

_kernel = cuda.jit(cache=True)


@_kernel
def identity(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.identity(x[i])
        i += step


@_kernel
def identity_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.identity(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def identity_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.identity_backward(grad[i], x[i])
        i += step


@_kernel
def identity_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.identity_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def identity_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.identity(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def identity_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.identity_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def identity_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.identity(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def identity_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.identity_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.identity(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def identity_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.identity_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)
        i += step


@_kernel
def binary_step(out, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step(x[i], threshold)
        i += step


@_kernel
def binary_step_p(out, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step(x[i], threshold[i])
        i += step


@_kernel
def binary_step_nd(out, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.binary_step(x[i], threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_nd_p(out, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.binary_step(x[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_backward(out, grad, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold)
        i += step


@_kernel
def binary_step_backward_p(out, grad, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold[i])
        i += step


@_kernel
def binary_step_backward_nd(out, grad, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_backward_nd_p(out, grad, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.binary_step(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def binary_step_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.binary_step_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def binary_step_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.binary_step(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def binary_step_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.binary_step_backward(gv, z, p0)
        dv[vi] = gr * _cast(dv, _piecewise.binary_step(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def binary_step_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.binary_step_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)
        i += step


@_kernel
def sigmoid(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.sigmoid_fast_ok(x[i]):
            out[i] = _logistic.sigmoid_fast(x[i])
        else:
            out[i] = _logistic.sigmoid(x[i])
        i += step


@_kernel
def sigmoid_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.sigmoid_fast_ok(x[i]):
            out[i] = _logistic.sigmoid_fast(x[i])
        else:
            out[i] = _logistic.sigmoid(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sigmoid_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.sigmoid_fast_ok(x[i]):
            out[i] = _logistic.sigmoid_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.sigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def sigmoid_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.sigmoid_fast_ok(x[i]):
            out[i] = _logistic.sigmoid_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.sigmoid_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sigmoid_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.sigmoid_fast_ok(z):
            out[i] = _logistic.sigmoid_fast(z)
        else:
            out[i] = _logistic.sigmoid(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sigmoid_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.sigmoid_fast_ok(z):
            out[i] = _logistic.sigmoid_backward_fast(grad[i], z)
        else:
            out[i] = _logistic.sigmoid_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sigmoid_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.sigmoid_fast_ok(z):
            fz = _cast(out, _logistic.sigmoid_fast(z))
        else:
            fz = _cast(out, _logistic.sigmoid(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sigmoid_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.sigmoid_fast_ok(z):
            dg[gi] = _logistic.sigmoid_backward_fast(gv, z)
        else:
            dg[gi] = _logistic.sigmoid_backward(gv, z)
        if _logistic.sigmoid_fast_ok(z):
            dv[vi] = gr * _cast(dv, _logistic.sigmoid_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _logistic.sigmoid(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sigmoid_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.sigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.sigmoid_derivative2(xi)
        i += step


@_kernel
def tanh(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanh(x[i])
        i += step


@_kernel
def tanh_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanh(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanh_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.tanh_backward_fast_ok(x[i]):
            out[i] = _logistic.tanh_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.tanh_backward(grad[i], x[i])
        i += step


@_kernel
def tanh_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.tanh_backward_fast_ok(x[i]):
            out[i] = _logistic.tanh_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.tanh_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanh_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.tanh(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanh_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.tanh_backward_fast_ok(z):
            out[i] = _logistic.tanh_backward_fast(grad[i], z)
        else:
            out[i] = _logistic.tanh_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanh_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _logistic.tanh(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanh_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.tanh_backward_fast_ok(z):
            dg[gi] = _logistic.tanh_backward_fast(gv, z)
        else:
            dg[gi] = _logistic.tanh_backward(gv, z)
        dv[vi] = gr * _cast(dv, _logistic.tanh(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanh_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.tanh_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.tanh_derivative2(xi)
        i += step


@_kernel
def relu(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu(x[i])
        i += step


@_kernel
def relu_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.relu(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu_backward(grad[i], x[i])
        i += step


@_kernel
def relu_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.relu_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.relu(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.relu_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.relu(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.relu_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.relu(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.relu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)
        i += step


@_kernel
def relu6(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu6(x[i])
        i += step


@_kernel
def relu6_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.relu6(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu6_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu6_backward(grad[i], x[i])
        i += step


@_kernel
def relu6_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.relu6_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu6_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.relu6(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu6_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.relu6_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu6_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.relu6(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu6_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.relu6_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.relu6(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def relu6_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.relu6_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)
        i += step


@_kernel
def leaky_relu(out, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu(x[i], negative_slope)
        i += step


@_kernel
def leaky_relu_p(out, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu(x[i], negative_slope[i])
        i += step


@_kernel
def leaky_relu_nd(out, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.leaky_relu(x[i], negative_slope)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_nd_p(out, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.leaky_relu(x[i], negative_slope[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_backward(out, grad, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope)
        i += step


@_kernel
def leaky_relu_backward_p(out, grad, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope[i])
        i += step


@_kernel
def leaky_relu_backward_nd(out, grad, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_backward_nd_p(out, grad, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.leaky_relu(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def leaky_relu_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.leaky_relu_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def leaky_relu_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.leaky_relu(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def leaky_relu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.leaky_relu_backward(gv, z, p0)
        dv[vi] = gr * _cast(dv, _piecewise.leaky_relu(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def leaky_relu_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.leaky_relu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)
        i += step


@_kernel
def prelu(out, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu(x[i], weight)
        i += step


@_kernel
def prelu_p(out, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu(x[i], weight[i])
        i += step


@_kernel
def prelu_nd(out, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.prelu(x[i], weight)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_nd_p(out, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.prelu(x[i], weight[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_backward(out, grad, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight)
        i += step


@_kernel
def prelu_backward_p(out, grad, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight[i])
        i += step


@_kernel
def prelu_backward_nd(out, grad, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_backward_nd_p(out, grad, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.prelu(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def prelu_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.prelu_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def prelu_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.prelu(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def prelu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.prelu_backward(gv, z, p0)
        dv[vi] = gr * _cast(dv, _piecewise.prelu(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def prelu_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.prelu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)
        i += step


@_kernel
def rrelu(out, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu(x[i], lower, upper)
        i += step


@_kernel
def rrelu_p(out, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu(x[i], lower[i], upper[i])
        i += step


@_kernel
def rrelu_nd(out, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.rrelu(x[i], lower, upper)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_nd_p(out, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.rrelu(x[i], lower[i], upper[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_backward(out, grad, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower, upper)
        i += step


@_kernel
def rrelu_backward_p(out, grad, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower[i], upper[i])
        i += step


@_kernel
def rrelu_backward_nd(out, grad, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower, upper)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_backward_nd_p(out, grad, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower[i], upper[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_bias(out, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.rrelu(z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def rrelu_bias_backward(out, grad, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.rrelu_backward(grad[i], z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def rrelu_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.rrelu(z, p0, p1))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def rrelu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.rrelu_backward(gv, z, p0, p1)
        dv[vi] = gr * _cast(dv, _piecewise.rrelu(z, p0, p1))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def rrelu_double_backward(dgrad, dx, gg, grad, x, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.rrelu_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_2(xi, p0, p1)
        i += step


@_kernel
def elu(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.elu_fast_ok(x[i], alpha):
            out[i] = _exponential.elu_fast(x[i], alpha)
        else:
            out[i] = _exponential.elu(x[i], alpha)
        i += step


@_kernel
def elu_p(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.elu_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.elu_fast(x[i], alpha[i])
        else:
            out[i] = _exponential.elu(x[i], alpha[i])
        i += step


@_kernel
def elu_nd(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.elu_fast_ok(x[i], alpha):
            out[i] = _exponential.elu_fast(x[i], alpha)
        else:
            out[i] = _exponential.elu(x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_nd_p(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.elu_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.elu_fast(x[i], alpha[i])
        else:
            out[i] = _exponential.elu(x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_backward(out, grad, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.elu_backward_fast_ok(x[i], alpha):
            out[i] = _exponential.elu_backward_fast(grad[i], x[i], alpha)
        else:
            out[i] = _exponential.elu_backward(grad[i], x[i], alpha)
        i += step


@_kernel
def elu_backward_p(out, grad, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.elu_backward_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.elu_backward_fast(grad[i], x[i], alpha[i])
        else:
            out[i] = _exponential.elu_backward(grad[i], x[i], alpha[i])
        i += step


@_kernel
def elu_backward_nd(out, grad, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.elu_backward_fast_ok(x[i], alpha):
            out[i] = _exponential.elu_backward_fast(grad[i], x[i], alpha)
        else:
            out[i] = _exponential.elu_backward(grad[i], x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_backward_nd_p(out, grad, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.elu_backward_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.elu_backward_fast(grad[i], x[i], alpha[i])
        else:
            out[i] = _exponential.elu_backward(grad[i], x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.elu_fast_ok(z, p0):
            out[i] = _exponential.elu_fast(z, p0)
        else:
            out[i] = _exponential.elu(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def elu_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.elu_backward_fast_ok(z, p0):
            out[i] = _exponential.elu_backward_fast(grad[i], z, p0)
        else:
            out[i] = _exponential.elu_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def elu_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _exponential.elu_fast_ok(z, p0):
            fz = _cast(out, _exponential.elu_fast(z, p0))
        else:
            fz = _cast(out, _exponential.elu(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def elu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _exponential.elu_backward_fast_ok(z, p0):
            dg[gi] = _exponential.elu_backward_fast(gv, z, p0)
        else:
            dg[gi] = _exponential.elu_backward(gv, z, p0)
        if _exponential.elu_fast_ok(z, p0):
            dv[vi] = gr * _cast(dv, _exponential.elu_fast(z, p0))
        else:
            dv[vi] = gr * _cast(dv, _exponential.elu(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def elu_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _exponential.elu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.elu_derivative2(xi, p0)
        i += step


@_kernel
def selu(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.selu_fast_ok(x[i]):
            out[i] = _exponential.selu_fast(x[i])
        else:
            out[i] = _exponential.selu(x[i])
        i += step


@_kernel
def selu_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.selu_fast_ok(x[i]):
            out[i] = _exponential.selu_fast(x[i])
        else:
            out[i] = _exponential.selu(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def selu_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.selu_backward_fast_ok(x[i]):
            out[i] = _exponential.selu_backward_fast(grad[i], x[i])
        else:
            out[i] = _exponential.selu_backward(grad[i], x[i])
        i += step


@_kernel
def selu_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.selu_backward_fast_ok(x[i]):
            out[i] = _exponential.selu_backward_fast(grad[i], x[i])
        else:
            out[i] = _exponential.selu_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def selu_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.selu_fast_ok(z):
            out[i] = _exponential.selu_fast(z)
        else:
            out[i] = _exponential.selu(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def selu_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.selu_backward_fast_ok(z):
            out[i] = _exponential.selu_backward_fast(grad[i], z)
        else:
            out[i] = _exponential.selu_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def selu_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _exponential.selu_fast_ok(z):
            fz = _cast(out, _exponential.selu_fast(z))
        else:
            fz = _cast(out, _exponential.selu(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def selu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _exponential.selu_backward_fast_ok(z):
            dg[gi] = _exponential.selu_backward_fast(gv, z)
        else:
            dg[gi] = _exponential.selu_backward(gv, z)
        if _exponential.selu_fast_ok(z):
            dv[vi] = gr * _cast(dv, _exponential.selu_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _exponential.selu(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def selu_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _exponential.selu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.selu_derivative2(xi)
        i += step


@_kernel
def celu(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.celu_fast_ok(x[i], alpha):
            out[i] = _exponential.celu_fast(x[i], alpha)
        else:
            out[i] = _exponential.celu(x[i], alpha)
        i += step


@_kernel
def celu_p(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.celu_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.celu_fast(x[i], alpha[i])
        else:
            out[i] = _exponential.celu(x[i], alpha[i])
        i += step


@_kernel
def celu_nd(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.celu_fast_ok(x[i], alpha):
            out[i] = _exponential.celu_fast(x[i], alpha)
        else:
            out[i] = _exponential.celu(x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_nd_p(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.celu_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.celu_fast(x[i], alpha[i])
        else:
            out[i] = _exponential.celu(x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_backward(out, grad, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.celu_backward_fast_ok(x[i], alpha):
            out[i] = _exponential.celu_backward_fast(grad[i], x[i], alpha)
        else:
            out[i] = _exponential.celu_backward(grad[i], x[i], alpha)
        i += step


@_kernel
def celu_backward_p(out, grad, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.celu_backward_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.celu_backward_fast(grad[i], x[i], alpha[i])
        else:
            out[i] = _exponential.celu_backward(grad[i], x[i], alpha[i])
        i += step


@_kernel
def celu_backward_nd(out, grad, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.celu_backward_fast_ok(x[i], alpha):
            out[i] = _exponential.celu_backward_fast(grad[i], x[i], alpha)
        else:
            out[i] = _exponential.celu_backward(grad[i], x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_backward_nd_p(out, grad, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.celu_backward_fast_ok(x[i], alpha[i]):
            out[i] = _exponential.celu_backward_fast(grad[i], x[i], alpha[i])
        else:
            out[i] = _exponential.celu_backward(grad[i], x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.celu_fast_ok(z, p0):
            out[i] = _exponential.celu_fast(z, p0)
        else:
            out[i] = _exponential.celu(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def celu_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.celu_backward_fast_ok(z, p0):
            out[i] = _exponential.celu_backward_fast(grad[i], z, p0)
        else:
            out[i] = _exponential.celu_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def celu_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _exponential.celu_fast_ok(z, p0):
            fz = _cast(out, _exponential.celu_fast(z, p0))
        else:
            fz = _cast(out, _exponential.celu(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def celu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _exponential.celu_backward_fast_ok(z, p0):
            dg[gi] = _exponential.celu_backward_fast(gv, z, p0)
        else:
            dg[gi] = _exponential.celu_backward(gv, z, p0)
        if _exponential.celu_fast_ok(z, p0):
            dv[vi] = gr * _cast(dv, _exponential.celu_fast(z, p0))
        else:
            dv[vi] = gr * _cast(dv, _exponential.celu(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def celu_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _exponential.celu_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.celu_derivative2(xi, p0)
        i += step


@_kernel
def gelu(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _gaussian.gelu_fast_ok(x[i]):
            out[i] = _gaussian.gelu_fast(x[i])
        else:
            out[i] = _gaussian.gelu(x[i])
        i += step


@_kernel
def gelu_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _gaussian.gelu_fast_ok(x[i]):
            out[i] = _gaussian.gelu_fast(x[i])
        else:
            out[i] = _gaussian.gelu(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _gaussian.gelu_fast_ok(x[i]):
            out[i] = _gaussian.gelu_backward_fast(grad[i], x[i])
        else:
            out[i] = _gaussian.gelu_backward(grad[i], x[i])
        i += step


@_kernel
def gelu_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _gaussian.gelu_fast_ok(x[i]):
            out[i] = _gaussian.gelu_backward_fast(grad[i], x[i])
        else:
            out[i] = _gaussian.gelu_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _gaussian.gelu_fast_ok(z):
            out[i] = _gaussian.gelu_fast(z)
        else:
            out[i] = _gaussian.gelu(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _gaussian.gelu_fast_ok(z):
            out[i] = _gaussian.gelu_backward_fast(grad[i], z)
        else:
            out[i] = _gaussian.gelu_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _gaussian.gelu_fast_ok(z):
            fz = _cast(out, _gaussian.gelu_fast(z))
        else:
            fz = _cast(out, _gaussian.gelu(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _gaussian.gelu_fast_ok(z):
            dg[gi] = _gaussian.gelu_backward_fast(gv, z)
        else:
            dg[gi] = _gaussian.gelu_backward(gv, z)
        if _gaussian.gelu_fast_ok(z):
            dv[vi] = gr * _cast(dv, _gaussian.gelu_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _gaussian.gelu(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _gaussian.gelu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _gaussian.gelu_derivative2(xi)
        i += step


@_kernel
def gelu_tanh(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _gaussian.gelu_tanh_fast_ok(x[i]):
            out[i] = _gaussian.gelu_tanh_fast(x[i])
        else:
            out[i] = _gaussian.gelu_tanh(x[i])
        i += step


@_kernel
def gelu_tanh_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _gaussian.gelu_tanh_fast_ok(x[i]):
            out[i] = _gaussian.gelu_tanh_fast(x[i])
        else:
            out[i] = _gaussian.gelu_tanh(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_tanh_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _gaussian.gelu_tanh_backward_fast_ok(x[i]):
            out[i] = _gaussian.gelu_tanh_backward_fast(grad[i], x[i])
        else:
            out[i] = _gaussian.gelu_tanh_backward(grad[i], x[i])
        i += step


@_kernel
def gelu_tanh_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _gaussian.gelu_tanh_backward_fast_ok(x[i]):
            out[i] = _gaussian.gelu_tanh_backward_fast(grad[i], x[i])
        else:
            out[i] = _gaussian.gelu_tanh_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_tanh_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _gaussian.gelu_tanh_fast_ok(z):
            out[i] = _gaussian.gelu_tanh_fast(z)
        else:
            out[i] = _gaussian.gelu_tanh(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_tanh_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _gaussian.gelu_tanh_backward_fast_ok(z):
            out[i] = _gaussian.gelu_tanh_backward_fast(grad[i], z)
        else:
            out[i] = _gaussian.gelu_tanh_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_tanh_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _gaussian.gelu_tanh_fast_ok(z):
            fz = _cast(out, _gaussian.gelu_tanh_fast(z))
        else:
            fz = _cast(out, _gaussian.gelu_tanh(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_tanh_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _gaussian.gelu_tanh_backward_fast_ok(z):
            dg[gi] = _gaussian.gelu_tanh_backward_fast(gv, z)
        else:
            dg[gi] = _gaussian.gelu_tanh_backward(gv, z)
        if _gaussian.gelu_tanh_fast_ok(z):
            dv[vi] = gr * _cast(dv, _gaussian.gelu_tanh_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _gaussian.gelu_tanh(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def gelu_tanh_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _gaussian.gelu_tanh_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _gaussian.gelu_tanh_derivative2(xi)
        i += step


@_kernel
def silu(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.silu_fast_ok(x[i]):
            out[i] = _logistic.silu_fast(x[i])
        else:
            out[i] = _logistic.silu(x[i])
        i += step


@_kernel
def silu_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.silu_fast_ok(x[i]):
            out[i] = _logistic.silu_fast(x[i])
        else:
            out[i] = _logistic.silu(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def silu_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.silu_fast_ok(x[i]):
            out[i] = _logistic.silu_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.silu_backward(grad[i], x[i])
        i += step


@_kernel
def silu_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.silu_fast_ok(x[i]):
            out[i] = _logistic.silu_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.silu_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def silu_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.silu_fast_ok(z):
            out[i] = _logistic.silu_fast(z)
        else:
            out[i] = _logistic.silu(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def silu_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.silu_fast_ok(z):
            out[i] = _logistic.silu_backward_fast(grad[i], z)
        else:
            out[i] = _logistic.silu_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def silu_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.silu_fast_ok(z):
            fz = _cast(out, _logistic.silu_fast(z))
        else:
            fz = _cast(out, _logistic.silu(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def silu_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.silu_fast_ok(z):
            dg[gi] = _logistic.silu_backward_fast(gv, z)
        else:
            dg[gi] = _logistic.silu_backward(gv, z)
        if _logistic.silu_fast_ok(z):
            dv[vi] = gr * _cast(dv, _logistic.silu_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _logistic.silu(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def silu_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.silu_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.silu_derivative2(xi)
        i += step


@_kernel
def swish(out, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.swish_fast_ok(x[i], beta):
            out[i] = _logistic.swish_fast(x[i], beta)
        else:
            out[i] = _logistic.swish(x[i], beta)
        i += step


@_kernel
def swish_p(out, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.swish_fast_ok(x[i], beta[i]):
            out[i] = _logistic.swish_fast(x[i], beta[i])
        else:
            out[i] = _logistic.swish(x[i], beta[i])
        i += step


@_kernel
def swish_nd(out, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.swish_fast_ok(x[i], beta):
            out[i] = _logistic.swish_fast(x[i], beta)
        else:
            out[i] = _logistic.swish(x[i], beta)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_nd_p(out, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.swish_fast_ok(x[i], beta[i]):
            out[i] = _logistic.swish_fast(x[i], beta[i])
        else:
            out[i] = _logistic.swish(x[i], beta[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_backward(out, grad, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.swish_fast_ok(x[i], beta):
            out[i] = _logistic.swish_backward_fast(grad[i], x[i], beta)
        else:
            out[i] = _logistic.swish_backward(grad[i], x[i], beta)
        i += step


@_kernel
def swish_backward_p(out, grad, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.swish_fast_ok(x[i], beta[i]):
            out[i] = _logistic.swish_backward_fast(grad[i], x[i], beta[i])
        else:
            out[i] = _logistic.swish_backward(grad[i], x[i], beta[i])
        i += step


@_kernel
def swish_backward_nd(out, grad, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.swish_fast_ok(x[i], beta):
            out[i] = _logistic.swish_backward_fast(grad[i], x[i], beta)
        else:
            out[i] = _logistic.swish_backward(grad[i], x[i], beta)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_backward_nd_p(out, grad, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.swish_fast_ok(x[i], beta[i]):
            out[i] = _logistic.swish_backward_fast(grad[i], x[i], beta[i])
        else:
            out[i] = _logistic.swish_backward(grad[i], x[i], beta[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.swish_fast_ok(z, p0):
            out[i] = _logistic.swish_fast(z, p0)
        else:
            out[i] = _logistic.swish(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def swish_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.swish_fast_ok(z, p0):
            out[i] = _logistic.swish_backward_fast(grad[i], z, p0)
        else:
            out[i] = _logistic.swish_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def swish_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.swish_fast_ok(z, p0):
            fz = _cast(out, _logistic.swish_fast(z, p0))
        else:
            fz = _cast(out, _logistic.swish(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def swish_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.swish_fast_ok(z, p0):
            dg[gi] = _logistic.swish_backward_fast(gv, z, p0)
        else:
            dg[gi] = _logistic.swish_backward(gv, z, p0)
        if _logistic.swish_fast_ok(z, p0):
            dv[vi] = gr * _cast(dv, _logistic.swish_fast(z, p0))
        else:
            dv[vi] = gr * _cast(dv, _logistic.swish(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def swish_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.swish_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.swish_derivative2(xi, p0)
        i += step


@_kernel
def mish(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.mish_fast_ok(x[i]):
            out[i] = _logistic.mish_fast(x[i])
        else:
            out[i] = _logistic.mish(x[i])
        i += step


@_kernel
def mish_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.mish_fast_ok(x[i]):
            out[i] = _logistic.mish_fast(x[i])
        else:
            out[i] = _logistic.mish(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def mish_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.mish_fast_ok(x[i]):
            out[i] = _logistic.mish_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.mish_backward(grad[i], x[i])
        i += step


@_kernel
def mish_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.mish_fast_ok(x[i]):
            out[i] = _logistic.mish_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.mish_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def mish_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.mish_fast_ok(z):
            out[i] = _logistic.mish_fast(z)
        else:
            out[i] = _logistic.mish(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def mish_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.mish_fast_ok(z):
            out[i] = _logistic.mish_backward_fast(grad[i], z)
        else:
            out[i] = _logistic.mish_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def mish_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.mish_fast_ok(z):
            fz = _cast(out, _logistic.mish_fast(z))
        else:
            fz = _cast(out, _logistic.mish(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def mish_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.mish_fast_ok(z):
            dg[gi] = _logistic.mish_backward_fast(gv, z)
        else:
            dg[gi] = _logistic.mish_backward(gv, z)
        if _logistic.mish_fast_ok(z):
            dv[vi] = gr * _cast(dv, _logistic.mish_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _logistic.mish(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def mish_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.mish_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.mish_derivative2(xi)
        i += step


@_kernel
def softplus(out, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.softplus_fast_ok(x[i], beta, threshold):
            out[i] = _logistic.softplus_fast(x[i], beta, threshold)
        else:
            out[i] = _logistic.softplus(x[i], beta, threshold)
        i += step


@_kernel
def softplus_p(out, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.softplus_fast_ok(x[i], beta[i], threshold[i]):
            out[i] = _logistic.softplus_fast(x[i], beta[i], threshold[i])
        else:
            out[i] = _logistic.softplus(x[i], beta[i], threshold[i])
        i += step


@_kernel
def softplus_nd(out, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.softplus_fast_ok(x[i], beta, threshold):
            out[i] = _logistic.softplus_fast(x[i], beta, threshold)
        else:
            out[i] = _logistic.softplus(x[i], beta, threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_nd_p(out, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.softplus_fast_ok(x[i], beta[i], threshold[i]):
            out[i] = _logistic.softplus_fast(x[i], beta[i], threshold[i])
        else:
            out[i] = _logistic.softplus(x[i], beta[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_backward(out, grad, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.softplus_backward_fast_ok(x[i], beta, threshold):
            out[i] = _logistic.softplus_backward_fast(grad[i], x[i], beta, threshold)
        else:
            out[i] = _logistic.softplus_backward(grad[i], x[i], beta, threshold)
        i += step


@_kernel
def softplus_backward_p(out, grad, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.softplus_backward_fast_ok(x[i], beta[i], threshold[i]):
            out[i] = _logistic.softplus_backward_fast(grad[i], x[i], beta[i], threshold[i])
        else:
            out[i] = _logistic.softplus_backward(grad[i], x[i], beta[i], threshold[i])
        i += step


@_kernel
def softplus_backward_nd(out, grad, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.softplus_backward_fast_ok(x[i], beta, threshold):
            out[i] = _logistic.softplus_backward_fast(grad[i], x[i], beta, threshold)
        else:
            out[i] = _logistic.softplus_backward(grad[i], x[i], beta, threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_backward_nd_p(out, grad, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.softplus_backward_fast_ok(x[i], beta[i], threshold[i]):
            out[i] = _logistic.softplus_backward_fast(grad[i], x[i], beta[i], threshold[i])
        else:
            out[i] = _logistic.softplus_backward(grad[i], x[i], beta[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_bias(out, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.softplus_fast_ok(z, p0, p1):
            out[i] = _logistic.softplus_fast(z, p0, p1)
        else:
            out[i] = _logistic.softplus(z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softplus_bias_backward(out, grad, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.softplus_backward_fast_ok(z, p0, p1):
            out[i] = _logistic.softplus_backward_fast(grad[i], z, p0, p1)
        else:
            out[i] = _logistic.softplus_backward(grad[i], z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softplus_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.softplus_fast_ok(z, p0, p1):
            fz = _cast(out, _logistic.softplus_fast(z, p0, p1))
        else:
            fz = _cast(out, _logistic.softplus(z, p0, p1))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softplus_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.softplus_backward_fast_ok(z, p0, p1):
            dg[gi] = _logistic.softplus_backward_fast(gv, z, p0, p1)
        else:
            dg[gi] = _logistic.softplus_backward(gv, z, p0, p1)
        if _logistic.softplus_fast_ok(z, p0, p1):
            dv[vi] = gr * _cast(dv, _logistic.softplus_fast(z, p0, p1))
        else:
            dv[vi] = gr * _cast(dv, _logistic.softplus(z, p0, p1))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softplus_double_backward(dgrad, dx, gg, grad, x, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.softplus_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.softplus_derivative2(xi, p0, p1)
        i += step


@_kernel
def softsign(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softsign(x[i])
        i += step


@_kernel
def softsign_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softsign(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softsign_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softsign_backward(grad[i], x[i])
        i += step


@_kernel
def softsign_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softsign_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softsign_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.softsign(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softsign_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.softsign_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softsign_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _logistic.softsign(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softsign_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _logistic.softsign_backward(gv, z)
        dv[vi] = gr * _cast(dv, _logistic.softsign(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softsign_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.softsign_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.softsign_derivative2(xi)
        i += step


@_kernel
def hardtanh(out, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh(x[i], min_val, max_val)
        i += step


@_kernel
def hardtanh_p(out, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh(x[i], min_val[i], max_val[i])
        i += step


@_kernel
def hardtanh_nd(out, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardtanh(x[i], min_val, max_val)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_nd_p(out, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardtanh(x[i], min_val[i], max_val[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_backward(out, grad, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val, max_val)
        i += step


@_kernel
def hardtanh_backward_p(out, grad, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val[i], max_val[i])
        i += step


@_kernel
def hardtanh_backward_nd(out, grad, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val, max_val)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_backward_nd_p(out, grad, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val[i], max_val[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_bias(out, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardtanh(z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardtanh_bias_backward(out, grad, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardtanh_backward(grad[i], z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardtanh_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.hardtanh(z, p0, p1))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardtanh_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.hardtanh_backward(gv, z, p0, p1)
        dv[vi] = gr * _cast(dv, _piecewise.hardtanh(z, p0, p1))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardtanh_double_backward(dgrad, dx, gg, grad, x, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.hardtanh_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_2(xi, p0, p1)
        i += step


@_kernel
def hardsigmoid(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardsigmoid(x[i])
        i += step


@_kernel
def hardsigmoid_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardsigmoid(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardsigmoid_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardsigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def hardsigmoid_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardsigmoid_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardsigmoid_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardsigmoid(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardsigmoid_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardsigmoid_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardsigmoid_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.hardsigmoid(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardsigmoid_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.hardsigmoid_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.hardsigmoid(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardsigmoid_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.hardsigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)
        i += step


@_kernel
def logit(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.logit_fast_ok(x[i]):
            out[i] = _logistic.logit_fast(x[i])
        else:
            out[i] = _logistic.logit(x[i])
        i += step


@_kernel
def logit_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.logit_fast_ok(x[i]):
            out[i] = _logistic.logit_fast(x[i])
        else:
            out[i] = _logistic.logit(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def logit_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.logit_backward(grad[i], x[i])
        i += step


@_kernel
def logit_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.logit_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def logit_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.logit_fast_ok(z):
            out[i] = _logistic.logit_fast(z)
        else:
            out[i] = _logistic.logit(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def logit_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.logit_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def logit_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.logit_fast_ok(z):
            fz = _cast(out, _logistic.logit_fast(z))
        else:
            fz = _cast(out, _logistic.logit(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def logit_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _logistic.logit_backward(gv, z)
        if _logistic.logit_fast_ok(z):
            dv[vi] = gr * _cast(dv, _logistic.logit_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _logistic.logit(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def logit_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.logit_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.logit_derivative2(xi)
        i += step


@_kernel
def sparse_sigmoid(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_sigmoid(x[i])
        i += step


@_kernel
def sparse_sigmoid_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.sparse_sigmoid(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_sigmoid_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def sparse_sigmoid_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_sigmoid_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.sparse_sigmoid(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_sigmoid_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_sigmoid_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.sparse_sigmoid(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_sigmoid_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.sparse_sigmoid_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.sparse_sigmoid(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_sigmoid_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.sparse_sigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero(xi)
        i += step


@_kernel
def log1mexp(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.log1mexp_fast_ok(x[i]):
            out[i] = _exponential.log1mexp_fast(x[i])
        else:
            out[i] = _exponential.log1mexp(x[i])
        i += step


@_kernel
def log1mexp_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.log1mexp_fast_ok(x[i]):
            out[i] = _exponential.log1mexp_fast(x[i])
        else:
            out[i] = _exponential.log1mexp(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log1mexp_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _exponential.log1mexp_backward_fast_ok(x[i]):
            out[i] = _exponential.log1mexp_backward_fast(grad[i], x[i])
        else:
            out[i] = _exponential.log1mexp_backward(grad[i], x[i])
        i += step


@_kernel
def log1mexp_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _exponential.log1mexp_backward_fast_ok(x[i]):
            out[i] = _exponential.log1mexp_backward_fast(grad[i], x[i])
        else:
            out[i] = _exponential.log1mexp_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log1mexp_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.log1mexp_fast_ok(z):
            out[i] = _exponential.log1mexp_fast(z)
        else:
            out[i] = _exponential.log1mexp(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log1mexp_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _exponential.log1mexp_backward_fast_ok(z):
            out[i] = _exponential.log1mexp_backward_fast(grad[i], z)
        else:
            out[i] = _exponential.log1mexp_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log1mexp_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _exponential.log1mexp_fast_ok(z):
            fz = _cast(out, _exponential.log1mexp_fast(z))
        else:
            fz = _cast(out, _exponential.log1mexp(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log1mexp_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _exponential.log1mexp_backward_fast_ok(z):
            dg[gi] = _exponential.log1mexp_backward_fast(gv, z)
        else:
            dg[gi] = _exponential.log1mexp_backward(gv, z)
        if _exponential.log1mexp_fast_ok(z):
            dv[vi] = gr * _cast(dv, _exponential.log1mexp_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _exponential.log1mexp(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log1mexp_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _exponential.log1mexp_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _exponential.log1mexp_derivative2(xi)
        i += step


@_kernel
def sparse_plus(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_plus(x[i])
        i += step


@_kernel
def sparse_plus_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.sparse_plus(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_plus_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_plus_backward(grad[i], x[i])
        i += step


@_kernel
def sparse_plus_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.sparse_plus_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_plus_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.sparse_plus(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_plus_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.sparse_plus_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_plus_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.sparse_plus(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_plus_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.sparse_plus_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.sparse_plus(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def sparse_plus_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.sparse_plus_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.sparse_plus_derivative2(xi)
        i += step


@_kernel
def hardswish(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardswish(x[i])
        i += step


@_kernel
def hardswish_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardswish(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardswish_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardswish_backward(grad[i], x[i])
        i += step


@_kernel
def hardswish_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardswish_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardswish_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardswish(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardswish_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardswish_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardswish_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.hardswish(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardswish_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.hardswish_backward(gv, z)
        dv[vi] = gr * _cast(dv, _piecewise.hardswish(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardswish_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.hardswish_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.hardswish_derivative2(xi)
        i += step


@_kernel
def log_sigmoid(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.log_sigmoid_fast_ok(x[i]):
            out[i] = _logistic.log_sigmoid_fast(x[i])
        else:
            out[i] = _logistic.log_sigmoid(x[i])
        i += step


@_kernel
def log_sigmoid_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.log_sigmoid_fast_ok(x[i]):
            out[i] = _logistic.log_sigmoid_fast(x[i])
        else:
            out[i] = _logistic.log_sigmoid(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log_sigmoid_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        if _logistic.log_sigmoid_fast_ok(x[i]):
            out[i] = _logistic.log_sigmoid_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.log_sigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def log_sigmoid_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        if _logistic.log_sigmoid_fast_ok(x[i]):
            out[i] = _logistic.log_sigmoid_backward_fast(grad[i], x[i])
        else:
            out[i] = _logistic.log_sigmoid_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log_sigmoid_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.log_sigmoid_fast_ok(z):
            out[i] = _logistic.log_sigmoid_fast(z)
        else:
            out[i] = _logistic.log_sigmoid(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log_sigmoid_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        if _logistic.log_sigmoid_fast_ok(z):
            out[i] = _logistic.log_sigmoid_backward_fast(grad[i], z)
        else:
            out[i] = _logistic.log_sigmoid_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log_sigmoid_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        if _logistic.log_sigmoid_fast_ok(z):
            fz = _cast(out, _logistic.log_sigmoid_fast(z))
        else:
            fz = _cast(out, _logistic.log_sigmoid(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log_sigmoid_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        if _logistic.log_sigmoid_fast_ok(z):
            dg[gi] = _logistic.log_sigmoid_backward_fast(gv, z)
        else:
            dg[gi] = _logistic.log_sigmoid_backward(gv, z)
        if _logistic.log_sigmoid_fast_ok(z):
            dv[vi] = gr * _cast(dv, _logistic.log_sigmoid_fast(z))
        else:
            dv[vi] = gr * _cast(dv, _logistic.log_sigmoid(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def log_sigmoid_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.log_sigmoid_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.log_sigmoid_derivative2(xi)
        i += step


@_kernel
def tanhshrink(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanhshrink(x[i])
        i += step


@_kernel
def tanhshrink_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanhshrink(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanhshrink_backward(out, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanhshrink_backward(grad[i], x[i])
        i += step


@_kernel
def tanhshrink_backward_nd(out, grad, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanhshrink_backward(grad[i], x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanhshrink_bias(out, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.tanhshrink(z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanhshrink_bias_backward(out, grad, x, b, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.tanhshrink_backward(grad[i], z)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanhshrink_gated(out, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _logistic.tanhshrink(z))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanhshrink_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _logistic.tanhshrink_backward(gv, z)
        dv[vi] = gr * _cast(dv, _logistic.tanhshrink(z))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def tanhshrink_double_backward(dgrad, dx, gg, grad, x):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.tanhshrink_backward(gg[i], xi)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.tanhshrink_derivative2(xi)
        i += step


@_kernel
def hardshrink(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink(x[i], lambd)
        i += step


@_kernel
def hardshrink_p(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink(x[i], lambd[i])
        i += step


@_kernel
def hardshrink_nd(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardshrink(x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_nd_p(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardshrink(x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_backward(out, grad, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd)
        i += step


@_kernel
def hardshrink_backward_p(out, grad, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd[i])
        i += step


@_kernel
def hardshrink_backward_nd(out, grad, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_backward_nd_p(out, grad, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardshrink(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardshrink_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.hardshrink_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardshrink_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.hardshrink(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardshrink_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.hardshrink_backward(gv, z, p0)
        dv[vi] = gr * _cast(dv, _piecewise.hardshrink(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def hardshrink_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.hardshrink_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)
        i += step


@_kernel
def softshrink(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink(x[i], lambd)
        i += step


@_kernel
def softshrink_p(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink(x[i], lambd[i])
        i += step


@_kernel
def softshrink_nd(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.softshrink(x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_nd_p(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.softshrink(x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_backward(out, grad, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd)
        i += step


@_kernel
def softshrink_backward_p(out, grad, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd[i])
        i += step


@_kernel
def softshrink_backward_nd(out, grad, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_backward_nd_p(out, grad, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.softshrink(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softshrink_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.softshrink_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softshrink_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.softshrink(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softshrink_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.softshrink_backward(gv, z, p0)
        dv[vi] = gr * _cast(dv, _piecewise.softshrink(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def softshrink_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.softshrink_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_1(xi, p0)
        i += step


@_kernel
def threshold(out, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold(x[i], threshold, value)
        i += step


@_kernel
def threshold_p(out, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold(x[i], threshold[i], value[i])
        i += step


@_kernel
def threshold_nd(out, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.threshold(x[i], threshold, value)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_nd_p(out, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.threshold(x[i], threshold[i], value[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_backward(out, grad, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold, value)
        i += step


@_kernel
def threshold_backward_p(out, grad, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold[i], value[i])
        i += step


@_kernel
def threshold_backward_nd(out, grad, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold, value)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_backward_nd_p(out, grad, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold[i], value[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_bias(out, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.threshold(z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def threshold_bias_backward(out, grad, x, b, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _piecewise.threshold_backward(grad[i], z, p0, p1)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def threshold_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _piecewise.threshold(z, p0, p1))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def threshold_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _piecewise.threshold_backward(gv, z, p0, p1)
        dv[vi] = gr * _cast(dv, _piecewise.threshold(z, p0, p1))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def threshold_double_backward(dgrad, dx, gg, grad, x, p0, p1):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _piecewise.threshold_backward(gg[i], xi, p0, p1)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _piecewise.zero_2(xi, p0, p1)
        i += step


@_kernel
def squareplus(out, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus(x[i], b)
        i += step


@_kernel
def squareplus_p(out, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus(x[i], b[i])
        i += step


@_kernel
def squareplus_nd(out, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus(x[i], b)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_nd_p(out, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus(x[i], b[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_backward(out, grad, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b)
        i += step


@_kernel
def squareplus_backward_p(out, grad, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b[i])
        i += step


@_kernel
def squareplus_backward_nd(out, grad, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_backward_nd_p(out, grad, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_bias(out, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.squareplus(z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def squareplus_bias_backward(out, grad, x, b, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        z = x[i] + b[j]
        out[i] = _logistic.squareplus_backward(grad[i], z, p0)
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def squareplus_gated(out, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        fz = _cast(out, _logistic.squareplus(z, p0))
        out[i] = fz * (v[vi] + bv[j])
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def squareplus_gated_backward(dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(grad.size), _u64(cuda.gridsize(1))
    mm = max(_u64(m), _u64(1))
    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)
    while i < n:
        gi = r * _u64(gs) + _u64(go) + j
        vi = r * _u64(vs) + _u64(vo) + j
        z = g[gi] + bg[j]
        gr = grad[i]
        gv = gr * (v[vi] + bv[j])
        dg[gi] = _logistic.squareplus_backward(gv, z, p0)
        dv[vi] = gr * _cast(dv, _logistic.squareplus(z, p0))
        i += step
        r += sr
        j += sj
        if j >= mm:
            j -= mm
            r += _u64(1)


@_kernel
def squareplus_double_backward(dgrad, dx, gg, grad, x, p0):
    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        xi = x[i]
        dgrad[i] = _logistic.squareplus_backward(gg[i], xi, p0)
        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * _logistic.squareplus_derivative2(xi, p0)
        i += step


@_kernel
def identity_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def identity_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def identity_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def identity_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_derivative2(out, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], threshold)
        i += step


@_kernel
def binary_step_derivative2_p(out, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], threshold[i])
        i += step


@_kernel
def binary_step_derivative2_nd(out, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_derivative2_nd_p(out, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_derivative3(out, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], threshold)
        i += step


@_kernel
def binary_step_derivative3_p(out, x, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], threshold[i])
        i += step


@_kernel
def binary_step_derivative3_nd(out, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def binary_step_derivative3_nd_p(out, x, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sigmoid_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.sigmoid_derivative2(x[i])
        i += step


@_kernel
def sigmoid_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.sigmoid_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sigmoid_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.sigmoid_derivative3(x[i])
        i += step


@_kernel
def sigmoid_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.sigmoid_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanh_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanh_derivative2(x[i])
        i += step


@_kernel
def tanh_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanh_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanh_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanh_derivative3(x[i])
        i += step


@_kernel
def tanh_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanh_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def relu_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def relu_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu6_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def relu6_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def relu6_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def relu6_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_derivative2(out, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], negative_slope)
        i += step


@_kernel
def leaky_relu_derivative2_p(out, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], negative_slope[i])
        i += step


@_kernel
def leaky_relu_derivative2_nd(out, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], negative_slope)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_derivative2_nd_p(out, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], negative_slope[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_derivative3(out, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], negative_slope)
        i += step


@_kernel
def leaky_relu_derivative3_p(out, x, negative_slope):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], negative_slope[i])
        i += step


@_kernel
def leaky_relu_derivative3_nd(out, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], negative_slope)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def leaky_relu_derivative3_nd_p(out, x, negative_slope):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], negative_slope[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_derivative2(out, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], weight)
        i += step


@_kernel
def prelu_derivative2_p(out, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], weight[i])
        i += step


@_kernel
def prelu_derivative2_nd(out, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], weight)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_derivative2_nd_p(out, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], weight[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_derivative3(out, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], weight)
        i += step


@_kernel
def prelu_derivative3_p(out, x, weight):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], weight[i])
        i += step


@_kernel
def prelu_derivative3_nd(out, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], weight)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def prelu_derivative3_nd_p(out, x, weight):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], weight[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_derivative2(out, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], lower, upper)
        i += step


@_kernel
def rrelu_derivative2_p(out, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], lower[i], upper[i])
        i += step


@_kernel
def rrelu_derivative2_nd(out, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], lower, upper)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_derivative2_nd_p(out, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], lower[i], upper[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_derivative3(out, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], lower, upper)
        i += step


@_kernel
def rrelu_derivative3_p(out, x, lower, upper):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], lower[i], upper[i])
        i += step


@_kernel
def rrelu_derivative3_nd(out, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], lower, upper)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def rrelu_derivative3_nd_p(out, x, lower, upper):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], lower[i], upper[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_derivative2(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu_derivative2(x[i], alpha)
        i += step


@_kernel
def elu_derivative2_p(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu_derivative2(x[i], alpha[i])
        i += step


@_kernel
def elu_derivative2_nd(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.elu_derivative2(x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_derivative2_nd_p(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.elu_derivative2(x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_derivative3(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu_derivative3(x[i], alpha)
        i += step


@_kernel
def elu_derivative3_p(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu_derivative3(x[i], alpha[i])
        i += step


@_kernel
def elu_derivative3_nd(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.elu_derivative3(x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def elu_derivative3_nd_p(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.elu_derivative3(x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def selu_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.selu_derivative2(x[i])
        i += step


@_kernel
def selu_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.selu_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def selu_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.selu_derivative3(x[i])
        i += step


@_kernel
def selu_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.selu_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_derivative2(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu_derivative2(x[i], alpha)
        i += step


@_kernel
def celu_derivative2_p(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu_derivative2(x[i], alpha[i])
        i += step


@_kernel
def celu_derivative2_nd(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.celu_derivative2(x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_derivative2_nd_p(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.celu_derivative2(x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_derivative3(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu_derivative3(x[i], alpha)
        i += step


@_kernel
def celu_derivative3_p(out, x, alpha):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu_derivative3(x[i], alpha[i])
        i += step


@_kernel
def celu_derivative3_nd(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.celu_derivative3(x[i], alpha)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def celu_derivative3_nd_p(out, x, alpha):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.celu_derivative3(x[i], alpha[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_derivative2(x[i])
        i += step


@_kernel
def gelu_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _gaussian.gelu_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_derivative3(x[i])
        i += step


@_kernel
def gelu_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _gaussian.gelu_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_tanh_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_tanh_derivative2(x[i])
        i += step


@_kernel
def gelu_tanh_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _gaussian.gelu_tanh_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def gelu_tanh_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_tanh_derivative3(x[i])
        i += step


@_kernel
def gelu_tanh_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _gaussian.gelu_tanh_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def silu_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.silu_derivative2(x[i])
        i += step


@_kernel
def silu_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.silu_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def silu_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.silu_derivative3(x[i])
        i += step


@_kernel
def silu_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.silu_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_derivative2(out, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish_derivative2(x[i], beta)
        i += step


@_kernel
def swish_derivative2_p(out, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish_derivative2(x[i], beta[i])
        i += step


@_kernel
def swish_derivative2_nd(out, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.swish_derivative2(x[i], beta)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_derivative2_nd_p(out, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.swish_derivative2(x[i], beta[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_derivative3(out, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish_derivative3(x[i], beta)
        i += step


@_kernel
def swish_derivative3_p(out, x, beta):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish_derivative3(x[i], beta[i])
        i += step


@_kernel
def swish_derivative3_nd(out, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.swish_derivative3(x[i], beta)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def swish_derivative3_nd_p(out, x, beta):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.swish_derivative3(x[i], beta[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def mish_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.mish_derivative2(x[i])
        i += step


@_kernel
def mish_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.mish_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def mish_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.mish_derivative3(x[i])
        i += step


@_kernel
def mish_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.mish_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_derivative2(out, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus_derivative2(x[i], beta, threshold)
        i += step


@_kernel
def softplus_derivative2_p(out, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus_derivative2(x[i], beta[i], threshold[i])
        i += step


@_kernel
def softplus_derivative2_nd(out, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softplus_derivative2(x[i], beta, threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_derivative2_nd_p(out, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softplus_derivative2(x[i], beta[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_derivative3(out, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus_derivative3(x[i], beta, threshold)
        i += step


@_kernel
def softplus_derivative3_p(out, x, beta, threshold):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus_derivative3(x[i], beta[i], threshold[i])
        i += step


@_kernel
def softplus_derivative3_nd(out, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softplus_derivative3(x[i], beta, threshold)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softplus_derivative3_nd_p(out, x, beta, threshold):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softplus_derivative3(x[i], beta[i], threshold[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softsign_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softsign_derivative2(x[i])
        i += step


@_kernel
def softsign_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softsign_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softsign_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softsign_derivative3(x[i])
        i += step


@_kernel
def softsign_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.softsign_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_derivative2(out, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)
        i += step


@_kernel
def hardtanh_derivative2_p(out, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], min_val[i], max_val[i])
        i += step


@_kernel
def hardtanh_derivative2_nd(out, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_derivative2_nd_p(out, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], min_val[i], max_val[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_derivative3(out, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)
        i += step


@_kernel
def hardtanh_derivative3_p(out, x, min_val, max_val):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], min_val[i], max_val[i])
        i += step


@_kernel
def hardtanh_derivative3_nd(out, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], min_val, max_val)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardtanh_derivative3_nd_p(out, x, min_val, max_val):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], min_val[i], max_val[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardsigmoid_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def hardsigmoid_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardsigmoid_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def hardsigmoid_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def logit_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.logit_derivative2(x[i])
        i += step


@_kernel
def logit_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.logit_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def logit_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.logit_derivative3(x[i])
        i += step


@_kernel
def logit_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.logit_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_sigmoid_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def sparse_sigmoid_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_sigmoid_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def sparse_sigmoid_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log1mexp_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.log1mexp_derivative2(x[i])
        i += step


@_kernel
def log1mexp_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.log1mexp_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log1mexp_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.log1mexp_derivative3(x[i])
        i += step


@_kernel
def log1mexp_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _exponential.log1mexp_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_plus_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_plus_derivative2(x[i])
        i += step


@_kernel
def sparse_plus_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.sparse_plus_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def sparse_plus_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def sparse_plus_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardswish_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardswish_derivative2(x[i])
        i += step


@_kernel
def hardswish_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.hardswish_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardswish_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero(x[i])
        i += step


@_kernel
def hardswish_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log_sigmoid_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.log_sigmoid_derivative2(x[i])
        i += step


@_kernel
def log_sigmoid_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.log_sigmoid_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def log_sigmoid_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.log_sigmoid_derivative3(x[i])
        i += step


@_kernel
def log_sigmoid_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.log_sigmoid_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanhshrink_derivative2(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanhshrink_derivative2(x[i])
        i += step


@_kernel
def tanhshrink_derivative2_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanhshrink_derivative2(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def tanhshrink_derivative3(out, x):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanhshrink_derivative3(x[i])
        i += step


@_kernel
def tanhshrink_derivative3_nd(out, x):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.tanhshrink_derivative3(x[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_derivative2(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd)
        i += step


@_kernel
def hardshrink_derivative2_p(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        i += step


@_kernel
def hardshrink_derivative2_nd(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_derivative2_nd_p(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_derivative3(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd)
        i += step


@_kernel
def hardshrink_derivative3_p(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        i += step


@_kernel
def hardshrink_derivative3_nd(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def hardshrink_derivative3_nd_p(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_derivative2(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd)
        i += step


@_kernel
def softshrink_derivative2_p(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        i += step


@_kernel
def softshrink_derivative2_nd(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_derivative2_nd_p(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_derivative3(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd)
        i += step


@_kernel
def softshrink_derivative3_p(out, x, lambd):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        i += step


@_kernel
def softshrink_derivative3_nd(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def softshrink_derivative3_nd_p(out, x, lambd):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_1(x[i], lambd[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_derivative2(out, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], threshold, value)
        i += step


@_kernel
def threshold_derivative2_p(out, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], threshold[i], value[i])
        i += step


@_kernel
def threshold_derivative2_nd(out, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], threshold, value)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_derivative2_nd_p(out, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], threshold[i], value[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_derivative3(out, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], threshold, value)
        i += step


@_kernel
def threshold_derivative3_p(out, x, threshold, value):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.zero_2(x[i], threshold[i], value[i])
        i += step


@_kernel
def threshold_derivative3_nd(out, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], threshold, value)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def threshold_derivative3_nd_p(out, x, threshold, value):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _piecewise.zero_2(x[i], threshold[i], value[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_derivative2(out, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_derivative2(x[i], b)
        i += step


@_kernel
def squareplus_derivative2_p(out, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_derivative2(x[i], b[i])
        i += step


@_kernel
def squareplus_derivative2_nd(out, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus_derivative2(x[i], b)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_derivative2_nd_p(out, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus_derivative2(x[i], b[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_derivative3(out, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_derivative3(x[i], b)
        i += step


@_kernel
def squareplus_derivative3_p(out, x, b):
    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_derivative3(x[i], b[i])
        i += step


@_kernel
def squareplus_derivative3_nd(out, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus_derivative3(x[i], b)
        k += step
        i = _nd_next(i, s, n1, n2, n3)


@_kernel
def squareplus_derivative3_nd_p(out, x, b):
    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]
    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)
    while k < n:
        out[i] = _logistic.squareplus_derivative3(x[i], b[i])
        k += step
        i = _nd_next(i, s, n1, n2, n3)
