"""Streaming stores: results written around the cache where they cannot stay in it.

A plain store first reads the line it writes into the cache (read for ownership): a
memory-bound loop such as relu moves 12 bytes an element of float32 (x read, out read,
out written).  A non-temporal store writes whole 64-byte lines without reading them: 8
bytes.  LLVM's vectorizer does not emit them for Numba's element-aligned stores, so the
generated ``NAME_stream`` loops (:func:`fastact._core.templates.stream_source`) compute
:data:`CHUNK_BYTES` at a time into a buffer that stays in L1 and copy it out with
:func:`store`, 64 bytes an instruction, from a 64-byte boundary of ``out`` (:func:`head`
elements before it are written plainly).  When a call streams is decided in
:func:`fastact._core.threads.streams`: a memory-bound function whose arrays together
exceed the last-level cache (the result could not have stayed cached anyway).  A module
of the core layer: it imports Numba, llvmlite and :mod:`fastact._core.jit`.
"""

from __future__ import annotations

import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic

from .jit import jit

CHUNK_BYTES = 8192
"""The bytes computed into the buffer between two runs of streaming stores (2048 float32,
1024 float64: in L1 with the chunk of input).  Measured on relu float32 at 2**25, 2 threads:
0.72x plain stores with 8 KiB, 0.72x with 2 KiB, 0.85x with 32 KiB."""
LINE = 64
"""Bytes a streaming store writes: one cache line (one AVX-512 register; LLVM splits it
into two 32-byte stores with AVX2)."""


@intrinsic
def _store_line(typingctx, out, i, buf, k):
    """``out[i:]`` = ``buf[k:]``, one line of :data:`LINE` bytes, a non-temporal store.

    ``out``'s element ``i`` must start a 64-byte boundary (the store is aligned: a
    misaligned one faults); ``buf`` is read unaligned.
    """
    if not (isinstance(out, types.Array) and isinstance(buf, types.Array)
            and isinstance(out.dtype, types.Float) and out.dtype == buf.dtype
            and isinstance(i, types.Integer) and isinstance(k, types.Integer)):
        return None
    sig = types.void(out, i, buf, k)

    def codegen(context, builder, sig, args):
        elem = context.get_value_type(sig.args[0].dtype)
        size = context.get_abi_sizeof(elem)
        vec = ir.VectorType(elem, LINE // size)
        o = context.make_array(sig.args[0])(context, builder, args[0])
        b = context.make_array(sig.args[2])(context, builder, args[2])
        io = context.cast(builder, args[1], sig.args[1], types.intp)
        ko = context.cast(builder, args[3], sig.args[3], types.intp)
        src = builder.bitcast(builder.gep(b.data, [ko]), vec.as_pointer())
        value = builder.load(src, align=size)
        dst = builder.bitcast(builder.gep(o.data, [io]), vec.as_pointer())
        st = builder.store(value, dst, align=LINE)
        st.set_metadata("nontemporal", builder.module.add_metadata([ir.Constant(ir.IntType(32), 1)]))
        return context.get_dummy_value()

    return sig, codegen


@intrinsic
def _fence(typingctx):
    """A full memory fence: the streaming stores are visible before the call returns."""
    sig = types.void()

    def codegen(context, builder, sig, args):
        builder.fence("seq_cst")
        return context.get_dummy_value()

    return sig, codegen


@jit(nogil=True)
def head(a):
    """The elements of ``a`` before its first 64-byte boundary (all of them if fewer).

    ``a``'s address is a multiple of its itemsize (an aligned array, ``flags.aligned``).
    """
    return min(((-a.ctypes.data) & (LINE - 1)) // a.itemsize, a.size)


@jit(nogil=True)
def chunk(out):
    """The elements of ``out``'s dtype in :data:`CHUNK_BYTES`."""
    return CHUNK_BYTES // out.itemsize


@jit(nogil=True)
def buffer(out):
    """A buffer of :func:`chunk` elements of ``out``'s dtype, and a line to align it in."""
    return np.empty((CHUNK_BYTES + LINE) // out.itemsize, out.dtype)


@jit(nogil=True)
def store(out, c, buf, k, m):
    """``out[c:c + m] = buf[k:k + m]`` in streaming stores.

    ``out[c]`` starts a 64-byte boundary and ``m`` elements are whole lines.
    """
    step = LINE // out.itemsize
    for j in range(0, m, step):
        _store_line(out, c + j, buf, k + j)  # type: ignore[call-arg]


@jit(nogil=True)
def fence():
    """Order the streaming stores before whatever follows (one ``mfence``)."""
    _fence()  # type: ignore[call-arg]
