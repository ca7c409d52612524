"""fastact: neural-network activations and their derivatives as exact, fast NumPy ufuncs.

Every elementwise function ``fastact.NAME(x, **params, out=None)`` has a backward
``fastact.NAME_backward(grad, x, **params, out=None)`` returning ``grad * f'(x)``.
Real :class:`numpy.ufunc` objects live in :mod:`fastact.cpu` and
:mod:`fastact.parallel`; functions along an axis (softmax, log_softmax, softmin,
logsumexp, glu, maxout) take ``axis=-1``.  Nothing is compiled at import: each function
compiles on first use and is cached on disk.
"""

from . import _elementwise
from ._names import ALONG_AXIS
from ._registry import REGISTRY
from ._rows import (
    glu,
    glu_backward,
    log_softmax,
    log_softmax_backward,
    logsumexp,
    logsumexp_backward,
    maxout,
    maxout_backward,
    softmax,
    softmax_backward,
    softmin,
    softmin_backward,
)
from ._special import prelu_backward, rrelu, rrelu_backward

__version__ = "0.1.0"

globals().update(_elementwise.build())

ELEMENTWISE = tuple(REGISTRY)
"""Names of the elementwise functions (each also has ``NAME_backward``)."""

__all__ = sorted(
    [*ELEMENTWISE, *(n + "_backward" for n in ELEMENTWISE), *ALONG_AXIS,
     *(n + "_backward" for n in ALONG_AXIS), "ELEMENTWISE", "ALONG_AXIS"]
)


def __getattr__(name):
    if name in ("cpu", "parallel", "cuda"):
        import importlib

        return importlib.import_module(f"fastact.{name}")
    raise AttributeError(f"module 'fastact' has no attribute {name!r}")
