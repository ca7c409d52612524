"""Scalar kernels: one plain function per activation and per derivative.

Each kernel takes float scalars (the input first, then the parameters) and is compiled
by :mod:`fastact._ufuncs` into ufunc loops for every target.  A backward kernel takes
``(grad, x, *params)`` and returns ``grad * f'(x)``.  Kernels promote to float64 first,
so the float32 loops compute in double precision and round once.
"""
