"""Threads: the thread count, the thresholds to split from, the alignment, pools, fork.

The one owner of these decisions; the elementwise loops, the ufunc path and the axis
functions of every CPU target ask here.

* The thread count follows ``numba.get_num_threads()``.
* Large work is split in one piece per thread.  Elementwise functions split on Numba's
  threads (the generated ``NAME_split`` loops: ~5 us a split) where its threading layer
  may run them (OpenMP or TBB, not in a forked child of a GNU OpenMP parent), else on a
  Python thread pool (~80-100 us a call; Numba's loops release the GIL).  The thresholds
  (:func:`split_threshold`) were measured on 2 cores.
* On one thread, a large call of a loop with a block fast path still goes through its
  split loop, which hands it chunks (:data:`CHUNKED_MIN_SIZE`).
* Pieces start at multiples of :data:`ALIGN` elements (whole 64-byte cache lines of
  float32); the axis functions split whole rows, or columns in multiples of ``ALIGN``.
* A memory-bound forward whose arrays together exceed the last-level cache writes its
  result with streaming stores (:func:`streams`, :mod:`fastact._core.stream`), unless
  the call allocated that result.

A leaf module: it imports the standard library and (lazily) Numba.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

PARALLEL_MIN_SIZE = 1 << 17
"""Inputs with at least this many elements are split across the Python thread pool (where
Numba's threads cannot split them: see :data:`NATIVE_MIN_SIZE`)."""
PARALLEL_MIN_SIZE_MEMORY_BOUND = 1 << 21
"""The same for the memory-bound functions (registry flag): a call on the thread pool costs
~80-100 us here, as much as relu on 2**20 float32 elements on one thread."""
NATIVE_MIN_SIZE = 1 << 15
"""Inputs with at least this many elements are split across Numba's threads (the
``NAME_split`` loops).  A split costs ~5 us there: measured on 2 cores, sigmoid float32
gains from 2**15 elements (15 us against 19 on one thread), float64 from 2**13."""
NATIVE_MIN_SIZE_MEMORY_BOUND = 1 << 17
"""The same for the memory-bound functions: relu float32 gains from about 2**17 elements
(at 2**16: 8.2 us split against 6.5 on one thread; at 2**18: 18.6 against 24.5)."""
CHUNKED_MIN_SIZE = 1 << 20
"""On one thread, a call of this many elements to a loop with a block fast path runs through
its split loop (``nthreads=1``), which hands the loop 16384 elements at a time
(:data:`fastact._core.templates.FAST_CHUNK`): an element that fails the block test then
makes the loop read its chunk again from the cache, not the whole input from memory.
Below, the split's parallel launch (2.7 us measured for an empty ``prange``) would cost
more than such a re-read."""
AXIS_MIN_SIZE = 1 << 17
"""The axis functions (softmax family, losses) split blocks of rows (or columns) across the
Python thread pool from this many elements (they call a compiled kernel per block, as the
pool's elementwise path does, so the same cutoff).  Their row kernels split on Numba's
threads instead where its layer runs (``*_rows_split``, ``prange``), from
:data:`NATIVE_MIN_SIZE`: softmax of 512 x 128 float32 80 -> 53 us, of 4096 x 1000
2.9 -> 2.65 ms (the pool's thread took ~0.3-0.5 ms to wake); their column kernels too
(``*_cols_split``), from this size: along axis 0 of (64, 4096) and (16, 8192) float32, 2
threads, 0.36-0.77x the pool's time (AMD Zen 4, AVX-512)."""
ALIGN = 16
"""Pieces of a flat split start at multiples of this many elements: 64 bytes of float32."""


_stream_min: int | None = None
"""The bytes (inputs and result together) from which an elementwise call streams its result:
the last-level cache's size (:func:`last_level_cache`, else 32 MiB), read on first use."""


def last_level_cache() -> int | None:
    """Bytes of the CPU's last-level cache (Linux sysfs: the highest level), or None."""
    import glob

    best = (0, 0)
    for d in glob.glob("/sys/devices/system/cpu/cpu0/cache/index*"):
        try:
            with open(f"{d}/level") as fh:
                level = int(fh.read())
            with open(f"{d}/size") as fh:
                text = fh.read().strip()
        except (OSError, ValueError):
            continue
        scale = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
        digits = text.rstrip("KMG")
        if digits.isdigit():
            best = max(best, (level, int(digits) * scale))
    return best[1] or None


def streams(nbytes: int, memory_bound: bool, backward: bool, fresh: bool = False) -> bool:
    """Whether a call touching ``nbytes`` (its arrays together) writes with streaming stores.

    Only the forward of a memory-bound function (the registry's flag), and only from the
    size of the last-level cache: a result that large could not stay cached for the next
    operation (the inputs read after it evict it), so its lines are written without being
    read first.  Measured on 2 cores (AMD EPYC, AVX-512, ``out=``, 2**25 float32 and
    2**24 float64, streaming time / plain time): relu, hardtanh and softshrink 0.80-0.87
    on 1 thread and 0.71-0.83 on 2; but relu' and hardshrink' 0.85-1.10 (two arrays read,
    one written), sigmoid 1.39 on 1 thread, tanh 1.15 (their arithmetic no longer
    overlaps the stores, which leave the buffer in bursts).  Below, plain stores keep
    the result in the cache.

    Never into a result the call allocates (``fresh``): from glibc's mmap threshold (32 MiB
    at most) each allocation maps new pages, which the kernel zeroes on the first write,
    leaving their lines in the cache, where a streaming store costs more than a plain one.
    Measured on 2 cores (AMD EPYC Zen 4, AVX-512, 2 threads, result allocated, streaming
    time / plain time): relu, hardshrink and softshrink 1.14-1.30 for results of 32 to
    244 MiB; 0.96-1.04 for 30.5 MiB (the allocator reused memory already mapped).
    """
    global _stream_min
    if not memory_bound or backward or fresh:
        return False
    if _stream_min is None:
        _stream_min = last_level_cache() or 32 << 20
    return nbytes >= _stream_min


@contextlib.contextmanager
def stream_threshold(nbytes: int | None):
    """Within: calls stream from ``nbytes`` instead (``None``: from the last-level cache).

    For comparisons (a benchmark's plain-store relu: ``stream_threshold(1 << 62)``).  Only
    calls that write an ``out=`` stream at all: a result the call allocates gets plain
    stores at any threshold, 0 included (:func:`streams`, ``fresh``).  Not thread-safe:
    it sets the process's threshold.
    """
    global _stream_min
    before = _stream_min
    _stream_min = nbytes
    try:
        yield
    finally:
        _stream_min = before


def num_threads() -> int:
    """The thread count fastact uses: ``numba.get_num_threads()`` (the calling thread's).

    After the first call (which starts Numba's threading layer), the layer's own reader of
    that count, which ``numba.get_num_threads`` calls after checking that the layer has
    started: 0.09 us instead of 0.68, on every elementwise call from 2**15 elements.
    """
    global _count
    if _count is None:
        import numba
        from numba.np.ufunc import parallel

        n = numba.get_num_threads()
        _count = parallel._get_num_threads  # type: ignore[attr-defined]  # (set by the launch)
        return n
    return _count()


_count = None


def split_threshold(memory_bound: bool, native: bool) -> int:
    """The size from which an elementwise call is split.

    ``native``: on Numba's threads (a built-in with a ``NAME_split`` loop, and
    :func:`native_threads` true), else on the Python pool.  ``memory_bound``: the registry's
    flag (such functions gain from threads only on larger arrays).
    """
    if native:
        return NATIVE_MIN_SIZE_MEMORY_BOUND if memory_bound else NATIVE_MIN_SIZE
    return PARALLEL_MIN_SIZE_MEMORY_BOUND if memory_bound else PARALLEL_MIN_SIZE


_pool: ThreadPoolExecutor | None = None
_pool_key: tuple[int, int] = (0, 0)
_pool_lock = threading.Lock()


def executor(nthreads: int) -> ThreadPoolExecutor:
    """A pool of ``nthreads - 1`` workers, rebuilt after ``fork`` or a thread-count change."""
    global _pool, _pool_key
    key = (os.getpid(), nthreads)
    with _pool_lock:
        if _pool is None or _pool_key != key:
            if _pool is not None and _pool_key[0] == key[0]:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(max_workers=nthreads - 1, thread_name_prefix="fastact")
            _pool_key = key
        return _pool


def on_threads(chunk, size: int, nthreads: int, align: int = ALIGN) -> None:
    """Run ``chunk(lo, hi)`` over ``[0, size)`` in ``nthreads`` pieces, multiples of ``align``.

    The first piece runs on the calling thread, the others on the pool.
    """
    step = -(-size // nthreads)
    step = -(-step // align) * align
    bounds = [(lo, min(lo + step, size)) for lo in range(0, size, step)]
    pool = executor(nthreads)
    futures = [pool.submit(chunk, *b) for b in bounds[1:]]
    chunk(*bounds[0])
    for f in futures:
        f.result()


_native: bool | None = None
"""Whether Numba's threads split large arrays (None: not decided yet in this process)."""


def native_decided() -> bool | None:
    """What :func:`native_threads` decided in this process (None: not asked yet)."""
    return _native


def native_threads() -> bool:
    """True if Numba's threading layer may run the splits: OpenMP or TBB, not forked.

    The layer is started (as a user's first ``parallel=True`` call would start it, obeying
    ``NUMBA_THREADING_LAYER``) on the first split.  ``workqueue`` is not thread-safe (two
    Python threads calling at once abort), so with it the Python pool keeps splitting.
    """
    global _native
    if _native is None:
        try:
            from numba.np.ufunc import parallel

            parallel._launch_threads()
            _native = parallel._threading_layer in ("omp", "tbb")
        except Exception:  # pragma: no cover - no usable layer: the Python pool
            _native = False
    return _native


def _after_fork_in_child() -> None:
    """After ``fork``, in the child: split on the Python pool if the parent started GNU OpenMP.

    Numba kills a forked child that runs a parallel region of an OpenMP team its parent
    started.  A layer the parent had not started starts afresh in the child.
    """
    global _native
    parallel = sys.modules.get("numba.np.ufunc.parallel")
    if parallel is not None and getattr(parallel, "_is_initialized", False):
        _native = False if parallel._threading_layer == "omp" else _native


os.register_at_fork(after_in_child=_after_fork_in_child)
