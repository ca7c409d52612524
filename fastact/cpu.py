"""Every elementwise function as a :class:`numpy.ufunc` for Numba's serial ``cpu`` target.

``fastact.cpu.NAME(x, *params)`` and ``fastact.cpu.NAME_backward(grad, x, *params)``
take the parameters as trailing inputs in the documented order (positional, no
defaults; ``help(fastact.cpu.NAME)`` shows the order).  ``fastact.cpu.bind(NAME, **params)``
gives them by keyword, with fastact's defaults.  Each ufunc is compiled on first access
and cached on disk.
"""

from ._api.targets import make_bind, make_getattr

__getattr__, __dir__ = make_getattr("cpu")
bind = make_bind("cpu")
