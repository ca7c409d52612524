"""The public API: the router, the public functions and their docs, user activations.

May import every layer below it (``_core``, ``kernels``, ``_spec``, ``_generated``,
``_cpu``, and ``_cuda`` lazily, when a CUDA array is seen); never :mod:`fastact._tools`.
"""
