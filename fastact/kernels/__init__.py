"""Scalar kernels: one plain function per activation and per derivative.

Each kernel takes float scalars (the input first, then the parameters) and is compiled
for every target: NumPy ufuncs (:mod:`fastact._cpu.ufuncs`), the compiled loops
(:mod:`fastact._generated.loops`) and the CUDA kernels (:mod:`fastact._generated.cuda_kernels`).  A backward
kernel takes ``(grad, x, *params)`` and returns ``grad * f'(x)``.  Most kernels compute
float32 input in float64 and round once; sigmoid, silu, log_sigmoid, tanh's backward
and the ELU family compute it in float32 arithmetic (``exp_f32``: twice the SIMD lanes),
with their own accuracy tests (see each module's docstring).
"""
