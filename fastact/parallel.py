"""Every elementwise function as a :class:`numpy.ufunc` for Numba's ``parallel`` target.

Same calling convention as :mod:`fastact.cpu`.  Numba's parallel ufuncs start its
threading layer and, with the ``omp`` layer, pay a per-element dispatch cost;
``fastact.NAME`` splits large arrays over threads itself and is usually faster.
"""

from ._api.targets import make_bind, make_getattr

__getattr__, __dir__ = make_getattr("parallel")
bind = make_bind("parallel")
