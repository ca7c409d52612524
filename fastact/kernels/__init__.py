"""Scalar kernels: one plain function per activation and per derivative.

Each kernel takes float scalars (the input first, then the parameters) and is compiled
for every target: NumPy ufuncs (:mod:`fastact._cpu.ufuncs`), the compiled loops
(:mod:`fastact._generated.loops`) and the CUDA kernels (:mod:`fastact._generated.cuda_kernels`).  A backward
kernel takes ``(grad, x, *params)`` and returns ``grad * f'(x)``.  float32 input is
computed in float32 arithmetic (``exp_f32``: twice the SIMD lanes), held to the same
accuracy tests (see each module's docstring), in every forward and backward kernel
(``tests/test_cuda_compile.py`` holds it for the GPU kernels); most higher derivatives
compute it in float64 and round once.
"""
