"""Shared test helpers: the cases and call conventions, all driven by the registry."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import tempfile

# The CUDA tests run on the simulator unless FASTACT_REAL_GPU=1 (set on a GPU machine).
# It must be decided before numba is imported.
if os.environ.get("FASTACT_REAL_GPU") != "1":
    os.environ.setdefault("NUMBA_ENABLE_CUDASIM", "1")

import sys
import threading
import time
import traceback

import numpy as np

import fastact
import fastact.examples.snake  # noqa: F401  (a user activation: it joins every generated test)
from fastact._spec.names import TUPLE_BACKWARD
from fastact._spec.registry import REGISTRY, USER, lookup
from fastact._tools.accuracy import points, reference


def _lock_simulator_shared_arrays():
    """Make the CUDA simulator's shared-array allocation thread-safe.

    ``FakeCUDAShared.array`` (numba-cuda 0.30.4) looks an allocation up by the calling
    line and creates it when missing, without a lock: two threads of one block that get
    there together each create their own array, and a block reduction then reads
    uninitialized memory (seen in CI as a row of NaN, under load).  On a GPU shared memory
    is per block in hardware; only the simulator needs this.
    """
    try:
        from numba.cuda.simulator import kernelapi
        from numba.np import numpy_support
    except ImportError:
        return
    lock = threading.Lock()
    original = kernelapi.FakeCUDAShared.array

    def array(self, shape, dtype, alignment=None):
        if shape == 0 or alignment is not None:  # dynamic shared memory: no lookup
            return original(self, shape, dtype, alignment)
        caller = traceback.extract_stack(sys._getframe(1), limit=1)[-1][0:2]
        dtype = numpy_support.as_dtype(dtype) if not isinstance(dtype, np.dtype) and hasattr(
            dtype, "bitwidth") else np.dtype(dtype)
        with lock:
            res = self._allocations.get(caller)
            if res is None:
                res = self._allocations[caller] = np.empty(shape, dtype)
        return res

    kernelapi.FakeCUDAShared.array = array


def _yield_while_simulator_polls():
    """Let the CUDA simulator's block threads run while it waits for them.

    ``BlockManager.run`` (numba-cuda 0.30.4) polls ``is_alive()`` of every thread of a
    block in a loop until all have finished, holding the GIL between polls: the threads
    that do the work get it only at the interpreter's switch interval, and a test of the
    softmax family's kernels spent most of its 25 s in that loop (16.8 million polls).
    Each poll here first releases the GIL (``time.sleep(0)``); what the threads compute,
    and when the block's barrier releases them, is unchanged.
    """
    try:
        from numba.cuda.simulator import kernel
    except ImportError:
        return
    thread_is_alive = threading.Thread.is_alive

    def is_alive(self):
        time.sleep(0)
        return thread_is_alive(self)

    kernel.BlockThread.is_alive = is_alive


if os.environ.get("NUMBA_ENABLE_CUDASIM") == "1":
    _lock_simulator_shared_arrays()
    _yield_while_simulator_polls()

def host_cpu_has(feature: str) -> bool:
    """Whether this machine's CPU has ``feature`` (LLVM's name: ``avx2``, ``fma``, ...)."""
    import llvmlite.binding as llvm

    try:
        return bool(llvm.get_host_cpu_features().get(feature))
    except RuntimeError:  # LLVM cannot read the features on this platform
        return False


TARGETS = ("public", "cpu", "parallel")
DTYPES = (np.float32, np.float64)


def cases():
    """``(name, params)`` pairs: the defaults (where complete) and each entry's extras.

    The built-ins and the user activations made with ``fastact.activation`` (Snake, from
    fastact.examples.snake), which must pass the same tests.
    """
    out = []
    for name, e in {**REGISTRY, **USER}.items():
        complete = all(p.default is not fastact._spec.registry.REQUIRED for p in e.params)
        if complete:
            out.append((name, {}))
        for tp in e.test_params:
            out.append((name, dict(tp)))
    return out


CASES = cases()
CASE_IDS = [n + "".join(f"-{k}={v}" for k, v in p.items()) for n, p in CASES]


def ufunc_args(name, params):
    """Parameter values in ufunc order (defaults filled, ``None`` replaced)."""
    e = lookup(name)
    vals = []
    for p in e.ufunc_params:
        v = params.get(p.name, p.default)
        vals.append(p.none_value if v is None else v)
    return vals


def call(target, name, x, params, backward=False, grad=None):
    """Run ``name`` (or its backward) through ``target``: public, cpu or parallel."""
    args = (grad, x) if backward else (x,)
    fname = name + ("_backward" if backward else "")
    if target == "public":
        r = fastact.get(fname)(*args, **params)
        return r[0] if name in TUPLE_BACKWARD and backward else r
    uf = getattr(getattr(fastact, target), fname)
    assert isinstance(uf, np.ufunc)
    with np.errstate(all="ignore"):
        return uf(*args, *ufunc_args(name, params))


def _key(params):
    return tuple(sorted(params.items()))


@functools.cache
def cached_points(name, params_key, dtype):
    return points(dtype, lookup(name), dict(params_key))


REFERENCES_ENV = "FASTACT_TEST_REFERENCES"
"""A folder for the mpmath references of one test session, shared by its processes."""


def pytest_configure(config):
    # one folder per session, made by the main process (xdist workers and the tests'
    # subprocesses inherit the variable): each reference is computed once per session
    if hasattr(config, "workerinput") or os.environ.get(REFERENCES_ENV):
        return
    folder = tempfile.mkdtemp(prefix="fastact-references-")
    os.environ[REFERENCES_ENV] = folder
    config.add_cleanup(lambda: (shutil.rmtree(folder, ignore_errors=True),
                                os.environ.pop(REFERENCES_ENV, None)))


@functools.cache
def cached_reference(name, params_key, dtype, derivative, grad_seed=None):
    xs = cached_points(name, params_key, dtype)
    grad = None
    if grad_seed is not None:
        grad = grads_for(xs, dtype, grad_seed)
    folder = os.environ.get(REFERENCES_ENV)
    # keyed by everything the reference depends on, the points' bits included
    what = repr((name, params_key, np.dtype(dtype).name, derivative, grad_seed)).encode()
    path = folder and os.path.join(folder, hashlib.sha256(what + xs.tobytes()).hexdigest() + ".npy")
    if path and os.path.exists(path):
        hi, lo = np.load(path)
        return hi, lo
    hi, lo = reference(lookup(name), xs, dict(params_key), derivative=derivative, grad=grad)
    if not path:
        return hi, lo
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".npy")  # written whole, then renamed
    with os.fdopen(fd, "wb") as f:
        np.save(f, np.stack([hi, lo]))
    os.replace(tmp, path)
    return hi, lo


def grads_for(xs, dtype, seed):
    rng = np.random.default_rng(seed)
    return (rng.uniform(-3, 3, xs.shape)).astype(dtype)


def report(xs, y, hi, err, limit=8):
    idx = np.argsort(err)[::-1][:limit]
    return "\n".join(f"x={xs[i]!r} got={y[i]!r} want={hi[i]!r} ulp={err[i]:.3g}" for i in idx)


key = _key
