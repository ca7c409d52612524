"""The CUDA engine: launcher, device arrays and streams, axis kernels and their host code.

Every module here imports ``numba.cuda``; nothing imports this package until a CUDA array
is seen (or :mod:`fastact.cuda` is imported).  May import: :mod:`fastact._core`,
:mod:`fastact.kernels`, :mod:`fastact._spec`, :mod:`fastact._generated`.
"""
