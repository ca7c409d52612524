"""The inner loop of fastact's ufuncs, built by fastact (not by Numba's ``@vectorize``).

Why not Numba's loop: with numba 0.68.1 the loop that ``@vectorize`` generates picks its
unit-stride fast path from the strides of the *inputs* only and then stores the result
as if ``out`` were contiguous.  ``ufunc(x, out=Y[:, 1])`` or ``out=b[::-2]`` then writes
the wrong elements, or past the end of the buffer (heap corruption).  The loop built
here takes the fast path only when every operand, the output included, has unit
stride; otherwise it steps every operand, the output included, by its own stride.

Everything else stays Numba's: the kernel is compiled by Numba's ufunc builder (with
its disk cache), :func:`numba.np.ufunc._internal.fromfunc` makes the ``numpy.ufunc``,
and the ``parallel`` target wraps this loop with Numba's thread dispatcher.  NumPy
itself resolves broadcasting, casting and overlap between ``out`` and the inputs (it
copies an input that partly overlaps ``out``) before the loop runs.
"""

from __future__ import annotations

from llvmlite import ir
from numba.core import cgutils, types
from numba.core.compiler_lock import global_compiler_lock
from numba.np.numpy_support import as_dtype
from numba.np.ufunc import parallel as _nb_parallel
from numba.np.ufunc import ufuncbuilder as _nb_builder
from numba.np.ufunc.wrappers import _wrapper_info

from .._core.jit import CACHE, ufunc_targetoptions


def _operand(context, builder, args, steps, index, fe_type):
    """(typed data pointer, byte step, unit-stride flag) of operand ``index``."""
    i = context.get_constant(types.intp, index)
    data_t = context.get_data_type(fe_type)
    ptr = builder.bitcast(builder.load(builder.gep(args, [i])), data_t.as_pointer())
    step = builder.load(builder.gep(steps, [i]))
    size = context.get_constant(types.intp, context.get_abi_sizeof(data_t))
    return ptr, step, builder.icmp_unsigned("==", step, size)


def _loop_module(context, name):
    """(library, IR module, the ufunc loop's function type, intp type) for a new loop."""
    byte_ptr_t = ir.IntType(8).as_pointer()
    intp_t = context.get_value_type(types.intp)
    loop_t = ir.FunctionType(ir.VoidType(), [byte_ptr_t.as_pointer(), intp_t.as_pointer(),
                                             intp_t.as_pointer(), byte_ptr_t])
    lib = context.codegen().create_library(name)
    return lib, lib.create_ir_module(""), loop_t, intp_t


def build_loop(library, context, fname, signature, cres):
    """The loop ``void(char **args, intp *dims, intp *steps, void *data)`` around kernel ``fname``.

    Two loops over ``dims[0]`` elements: one indexing every operand as a contiguous
    array (what LLVM vectorizes), taken only when every operand, ``out`` included, has
    unit stride (with a copy of it for each input that ``out`` may be, in place); and one
    stepping each operand by its own byte stride.
    """
    lib, module, loop_t, intp_t = _loop_module(context, "fastact_ufunc_loop")
    kernel_t = context.call_conv.get_function_type(signature.return_type, signature.args)
    kernel = ir.Function(module, kernel_t, name=fname)
    kernel.attributes.add("alwaysinline")
    loop = ir.Function(module, loop_t, "__fastact_ufunc__." + fname)
    args, dims, steps, _ = loop.args
    builder = ir.IRBuilder(loop.append_basic_block("entry"))
    count = builder.load(dims)
    types_ = [*signature.args, signature.return_type]
    ops = [_operand(context, builder, args, steps, k, t) for k, t in enumerate(types_)]
    unit = cgutils.true_bit
    for _, _, u in ops:
        unit = builder.and_(unit, u)

    def body(address, dst):
        vals = [context.unpack_value(builder, t, address(p, s)) for (p, s, _), t
                in zip(ops[:-1], signature.args)]
        status, res = context.call_conv.call_function(
            builder, kernel, signature.return_type, signature.args, vals)
        with builder.if_else(status.is_ok, likely=True) as (ok, failed):
            with ok:
                p, s, _ = dst
                context.pack_value(builder, signature.return_type, res, address(p, s))
            with failed:  # not reached with error_model="numpy"; raise as Numba's loop does
                pyapi = context.get_python_api(builder)
                gil = pyapi.gil_ensure()
                context.call_conv.raise_error(builder, pyapi, status)
                pyapi.gil_release(gil)

    def contiguous_loop(candidates):
        """In place (``out`` is input k): the loop stores through input k's own pointer.

        LLVM vectorizes a loop that writes one array and reads another behind a run-time
        check that they do not overlap; in place they do, and the scalar loop ran (gelu
        float32 in place 12x slower).  Written through the input's pointer, the loop
        reads and writes one array and needs no check against it.
        """
        if not candidates:
            with cgutils.for_range(builder, count, intp=intp_t) as it:
                body(lambda p, s: builder.gep(p, [it.index]), ops[-1])  # gep: SIMD
            return
        k = candidates[0]
        same = builder.icmp_unsigned("==", builder.ptrtoint(ops[k][0], intp_t),
                                     builder.ptrtoint(ops[-1][0], intp_t))
        with builder.if_else(same) as (in_place, apart):
            with in_place, cgutils.for_range(builder, count, intp=intp_t) as it:
                body(lambda p, s: builder.gep(p, [it.index]), ops[k])
            with apart:
                contiguous_loop(candidates[1:])

    alike = [k for k, t in enumerate(signature.args) if t == signature.return_type]
    with builder.if_else(unit) as (contiguous, strided):
        with contiguous:
            contiguous_loop(alike)
        with strided, cgutils.for_range(builder, count, intp=intp_t) as it:
            body(lambda p, s: cgutils.pointer_add(builder, p, builder.mul(it.index, s)), ops[-1])
    builder.ret_void()
    lib.add_ir_module(module)
    lib.add_linking_library(library)
    return _wrapper_info(library=lib, env=cres.environment, name=loop.name)


def _overlap_guard(context, signature, inner, threaded):
    """``loop(args, dims, steps, data)``: ``inner`` if ``out`` overlaps an input, else ``threaded``.

    NumPy skips its copy of an input that ``out`` overlaps when a loop run in order
    reads every element before writing over it (``out`` behind the input); chunks run
    on several threads at once break that order.  Exactly the same memory (in place)
    is safe either way.
    """
    lib, module, loop_t, intp_t = _loop_module(context, "fastact_ufunc_guard")
    fn = ir.Function(module, loop_t, "__fastact_guard__." + inner.name)
    inner_fn = ir.Function(module, loop_t, inner.name)
    threaded_fn = ir.Function(module, loop_t, threaded.name)
    args, dims, steps, data = fn.args
    builder = ir.IRBuilder(fn.append_basic_block("entry"))
    last = builder.sub(builder.load(dims), ir.Constant(intp_t, 1))

    def extent(index, fe_type):
        i = ir.Constant(intp_t, index)
        start = builder.ptrtoint(builder.load(builder.gep(args, [i])), intp_t)
        step = builder.load(builder.gep(steps, [i]))
        end = builder.add(start, builder.mul(last, step))
        lo = builder.select(builder.icmp_signed("<", step, ir.Constant(intp_t, 0)), end, start)
        hi = builder.select(builder.icmp_signed("<", step, ir.Constant(intp_t, 0)), start, end)
        size = context.get_abi_sizeof(context.get_data_type(fe_type))
        return start, step, lo, builder.add(hi, ir.Constant(intp_t, size))

    o_start, o_step, o_lo, o_hi = extent(len(signature.args), signature.return_type)
    overlap = cgutils.false_bit
    for k, t in enumerate(signature.args):
        start, step, lo, hi = extent(k, t)
        same = builder.and_(builder.icmp_signed("==", start, o_start),
                            builder.icmp_signed("==", step, o_step))
        meet = builder.and_(builder.icmp_signed("<", lo, o_hi), builder.icmp_signed("<", o_lo, hi))
        overlap = builder.or_(overlap, builder.and_(meet, builder.not_(same)))
    with builder.if_else(overlap) as (serial, threads):
        with serial:
            builder.call(inner_fn, [args, dims, steps, data])
        with threads:
            builder.call(threaded_fn, [args, dims, steps, data])
    builder.ret_void()
    lib.add_ir_module(module)
    lib.add_linking_library(inner.library)
    lib.add_linking_library(threaded.library)
    return _wrapper_info(library=lib, env=inner.env, name=fn.name)


def _dtypenums(signature):
    return [as_dtype(a).num for a in (*signature.args, signature.return_type)]


class CPUBuilder(_nb_builder.UFuncBuilder):
    """Numba's serial ufunc builder with :func:`build_loop` as the inner loop."""

    def build(self, cres, signature):  # noqa: D102 (Numba's hook)
        with global_compiler_lock:
            info = build_loop(cres.library, cres.target_context, cres.fndesc.llvm_func_name,
                              signature, cres)
            ptr = info.library.get_pointer_to_function(info.name)
        return _dtypenums(signature), ptr, cres.environment


class ParallelBuilder(_nb_parallel.ParallelUFuncBuilder):
    """Numba's ``parallel`` ufunc builder: its thread dispatcher around :func:`build_loop`.

    Guarded by :func:`_overlap_guard`: with ``out`` overlapping an input, one thread.
    """

    def build(self, cres, sig):  # noqa: D102 (Numba's hook)
        _nb_parallel._launch_threads()
        ctx, signature = cres.target_context, cres.signature
        with global_compiler_lock:
            inner = build_loop(cres.library, ctx, cres.fndesc.llvm_func_name, signature, cres)
            threaded = _nb_parallel.build_gufunc_kernel(cres.library, ctx, inner, signature,
                                                        len(signature.args))
            info = _overlap_guard(ctx, signature, inner, threaded)
            ptr = info.library.get_pointer_to_function(info.name)
        return _dtypenums(signature), ptr, ()


BUILDERS = {"cpu": CPUBuilder, "parallel": ParallelBuilder}


def make_ufunc(py_func, signatures, target: str, cache: bool = CACHE):
    """A ``numpy.ufunc`` of the scalar ``py_func`` for ``signatures`` on ``target``."""
    builder = BUILDERS[target](py_func, cache=cache, targetoptions=ufunc_targetoptions())
    for sig in signatures:
        builder.add(sig)
    return builder.build_ufunc()
