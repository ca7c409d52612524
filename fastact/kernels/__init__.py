"""Scalar kernels: one plain function per activation and per derivative.

Each kernel takes float scalars (the input first, then the parameters) and is compiled
for every target: NumPy ufuncs (:mod:`fastact._cpu.ufuncs`), the compiled loops
(:mod:`fastact._generated.loops`) and the CUDA kernels (:mod:`fastact._generated.cuda_kernels`).  A backward
kernel takes ``(grad, x, *params)`` and returns ``grad * f'(x)``.  Many kernels compute
float32 input in float64 and round once; sigmoid, silu, log_sigmoid, tanh, tanhshrink,
softplus, gelu, the ELU family, hardsigmoid, hardswish and leaky_relu (forward and
backward) compute it in float32 arithmetic (``exp_f32``: twice the SIMD lanes), held
to the same accuracy tests (see each module's docstring).
"""
