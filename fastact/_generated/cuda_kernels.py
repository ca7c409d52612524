"""Grid-stride CUDA kernels, one per kernel and direction (generated; do not edit).

Made by ``python -m fastact._tools.generate --write`` (``make generate``).
``NAME(out, x, *params)`` and ``NAME_backward(out, grad, x, *params)`` over 1-d arrays
of one dtype, the parameters scalars of that dtype; ``NAME_p`` / ``NAME_backward_p``
take the parameters as arrays of ``out``'s length.  Launched by :mod:`fastact.cuda`.
"""

# kernels: 1de465d5dbbc89c84ec63f6a3eed1f9c94f5d0d73035126e712070f573f7b29b
# numba.cuda's intrinsics (cuda.grid & co) have no usable types:
# mypy: ignore-errors

from numba import cuda

from ..kernels import exponential as _exponential
from ..kernels import gaussian as _gaussian
from ..kernels import logistic as _logistic
from ..kernels import piecewise as _piecewise

_kernel = cuda.jit(cache=True)


@_kernel
def identity(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.identity(x[i])
        i += step


@_kernel
def identity_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.identity_backward(grad[i], x[i])
        i += step


@_kernel
def binary_step(out, x, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step(x[i], threshold)
        i += step


@_kernel
def binary_step_p(out, x, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step(x[i], threshold[i])
        i += step


@_kernel
def binary_step_backward(out, grad, x, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold)
        i += step


@_kernel
def binary_step_backward_p(out, grad, x, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.binary_step_backward(grad[i], x[i], threshold[i])
        i += step


@_kernel
def sigmoid(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.sigmoid(x[i])
        i += step


@_kernel
def sigmoid_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.sigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def tanh(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanh(x[i])
        i += step


@_kernel
def tanh_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanh_backward(grad[i], x[i])
        i += step


@_kernel
def relu(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu(x[i])
        i += step


@_kernel
def relu_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu_backward(grad[i], x[i])
        i += step


@_kernel
def relu6(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu6(x[i])
        i += step


@_kernel
def relu6_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.relu6_backward(grad[i], x[i])
        i += step


@_kernel
def leaky_relu(out, x, negative_slope):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu(x[i], negative_slope)
        i += step


@_kernel
def leaky_relu_p(out, x, negative_slope):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu(x[i], negative_slope[i])
        i += step


@_kernel
def leaky_relu_backward(out, grad, x, negative_slope):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope)
        i += step


@_kernel
def leaky_relu_backward_p(out, grad, x, negative_slope):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.leaky_relu_backward(grad[i], x[i], negative_slope[i])
        i += step


@_kernel
def prelu(out, x, weight):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu(x[i], weight)
        i += step


@_kernel
def prelu_p(out, x, weight):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu(x[i], weight[i])
        i += step


@_kernel
def prelu_backward(out, grad, x, weight):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight)
        i += step


@_kernel
def prelu_backward_p(out, grad, x, weight):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.prelu_backward(grad[i], x[i], weight[i])
        i += step


@_kernel
def rrelu(out, x, lower, upper):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu(x[i], lower, upper)
        i += step


@_kernel
def rrelu_p(out, x, lower, upper):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu(x[i], lower[i], upper[i])
        i += step


@_kernel
def rrelu_backward(out, grad, x, lower, upper):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower, upper)
        i += step


@_kernel
def rrelu_backward_p(out, grad, x, lower, upper):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.rrelu_backward(grad[i], x[i], lower[i], upper[i])
        i += step


@_kernel
def elu(out, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu(x[i], alpha)
        i += step


@_kernel
def elu_p(out, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu(x[i], alpha[i])
        i += step


@_kernel
def elu_backward(out, grad, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu_backward(grad[i], x[i], alpha)
        i += step


@_kernel
def elu_backward_p(out, grad, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.elu_backward(grad[i], x[i], alpha[i])
        i += step


@_kernel
def selu(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.selu(x[i])
        i += step


@_kernel
def selu_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.selu_backward(grad[i], x[i])
        i += step


@_kernel
def celu(out, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu(x[i], alpha)
        i += step


@_kernel
def celu_p(out, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu(x[i], alpha[i])
        i += step


@_kernel
def celu_backward(out, grad, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu_backward(grad[i], x[i], alpha)
        i += step


@_kernel
def celu_backward_p(out, grad, x, alpha):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.celu_backward(grad[i], x[i], alpha[i])
        i += step


@_kernel
def gelu(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu(x[i])
        i += step


@_kernel
def gelu_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_backward(grad[i], x[i])
        i += step


@_kernel
def gelu_tanh(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_tanh(x[i])
        i += step


@_kernel
def gelu_tanh_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _gaussian.gelu_tanh_backward(grad[i], x[i])
        i += step


@_kernel
def silu(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.silu(x[i])
        i += step


@_kernel
def silu_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.silu_backward(grad[i], x[i])
        i += step


@_kernel
def swish(out, x, beta):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish(x[i], beta)
        i += step


@_kernel
def swish_p(out, x, beta):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish(x[i], beta[i])
        i += step


@_kernel
def swish_backward(out, grad, x, beta):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish_backward(grad[i], x[i], beta)
        i += step


@_kernel
def swish_backward_p(out, grad, x, beta):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.swish_backward(grad[i], x[i], beta[i])
        i += step


@_kernel
def mish(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.mish(x[i])
        i += step


@_kernel
def mish_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.mish_backward(grad[i], x[i])
        i += step


@_kernel
def softplus(out, x, beta, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus(x[i], beta, threshold)
        i += step


@_kernel
def softplus_p(out, x, beta, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus(x[i], beta[i], threshold[i])
        i += step


@_kernel
def softplus_backward(out, grad, x, beta, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus_backward(grad[i], x[i], beta, threshold)
        i += step


@_kernel
def softplus_backward_p(out, grad, x, beta, threshold):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softplus_backward(grad[i], x[i], beta[i], threshold[i])
        i += step


@_kernel
def softsign(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softsign(x[i])
        i += step


@_kernel
def softsign_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.softsign_backward(grad[i], x[i])
        i += step


@_kernel
def hardtanh(out, x, min_val, max_val):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh(x[i], min_val, max_val)
        i += step


@_kernel
def hardtanh_p(out, x, min_val, max_val):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh(x[i], min_val[i], max_val[i])
        i += step


@_kernel
def hardtanh_backward(out, grad, x, min_val, max_val):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val, max_val)
        i += step


@_kernel
def hardtanh_backward_p(out, grad, x, min_val, max_val):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardtanh_backward(grad[i], x[i], min_val[i], max_val[i])
        i += step


@_kernel
def hardsigmoid(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardsigmoid(x[i])
        i += step


@_kernel
def hardsigmoid_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardsigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def logit(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.logit(x[i])
        i += step


@_kernel
def logit_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.logit_backward(grad[i], x[i])
        i += step


@_kernel
def sparse_sigmoid(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_sigmoid(x[i])
        i += step


@_kernel
def sparse_sigmoid_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_sigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def log1mexp(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.log1mexp(x[i])
        i += step


@_kernel
def log1mexp_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _exponential.log1mexp_backward(grad[i], x[i])
        i += step


@_kernel
def sparse_plus(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_plus(x[i])
        i += step


@_kernel
def sparse_plus_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.sparse_plus_backward(grad[i], x[i])
        i += step


@_kernel
def hardswish(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardswish(x[i])
        i += step


@_kernel
def hardswish_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardswish_backward(grad[i], x[i])
        i += step


@_kernel
def log_sigmoid(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.log_sigmoid(x[i])
        i += step


@_kernel
def log_sigmoid_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.log_sigmoid_backward(grad[i], x[i])
        i += step


@_kernel
def tanhshrink(out, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanhshrink(x[i])
        i += step


@_kernel
def tanhshrink_backward(out, grad, x):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.tanhshrink_backward(grad[i], x[i])
        i += step


@_kernel
def hardshrink(out, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink(x[i], lambd)
        i += step


@_kernel
def hardshrink_p(out, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink(x[i], lambd[i])
        i += step


@_kernel
def hardshrink_backward(out, grad, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd)
        i += step


@_kernel
def hardshrink_backward_p(out, grad, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.hardshrink_backward(grad[i], x[i], lambd[i])
        i += step


@_kernel
def softshrink(out, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink(x[i], lambd)
        i += step


@_kernel
def softshrink_p(out, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink(x[i], lambd[i])
        i += step


@_kernel
def softshrink_backward(out, grad, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd)
        i += step


@_kernel
def softshrink_backward_p(out, grad, x, lambd):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.softshrink_backward(grad[i], x[i], lambd[i])
        i += step


@_kernel
def threshold(out, x, threshold, value):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold(x[i], threshold, value)
        i += step


@_kernel
def threshold_p(out, x, threshold, value):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold(x[i], threshold[i], value[i])
        i += step


@_kernel
def threshold_backward(out, grad, x, threshold, value):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold, value)
        i += step


@_kernel
def threshold_backward_p(out, grad, x, threshold, value):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _piecewise.threshold_backward(grad[i], x[i], threshold[i], value[i])
        i += step


@_kernel
def squareplus(out, x, b):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus(x[i], b)
        i += step


@_kernel
def squareplus_p(out, x, b):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus(x[i], b[i])
        i += step


@_kernel
def squareplus_backward(out, grad, x, b):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b)
        i += step


@_kernel
def squareplus_backward_p(out, grad, x, b):
    i, n, step = cuda.grid(1), out.size, cuda.gridsize(1)
    while i < n:  # (a range() with a variable step divides)
        out[i] = _logistic.squareplus_backward(grad[i], x[i], b[i])
        i += step
