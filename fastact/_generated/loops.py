"""Compiled loops, one per kernel (generated; do not edit).

Made by ``python -m fastact._tools.generate --write`` (``make generate``).
``NAME(x, out, *params)`` and ``NAME_backward(grad, x, out, *params)`` on 1-d contiguous
arrays of one dtype; the parameters (float64) are cast to that dtype first, as a ufunc
casts them.  ``NAME_split(..., nthreads)``: the same over ``nthreads`` slices on Numba's
threads (compiled only when an array is large enough to split).
"""

# kernels: 8542c364e1f9723be53d97045b3fd3d811ff552574d17ac662371021a73a2c3e

from numba import prange as _prange

from .._core.jit import jit
from ..kernels import exponential as _exponential
from ..kernels import gaussian as _gaussian
from ..kernels import logistic as _logistic
from ..kernels import piecewise as _piecewise
from ..kernels.scalar import cast_like as _cast

_loop = jit(nogil=True)
_split = jit(nogil=True, parallel=True)


@_loop
def identity(x, out):
    for i in range(out.size):
        out[i] = _piecewise.identity(x[i])


@_split
def identity_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity(x[lo:hi], out[lo:hi])


@_loop
def identity_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.identity_backward(grad[i], x[i])


@_split
def identity_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            identity_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def binary_step(x, out, threshold):
    threshold = _cast(out, threshold)
    for i in range(out.size):
        out[i] = _piecewise.binary_step(x[i], threshold)


@_split
def binary_step_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step(x[lo:hi], out[lo:hi], p0)


@_loop
def binary_step_backward(grad, x, out, threshold):
    threshold = _cast(out, threshold)
    for i in range(out.size):
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold)


@_split
def binary_step_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            binary_step_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def sigmoid(x, out):
    for i in range(out.size):
        out[i] = _logistic.sigmoid(x[i])


@_split
def sigmoid_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            sigmoid(x[lo:hi], out[lo:hi])


@_loop
def sigmoid_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.sigmoid_backward(grad[i], x[i])


@_split
def sigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            sigmoid_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def tanh(x, out):
    for i in range(out.size):
        out[i] = _logistic.tanh(x[i])


@_split
def tanh_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanh(x[lo:hi], out[lo:hi])


@_loop
def tanh_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.tanh_backward(grad[i], x[i])


@_split
def tanh_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanh_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def relu(x, out):
    for i in range(out.size):
        out[i] = _piecewise.relu(x[i])


@_split
def relu_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu(x[lo:hi], out[lo:hi])


@_loop
def relu_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.relu_backward(grad[i], x[i])


@_split
def relu_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def relu6(x, out):
    for i in range(out.size):
        out[i] = _piecewise.relu6(x[i])


@_split
def relu6_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6(x[lo:hi], out[lo:hi])


@_loop
def relu6_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.relu6_backward(grad[i], x[i])


@_split
def relu6_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            relu6_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def leaky_relu(x, out, negative_slope):
    negative_slope = _cast(out, negative_slope)
    for i in range(out.size):
        out[i] = _piecewise.leaky_relu(x[i], negative_slope)


@_split
def leaky_relu_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu(x[lo:hi], out[lo:hi], p0)


@_loop
def leaky_relu_backward(grad, x, out, negative_slope):
    negative_slope = _cast(out, negative_slope)
    for i in range(out.size):
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope)


@_split
def leaky_relu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            leaky_relu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def prelu(x, out, weight):
    weight = _cast(out, weight)
    for i in range(out.size):
        out[i] = _piecewise.prelu(x[i], weight)


@_split
def prelu_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu(x[lo:hi], out[lo:hi], p0)


@_loop
def prelu_backward(grad, x, out, weight):
    weight = _cast(out, weight)
    for i in range(out.size):
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight)


@_split
def prelu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            prelu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def rrelu(x, out, lower, upper):
    lower = _cast(out, lower)
    upper = _cast(out, upper)
    for i in range(out.size):
        out[i] = _piecewise.rrelu(x[i], lower, upper)


@_split
def rrelu_split(x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def rrelu_backward(grad, x, out, lower, upper):
    lower = _cast(out, lower)
    upper = _cast(out, upper)
    for i in range(out.size):
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower, upper)


@_split
def rrelu_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            rrelu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def elu(x, out, alpha):
    alpha = _cast(out, alpha)
    for i in range(out.size):
        out[i] = _exponential.elu(x[i], alpha)


@_split
def elu_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            elu(x[lo:hi], out[lo:hi], p0)


@_loop
def elu_backward(grad, x, out, alpha):
    alpha = _cast(out, alpha)
    for i in range(out.size):
        out[i] = _exponential.elu_backward(grad[i], x[i], alpha)


@_split
def elu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            elu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def selu(x, out):
    for i in range(out.size):
        out[i] = _exponential.selu(x[i])


@_split
def selu_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            selu(x[lo:hi], out[lo:hi])


@_loop
def selu_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _exponential.selu_backward(grad[i], x[i])


@_split
def selu_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            selu_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def celu(x, out, alpha):
    alpha = _cast(out, alpha)
    for i in range(out.size):
        out[i] = _exponential.celu(x[i], alpha)


@_split
def celu_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            celu(x[lo:hi], out[lo:hi], p0)


@_loop
def celu_backward(grad, x, out, alpha):
    alpha = _cast(out, alpha)
    for i in range(out.size):
        out[i] = _exponential.celu_backward(grad[i], x[i], alpha)


@_split
def celu_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            celu_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def gelu(x, out):
    for i in range(out.size):
        out[i] = _gaussian.gelu(x[i])


@_split
def gelu_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu(x[lo:hi], out[lo:hi])


@_loop
def gelu_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _gaussian.gelu_backward(grad[i], x[i])


@_split
def gelu_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def gelu_tanh(x, out):
    for i in range(out.size):
        out[i] = _gaussian.gelu_tanh(x[i])


@_split
def gelu_tanh_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_tanh(x[lo:hi], out[lo:hi])


@_loop
def gelu_tanh_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _gaussian.gelu_tanh_backward(grad[i], x[i])


@_split
def gelu_tanh_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            gelu_tanh_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def silu(x, out):
    for i in range(out.size):
        out[i] = _logistic.silu(x[i])


@_split
def silu_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            silu(x[lo:hi], out[lo:hi])


@_loop
def silu_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.silu_backward(grad[i], x[i])


@_split
def silu_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            silu_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def swish(x, out, beta):
    beta = _cast(out, beta)
    for i in range(out.size):
        out[i] = _logistic.swish(x[i], beta)


@_split
def swish_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            swish(x[lo:hi], out[lo:hi], p0)


@_loop
def swish_backward(grad, x, out, beta):
    beta = _cast(out, beta)
    for i in range(out.size):
        out[i] = _logistic.swish_backward(grad[i], x[i], beta)


@_split
def swish_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            swish_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def mish(x, out):
    for i in range(out.size):
        out[i] = _logistic.mish(x[i])


@_split
def mish_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            mish(x[lo:hi], out[lo:hi])


@_loop
def mish_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.mish_backward(grad[i], x[i])


@_split
def mish_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            mish_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def softplus(x, out, beta, threshold):
    beta = _cast(out, beta)
    threshold = _cast(out, threshold)
    for i in range(out.size):
        out[i] = _logistic.softplus(x[i], beta, threshold)


@_split
def softplus_split(x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            softplus(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def softplus_backward(grad, x, out, beta, threshold):
    beta = _cast(out, beta)
    threshold = _cast(out, threshold)
    for i in range(out.size):
        out[i] = _logistic.softplus_backward(grad[i], x[i], beta, threshold)


@_split
def softplus_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            softplus_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def softsign(x, out):
    for i in range(out.size):
        out[i] = _logistic.softsign(x[i])


@_split
def softsign_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign(x[lo:hi], out[lo:hi])


@_loop
def softsign_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.softsign_backward(grad[i], x[i])


@_split
def softsign_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            softsign_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def hardtanh(x, out, min_val, max_val):
    min_val = _cast(out, min_val)
    max_val = _cast(out, max_val)
    for i in range(out.size):
        out[i] = _piecewise.hardtanh(x[i], min_val, max_val)


@_split
def hardtanh_split(x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardtanh_backward(grad, x, out, min_val, max_val):
    min_val = _cast(out, min_val)
    max_val = _cast(out, max_val)
    for i in range(out.size):
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val, max_val)


@_split
def hardtanh_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardtanh_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def hardsigmoid(x, out):
    for i in range(out.size):
        out[i] = _piecewise.hardsigmoid(x[i])


@_split
def hardsigmoid_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid(x[lo:hi], out[lo:hi])


@_loop
def hardsigmoid_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.hardsigmoid_backward(grad[i], x[i])


@_split
def hardsigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardsigmoid_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def logit(x, out):
    for i in range(out.size):
        out[i] = _logistic.logit(x[i])


@_split
def logit_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            logit(x[lo:hi], out[lo:hi])


@_loop
def logit_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.logit_backward(grad[i], x[i])


@_split
def logit_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            logit_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid(x, out):
    for i in range(out.size):
        out[i] = _piecewise.sparse_sigmoid(x[i])


@_split
def sparse_sigmoid_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid(x[lo:hi], out[lo:hi])


@_loop
def sparse_sigmoid_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], x[i])


@_split
def sparse_sigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_sigmoid_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def log1mexp(x, out):
    for i in range(out.size):
        out[i] = _exponential.log1mexp(x[i])


@_split
def log1mexp_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            log1mexp(x[lo:hi], out[lo:hi])


@_loop
def log1mexp_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _exponential.log1mexp_backward(grad[i], x[i])


@_split
def log1mexp_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            log1mexp_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def sparse_plus(x, out):
    for i in range(out.size):
        out[i] = _piecewise.sparse_plus(x[i])


@_split
def sparse_plus_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus(x[lo:hi], out[lo:hi])


@_loop
def sparse_plus_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.sparse_plus_backward(grad[i], x[i])


@_split
def sparse_plus_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            sparse_plus_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def hardswish(x, out):
    for i in range(out.size):
        out[i] = _piecewise.hardswish(x[i])


@_split
def hardswish_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish(x[lo:hi], out[lo:hi])


@_loop
def hardswish_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _piecewise.hardswish_backward(grad[i], x[i])


@_split
def hardswish_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardswish_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def log_sigmoid(x, out):
    for i in range(out.size):
        out[i] = _logistic.log_sigmoid(x[i])


@_split
def log_sigmoid_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            log_sigmoid(x[lo:hi], out[lo:hi])


@_loop
def log_sigmoid_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.log_sigmoid_backward(grad[i], x[i])


@_split
def log_sigmoid_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            log_sigmoid_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def tanhshrink(x, out):
    for i in range(out.size):
        out[i] = _logistic.tanhshrink(x[i])


@_split
def tanhshrink_split(x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink(x[lo:hi], out[lo:hi])


@_loop
def tanhshrink_backward(grad, x, out):
    for i in range(out.size):
        out[i] = _logistic.tanhshrink_backward(grad[i], x[i])


@_split
def tanhshrink_backward_split(grad, x, out, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            tanhshrink_backward(grad[lo:hi], x[lo:hi], out[lo:hi])


@_loop
def hardshrink(x, out, lambd):
    lambd = _cast(out, lambd)
    for i in range(out.size):
        out[i] = _piecewise.hardshrink(x[i], lambd)


@_split
def hardshrink_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink(x[lo:hi], out[lo:hi], p0)


@_loop
def hardshrink_backward(grad, x, out, lambd):
    lambd = _cast(out, lambd)
    for i in range(out.size):
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd)


@_split
def hardshrink_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            hardshrink_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink(x, out, lambd):
    lambd = _cast(out, lambd)
    for i in range(out.size):
        out[i] = _piecewise.softshrink(x[i], lambd)


@_split
def softshrink_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink(x[lo:hi], out[lo:hi], p0)


@_loop
def softshrink_backward(grad, x, out, lambd):
    lambd = _cast(out, lambd)
    for i in range(out.size):
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd)


@_split
def softshrink_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            softshrink_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)


@_loop
def threshold(x, out, threshold, value):
    threshold = _cast(out, threshold)
    value = _cast(out, value)
    for i in range(out.size):
        out[i] = _piecewise.threshold(x[i], threshold, value)


@_split
def threshold_split(x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold(x[lo:hi], out[lo:hi], p0, p1)


@_loop
def threshold_backward(grad, x, out, threshold, value):
    threshold = _cast(out, threshold)
    value = _cast(out, value)
    for i in range(out.size):
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold, value)


@_split
def threshold_backward_split(grad, x, out, p0, p1, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            threshold_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0, p1)


@_loop
def squareplus(x, out, b):
    b = _cast(out, b)
    for i in range(out.size):
        out[i] = _logistic.squareplus(x[i], b)


@_split
def squareplus_split(x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus(x[lo:hi], out[lo:hi], p0)


@_loop
def squareplus_backward(grad, x, out, b):
    b = _cast(out, b)
    for i in range(out.size):
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b)


@_split
def squareplus_backward_split(grad, x, out, p0, nthreads):
    n = out.size
    step = (n + nthreads - 1) // nthreads
    step = (step + 15) // 16 * 16
    for j in _prange(nthreads):
        lo = j * step
        hi = min(lo + step, n)
        if lo < hi:
            squareplus_backward(grad[lo:hi], x[lo:hi], out[lo:hi], p0)
