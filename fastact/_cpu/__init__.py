"""The CPU engine: compiled loops, ufuncs, threads, and the host code of the axis functions.

May import: :mod:`fastact._core`, :mod:`fastact.kernels`, :mod:`fastact._spec`,
:mod:`fastact._generated`.  Never imports the CUDA target or the public API.
"""
