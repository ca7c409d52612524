"""The loop contract, and the source lines of the loops and CUDA kernels that keep it.

The contract of a compiled loop (CPU) and of a launched kernel (CUDA) around a scalar
kernel: 1-d contiguous arrays of one dtype (float32 or float64), ``out`` written, and the
parameters passed as float64 (Python numbers) and cast to the arrays' dtype first, as a
ufunc's loop of that dtype casts them (so the loop, the ufunc and the kernel compute with
the same parameter values).  :func:`loop_argtypes` is the signature it is compiled for.

Shared by :mod:`fastact._tools.generate` (the generated files of the built-ins),
:mod:`fastact._cpu.loops` and :mod:`fastact._cuda.elementwise` (user activations, made at
run time).  Imports :mod:`fastact._core.threads` (the alignment of a split) and Numba's
types (lazily).
"""

from __future__ import annotations

import re

from .threads import ALIGN


def ufunc_signatures(nargs: int) -> list[str]:
    """``['f4(f4,...)', 'f8(f8,...)']``: the ufunc loops of a kernel of ``nargs`` inputs."""
    return [f"{t}({','.join([t] * nargs)})" for t in ("f4", "f8")]


def loop_argtypes(float64: bool, nparams: int, backward: bool) -> tuple:
    """The argument types of a compiled loop: 1-d C arrays of the dtype, float64 parameters."""
    from numba import types

    t = types.float64 if float64 else types.float32
    return (types.Array(t, 1, "C"),) * (2 + backward) + (types.float64,) * nparams


FAST_BLOCK = 256
"""Elements per block of a loop with a fast path (16 AVX-512 vectors of float32)."""

FAST_PROBE = 4 * FAST_BLOCK
"""The first elements a loop with a fast path tests before it chooses how to run
(:func:`loop_source`)."""

MOSTLY_FAILING = (6, 1024)
"""``(k, m)``: where at least ``k`` of every ``m`` elements of the probe (in place: of
the array, all of which that loop tests first) fail the test (0.59%: a 256-block then
fails with probability 1 - (1 - 6/1024)**256 = 78%), the loop computes every element by
the careful kernel in one flat loop, not block by block (:func:`loop_source`)."""


def _mostly_failing(nbad: str, n: str) -> str:
    """The generated test that ``nbad`` failing elements of ``n`` reach :data:`MOSTLY_FAILING`."""
    k, m = MOSTLY_FAILING
    return f"{m} * {nbad} >= {k} * {n}"


FAST_CHUNK = 16384
"""Elements a split loop hands its loop at a time where the loop has a fast path (64 or 128
KiB of each array: still in the cache if the loop must visit the chunk's blocks again)."""


def loop_source(fname: str, params: list[str], backward: bool, kernel: str,
                fast: tuple[str, str] | None = None, ahead: bool = True) -> list[str]:
    """The lines of one compiled CPU loop calling ``kernel`` (also for user activations).

    ``fast``: ``(ok, short)``, the kernel's block fast path.  The loop then runs in blocks
    of :data:`FAST_BLOCK`: one pass tests every element with ``ok`` (a vector AND), and a
    block where all pass is computed by ``short`` alone, any other by ``kernel``.
    ``kernel(x) == short(x)`` wherever ``ok(x)`` (the kernel itself takes ``short`` there,
    which tests/test_fast_paths.py holds), so the results do not depend on the blocks.

    Where the first block passes (typical data), one flat loop computes ``short`` and
    tests the element one block ahead (``x[i + FAST_BLOCK]``: the first block was tested
    before; ``ahead``, the registry's ``read_ahead``), and the blocks are visited only if
    an element failed: then each block is tested again and a failing one recomputed by
    ``kernel``.  Reading ahead of the short form made the loops faster at memory size
    (Intel Xeon, AVX-512, 2**26 float32 / 2**25 float64, one thread, time / relu's,
    ahead against the test of the element computed: logit 1.23 / 1.42, log_sigmoid 1.26 /
    1.45, silu 1.15 / 1.30, mish 1.03 / 1.10; float64 logit 1.12 / 1.49, log_sigmoid 1.39
    / 1.68, mish 1.15 / 1.34, silu 1.17 / 1.06) and log1mexp's slower (1.45 / 1.18,
    float64 1.49 / 1.31: it tests its own element); no change in cache; 32 to 256 elements
    ahead measured alike, 1024 and 2048 less well.  A loop
    nested in the block loop kept few of ``short``'s constants in registers (LLVM
    rematerialized each, an address and a broadcast, inside it: log1mexp float64's loop
    104 instructions a vector, 70 flat).  Where the first block fails, the blocks as
    before, with no flat pass (data far outside the range pay nothing for it); where no
    element of it passes, or where the first block fails and so do 6 of the first 1024
    elements (:data:`MOSTLY_FAILING`: most blocks would fail), one flat pass of
    ``kernel`` and no blocks (for a dtype whose ``ok`` is constant false, such as
    gelu_tanh's float32, LLVM keeps only that loop).  The blocks' loops are nested in the
    block loop, where ``kernel``'s constants stay out of registers (gelu_tanh's float32
    gradient: 101 instructions a vector nested, 72 flat) and each loop pays its set-up:
    on N(0, 4^2) data, 93% of whose blocks fail that gradient's test, ``bench/blocks.py``
    measured (ns an element, blocks -> the flat pass of ``kernel``, AMD EPYC Zen 4,
    AVX-512) 1.31-1.34 -> 1.05-1.06 at 2**25 elements on one thread, 0.66-0.67 -> 0.54
    on two, 1.17 -> 1.04-1.09 in cache (2**14, one thread).  The probe is read where the
    first block fails only: ahead of the flat pass of ``short``, it changed how LLVM
    compiled that pass (unrolled twice, with spills: 25% slower).  Runs of failing blocks
    in one loop each (instead of a loop per block) were tried: no faster on that
    gradient's alternating blocks, within this machine's noise, so not kept.

    In place (``out`` the very memory of an input: :func:`in_place_lines`), the loop
    runs a copy of itself written on that input alone.

    The elements before ``out``'s first 64-byte boundary (at most 15) are computed first,
    by ``kernel`` (the same bits as ``short``), and the loop runs on the rest: its
    full-width stores are then aligned, where on NumPy's 16-byte-aligned arrays each
    straddled two cache lines (relu float32, one thread, input and result 16 bytes past a
    line: 2**17 elements 13.8 -> 12.4 us, 2**20 112 -> 98 us, as fast as both aligned; AMD
    EPYC Zen 4, AVX-512).  The split loops (:func:`split_source`) start their slices at
    such boundaries too.
    """
    arrays = ["grad", "x"] if backward else ["x"]
    head = [f"def {fname}({', '.join(arrays + ['out'] + params)}):",
            *[f"    {p} = _cast(out, {p})" for p in params]]
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    lines = head + [  # (the elements before out's first 64-byte boundary: see the docstring)
        "    h = _stream.head(out) & 15  # (at most 15 anyway: so LLVM leaves this loop scalar)",
        "    for i in range(h):",
        f"        out[i] = {kernel}({call})",
        *[f"    {a} = {a}[h:]" for a in arrays],
        "    out = out[h:]"]
    for a in arrays:
        lines += in_place_lines(a, arrays, params, kernel, fast)
    return lines + _indent(_loop_body(arrays, "out", params, kernel, fast, ahead), 1)


def _indent(lines: list[str], levels: int) -> list[str]:
    return ["    " * levels + line for line in lines]


def in_place_lines(a: str, arrays: list[str], params: list[str], kernel: str,
                   fast: tuple[str, str] | None) -> list[str]:
    """``if _same(a, out):`` the loop written with ``a`` as its result, then ``return``.

    LLVM vectorizes a loop over two arrays behind a run-time check that their memory does
    not overlap; an in-place call fails it and ran the scalar loop (relu float32 2**20
    elements 3.3x slower in place, gelu 12x).  Written on the input itself, the loop
    reads and writes one array and needs no check.  With a block fast path it first tests
    every element (reading only, counting the failing ones), then runs the short form if
    all pass, the careful kernel alone where many fail (:data:`MOSTLY_FAILING`), else the
    blocks: the flat pass, which writes before it knows whether a block fails, would
    overwrite the inputs that a failing block recomputes from.
    """
    body = (_loop_body(arrays, a, params, kernel, None) if fast is None
            else _in_place_fast(arrays, a, params, kernel, fast))
    # (its own elements read through a fence: a kernel that returns its argument on some
    # branch would otherwise leave a masked store, scalar.fence)
    body = [re.sub(rf"(?<![\w.])({a}(?:_b)?\[i\])(?=[,)])", r"_fence(\1, zero)", line)
            if "] = " in line else line for line in body]
    return [f"    if _same({a}, out):  # (in place: the loop on {a} alone)",
            f"        zero = {a}.size >> 62  # (0, which LLVM cannot know: scalar.fence)",
            *_indent(body, 2), "        return"]


def _in_place_fast(arrays: list[str], dst: str, params: list[str], kernel: str,
                   fast: tuple[str, str]) -> list[str]:
    ok, short = fast
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    return ["nbad = 0",
            f"for i in range({dst}.size):",
            f"    nbad += not {ok}({', '.join(['x[i]'] + params)})",
            "if nbad == 0:",
            f"    for i in range({dst}.size):",
            f"        {dst}[i] = {short}({call})",
            "    return",
            f"if {_mostly_failing('nbad', f'{dst}.size')}:  # (MOSTLY_FAILING)",
            f"    for i in range({dst}.size):",
            f"        {dst}[i] = {kernel}({call})",
            "    return",
            *_blocks(arrays, dst, params, kernel, fast, "True")]


def _blocks(arrays: list[str], dst: str, params: list[str], kernel: str,
            fast: tuple[str, str], short_unless: str) -> list[str]:
    """Each block of :data:`FAST_BLOCK` tested, then computed by ``kernel`` or ``short``.

    ``short_unless``: the condition under which a passing block is computed (``not flat``:
    else the flat pass wrote it).  Every block reads its inputs before it writes: safe in place.
    """
    ok, short = fast
    views = list(dict.fromkeys(arrays + [dst]))
    bcall = ", ".join([f"{a}_b[i]" for a in arrays] + params)
    # (slices, not range(b, e): an index LLVM cannot prove non-negative makes gathers)
    return [f"for b in range(0, {dst}.size, {FAST_BLOCK}):",
            *[f"    {a}_b = {a}[b:b + {FAST_BLOCK}]" for a in views],
            "    okb = True",
            f"    for i in range({dst}_b.size):",
            f"        okb &= {ok}({', '.join(['x_b[i]'] + params)})",
            "    if not okb:",
            f"        for i in range({dst}_b.size):",
            f"            {dst}_b[i] = {kernel}({bcall})",
            "    else:" if short_unless == "True" else
            f"    elif {short_unless}:  # (else the flat pass wrote the block)",
            f"        for i in range({dst}_b.size):",
            f"            {dst}_b[i] = {short}({bcall})"]


def _loop_body(arrays: list[str], dst: str, params: list[str], kernel: str,
               fast: tuple[str, str] | None, ahead: bool = True) -> list[str]:
    """The loop's statements writing ``dst`` from ``arrays`` (unindented).

    ``ahead``: the flat pass tests the element :data:`FAST_BLOCK` ahead (else its own).
    """
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    if fast is None:
        return [f"for i in range({dst}.size):",
                f"    {dst}[i] = {kernel}({call})"]
    ok, short = fast
    test = f"{ok}({', '.join(['x[i]'] + params)})"
    apart = " or ".join(f"_shares({a}, {dst})" for a in arrays)
    return ["first = True",
            "some = False",
            f"for i in range(min({dst}.size, {FAST_BLOCK})):",
            f"    okx = {test}",
            "    first &= okx",
            "    some |= okx",
            "if not first and some:  # (the first block fails: how many of the probe?)",
            "    nbad = 0",
            f"    for i in range(min({dst}.size, {FAST_PROBE})):",
            f"        nbad += not {test}",
            f"    some = not ({_mostly_failing('nbad', f'min({dst}.size, {FAST_PROBE})')})",
            "if not some:  # (no element of the first block passes, or many of the probe fail)",
            f"    for i in range({dst}.size):",
            f"        {dst}[i] = {kernel}({call})",
            "    return",
            "# (the flat pass writes out before it knows whether a block fails: not where",
            "# out overlaps an input, which the blocks would then read back as results)",
            f"flat = first and not ({apart})",
            "ok = flat",
            *(_flat_ahead(arrays, dst, params, ok, short) if ahead else
              ["if flat:  # one flat pass: the short form and the test of every element",
               f"    for i in range({dst}.size):",
               f"        {dst}[i] = {short}({call})",
               f"        ok &= {test}"]),
            "if ok:",
            "    return",
            *_blocks(arrays, dst, params, kernel, fast, "not flat")]


def _flat_ahead(arrays: list[str], dst: str, params: list[str], ok: str,
                short: str) -> list[str]:
    """The flat pass testing one block ahead: ``x[i + FAST_BLOCK]`` while computing ``i``."""
    call = ", ".join([f"{a}[i]" for a in arrays] + params)
    views = list(dict.fromkeys(arrays + [dst]))
    zcall = ", ".join([f"{a}_z[i]" for a in arrays] + params)
    return ["if flat:  # one flat pass: the short form, and the test one block ahead",
            f"    x_a = x[{FAST_BLOCK}:]  # (the first block: tested above)",
            "    for i in range(x_a.size):",
            f"        {dst}[i] = {short}({call})",
            f"        ok &= {ok}({', '.join(['x_a[i]'] + params)})",
            *[f"    {a}_z = {a}[x_a.size:]" for a in views],
            f"    for i in range({dst}_z.size):  # (the last block: slices, see _blocks)",
            f"        {dst}_z[i] = {short}({zcall})"]


def stream_source(fname: str, params: list[str], backward: bool) -> list[str]:
    """The lines of ``fname_stream``: the loop ``fname`` with streaming stores (:mod:`.stream`).

    The elements before ``out``'s first 64-byte boundary and after its last whole chunk
    are written by ``fname`` itself; between, ``fname`` computes each chunk of
    :data:`fastact._core.stream.CHUNK_BYTES` into an L1 buffer, which non-temporal
    stores copy out (no read of ``out``'s lines).
    """
    arrays = ["grad", "x"] if backward else ["x"]
    names = [f"p{i}" for i in range(len(params))]  # (a parameter may be named like the loop)
    ps = "".join(", " + p for p in names)

    def call(sl: str, dst: str) -> str:
        return f"{fname}({', '.join(f'{a}[{sl}]' for a in arrays)}, {dst}{ps})"

    return [f"def {fname}_stream({', '.join(arrays + ['out'] + names)}):",
            "    buf = _stream.buffer(out)",
            "    k = _stream.head(buf)",
            "    h = _stream.head(out)",
            f"    {call(':h', 'out[:h]')}",
            "    c = h",
            "    m = _stream.chunk(out)",
            "    while c + m <= out.size:",
            f"        {call('c:c + m', 'buf[k:k + m]')}",
            "        _stream.store(out, c, buf, k, m)",
            "        c += m",
            f"    {call('c:', 'out[c:]')}",
            "    _stream.fence()"]


def split_source(fname: str, params: list[str], backward: bool,
                 operands: list[str] | None = None, chunk: int | None = None) -> list[str]:
    """The lines of ``fname_split``: the loop ``fname`` over ``nthreads`` slices, in ``prange``.

    Numba's threads run one contiguous slice each through the serial (SIMD) loop; a call
    costs microseconds where a Python thread pool costs 60-100 us.  ``operands``: the
    loop's arrays, the last one written (default: ``(grad,) x, out``).  ``chunk`` (a loop
    with a block fast path: :data:`FAST_CHUNK`): each thread calls ``fname`` on its slice
    a chunk at a time, so that an element failing the block test makes the loop read that
    chunk again from the cache, not the whole slice from memory (one NaN in 2**25 float32
    elements, 2 threads: sigmoid 1.62x relu's time before, 1.29x as without the NaN).  Not
    in ``fname`` itself: a loop nested in a loop with the careful kernel lost its
    interleaving and reloaded ``short``'s constants inside (mish float32 2.78 -> 3.00
    instructions an element, 10 % slower in cache); the split is compiled so that
    ``fname`` stays a call (:func:`fastact._core.jit.inlining`).

    The slices start at 64-byte boundaries of the written array (``ALIGN`` elements apart
    from its first boundary; the elements before it go to thread 0 as a slice of their
    own), so that the loops' full-width stores are aligned: a store that straddles two
    cache lines costs two.  NumPy's allocations are 16-byte aligned, so most results
    straddle (PyTorch aligns to 64 bytes).  Measured on relu and relu_backward float32, one
    thread, 2**17 and 2**20 elements, input and result at 16 bytes past a line: 0.88-0.92x
    the time with the result's stores aligned, as fast as both arrays aligned (AMD EPYC
    Zen 4, AVX-512).  The serial loops peel their own head too; thread 0's separate call
    on the head keeps its chunks (``chunk``) on boundaries, and aligns the loops that do not
    peel (the double backward's).
    """
    arrays = operands or (["grad", "x"] if backward else ["x"]) + ["out"]
    ps = [f"p{i}" for i in range(len(params))]  # (a parameter may be named like the loop)
    first = ", ".join([f"{a}[:h]" for a in arrays] + ps)
    head = [f"def {fname}_split({', '.join(arrays + ps + ['nthreads'])}):",
            f"    n = {arrays[-1]}.size",
            f"    h = _stream.head({arrays[-1]})  # (before its first 64-byte boundary: thread 0's)",
            "    step = (n - h + nthreads - 1) // nthreads",
            f"    step = (step + {ALIGN - 1}) // {ALIGN} * {ALIGN}",
            "    for j in _prange(nthreads):",
            "        if j == 0 and h > 0:",
            f"            {fname}({first})",
            "        lo = h + j * step",
            "        hi = min(lo + step, n)"]
    if chunk is None:
        call = ", ".join([f"{a}[lo:hi]" for a in arrays] + ps)
        return head + ["        if lo < hi:",
                       f"            {fname}({call})"]
    call = ", ".join([f"{a}[c:e]" for a in arrays] + ps)
    return head + [f"        for c in range(lo, hi, {chunk}):",
                   f"            e = min(c + {chunk}, hi)",
                   f"            {fname}({call})"]


def _cuda_store(kernel: str, fast: tuple[str, str] | None, call: str, xcall: str,
                indent: str) -> list[str]:
    """The lines that store a CUDA thread's value.

    With a fast path, a branch: a warp whose threads all pass ``ok`` runs ``short`` alone
    (the kernel itself selects, for the CPU's SIMD).
    """
    if fast is None:
        return [f"{indent}out[i] = {kernel}({call})"]
    return [f"{indent}if {fast[0]}({xcall}):",
            f"{indent}    out[i] = {fast[1]}({call})",
            f"{indent}else:",
            f"{indent}    out[i] = {kernel}({call})"]


def cuda_sources(fname: str, params: list[str], backward: bool, kernel: str,
                 fast: tuple[str, str] | None = None) -> list[list[str]]:
    """The lines of the grid-stride CUDA kernels calling ``kernel``.

    One with scalar parameters and, where there are parameters, one (``fname_p``) with
    parameter arrays (also for user activations).  ``fast``: the kernel's block fast path
    ``(ok, short)`` (see :func:`loop_source`), taken per thread.  The index is an unsigned
    64-bit integer (``_u64``, numba's ``uint64``): a signed one costs every array access a
    negative-index wraparound (5 SASS instructions) and makes LLVM unroll the loop behind
    a 64-bit division for its trip count.
    """
    arrays = ["grad", "x"] if backward else ["x"]
    variants = [(fname, params)] + ([(fname + "_p", [f"{p}[i]" for p in params])]
                                    if params else [])
    out = []
    for kname, pargs in variants:
        call = ", ".join([f"{a}[i]" for a in arrays] + pargs)
        store = _cuda_store(kernel, fast, call, ", ".join(["x[i]"] + pargs), " " * 8)
        out.append([f"def {kname}({', '.join(['out'] + arrays + params)}):",
                    "    i, n, step = _u64(cuda.grid(1)), _u64(out.size), _u64(cuda.gridsize(1))",
                    "    while i < n:  # (a range() with a variable step divides)",
                    *store,
                    "        i += step"])
    return out


def cuda_nd_sources(fname: str, params: list[str], backward: bool, kernel: str,
                    fast: tuple[str, str] | None = None) -> list[list[str]]:
    """The lines of the strided CUDA kernels calling ``kernel``: ``fname_nd`` (and ``fname_nd_p``).

    Every array is a 4-d view of any strides (negative and zero included) of one shape;
    each thread walks its grid-stride positions with :func:`fastact.kernels.scalar.nd_next`.
    ``fast``: as for :func:`cuda_sources`.
    """
    arrays = ["grad", "x"] if backward else ["x"]
    variants = [(fname + "_nd", params)] + ([(fname + "_nd_p", [f"{p}[i]" for p in params])]
                                            if params else [])
    out = []
    for kname, pargs in variants:
        call = ", ".join([f"{a}[i]" for a in arrays] + pargs)
        store = _cuda_store(kernel, fast, call, ", ".join(["x[i]"] + pargs), " " * 8)
        out.append([f"def {kname}({', '.join(['out'] + arrays + params)}):",
                    "    k, n, step = cuda.grid(1), out.size, cuda.gridsize(1)",
                    "    n1, n2, n3 = out.shape[1], out.shape[2], out.shape[3]",
                    "    i, s = _nd_index(k, n1, n2, n3), _nd_index(step, n1, n2, n3)",
                    "    while k < n:",
                    *store,
                    "        k += step",
                    "        i = _nd_next(i, s, n1, n2, n3)"])
    return out


FUSED_KINDS = ("bias", "bias_backward", "gated", "gated_backward")
"""The fused loops of every kernel pair: ``NAME_bias`` (``f(x + b)``), its backward (``dx``
and the partial sums of ``db``), ``NAME_gated`` (``f(gate + bg) * (value + bv)``) and its
backward (both gradients, and the partial sums of the biases' gradients)."""


def fused_argtypes(kind: str, float64: bool, nparams: int, split: bool) -> tuple:
    """The argument types of a fused loop (``kind`` in :data:`FUSED_KINDS`).

    Arrays are C-contiguous: the data as 2-d ``(rows, m)`` (the gated units' inputs as
    3-d ``(rows, 2 or 1, m)``, ``gi``/``vi`` selecting the gate's and the value's half),
    the biases 1-d of length ``m``, the partial sums 2-d float64 ``(parts, m)``; a serial
    loop takes a rectangle ``r0, r1, c0, c1``, a split one ``nthreads`` (and, forward,
    ``by_rows``).
    """
    from numba import types

    t = types.float64 if float64 else types.float32
    a1, a2, a3 = (types.Array(t, d, "C") for d in (1, 2, 3))
    acc = types.Array(types.float64, 1 if not split else 2, "C")
    i = types.intp
    head = {"bias": (a2, a1, a2),
            "bias_backward": (a2, a2, a1, a2, acc, acc),
            "gated": (a3, i, a3, i, a1, a1, a2),
            "gated_backward": (a2, a3, i, a3, i, a1, a1, a3, a3, types.boolean,
                               acc, acc, acc, acc)}[kind]
    tail: tuple = (i,) if kind.endswith("backward") else (i, types.boolean)
    if not split:
        tail = (i, i, i, i)
    return head + tail + (types.float64,) * nparams


def _fused_heads(kind: str) -> tuple[list[str], list[str], str]:
    """The arrays of a fused loop, the partial sums among them, and its inner statement."""
    if kind == "bias":
        return ["x", "b", "out"], [], "o[j] = {F}(xr[j] + br[j]{P})"
    if kind == "bias_backward":
        return (["grad", "x", "b", "out", "acc", "comp"], ["acc", "comp"],
                "o[j] = {B}(gr[j], xr[j] + br[j]{P})\n"
                "|for j in range(c1 - c0):\n"
                "    _acc_add(acs, cos, j, o[j])")
    if kind == "gated":
        return (["g", "gi", "v", "vi", "bg", "bv", "out"], [],
                "o[j] = _cast(out, {F}(gq[j] + bgr[j]{P})) * (vq[j] + bvr[j])")
    return (["grad", "g", "gi", "v", "vi", "bg", "bv", "dg", "dv", "want_db",
             "accg", "compg", "accv", "compv"], ["accg", "compg", "accv", "compv"],
            "z = gq[j] + bgr[j]\n"
            "dgr[j] = {B}(gr[j] * (vq[j] + bvr[j]), z{P})\n"
            "dvr[j] = gr[j] * _cast(dv, {F}(z{P}))\n"
            "|if want_db:\n"
            "    for j in range(c1 - c0):\n"
            "        _acc_add(acgs, cogs, j, dgr[j])\n"
            "        _acc_add(acvs, covs, j, dvr[j])")


_ROW_VIEWS = {
    "x": "xr = x[r, c0:c1]", "b": "br = b[c0:c1]", "out": "o = out[r, c0:c1]",
    "grad": "gr = grad[r, c0:c1]", "acc": "acs = acc[c0:c1]", "comp": "cos = comp[c0:c1]",
    "g": "gq = g[r, gi, c0:c1]", "v": "vq = v[r, vi, c0:c1]", "bg": "bgr = bg[c0:c1]",
    "bv": "bvr = bv[c0:c1]", "dg": "dgr = dg[r, gi, c0:c1]", "dv": "dvr = dv[r, vi, c0:c1]",
    "accg": "acgs = accg[c0:c1]", "compg": "cogs = compg[c0:c1]",
    "accv": "acvs = accv[c0:c1]", "compv": "covs = compv[c0:c1]",
}


def _fused_blocks(body: list[str], kind: str, ps: str, forward: str, backward: str,
                  fast_f: tuple[str, str] | None, fast_b: tuple[str, str] | None,
                  written: str) -> list[str]:
    """The inner statement of a fused loop in blocks of :data:`FAST_BLOCK` of a row.

    As :func:`loop_source`: one pass tests the block's arguments with the ``ok`` of each
    kernel the statement calls that has a fast path, and the block is computed with those
    kernels' ``short`` forms or with the kernels.  The row's views are sliced per block
    (``xr_b = xr[cb:cb + B]``: slices, not offsets, which would make gathers).
    """
    names = sorted({m for line in body for m in re.findall(r"\b(\w+)\[j\]", line)})
    blocked = [re.sub(r"\b(\w+)\[j\]", r"\1_b[j]", line) for line in body]
    arg = "xr_b[j] + br_b[j]" if kind.startswith("bias") else "gq_b[j] + bgr_b[j]"
    uses_f = kind != "bias_backward"
    uses_b = kind.endswith("backward")
    tests = ([f"{fast_f[0]}({arg}{ps})"] if uses_f and fast_f else []) + (
        [f"{fast_b[0]}({arg}{ps})"] if uses_b and fast_b else [])
    short = [line.replace(f"{forward}(", f"{fast_f[1]}(") if fast_f and uses_f else line
             for line in blocked]
    short = [line.replace(f"{backward}(", f"{fast_b[1]}(") if fast_b and uses_b else line
             for line in short]
    dst = written + "_b"  # (the row view written: its block's size is the block's)
    return [f"for cb in range(0, c1 - c0, {FAST_BLOCK}):",
            *[f"    {n}_b = {n}[cb:cb + {FAST_BLOCK}]" for n in names],
            "    ok = True",
            f"    for j in range({dst}.size):",
            f"        ok &= {' & '.join(tests)}",
            "    if ok:",
            f"        for j in range({dst}.size):",
            *[f"            {line}" for line in short],
            "    else:",
            f"        for j in range({dst}.size):",
            *[f"            {line}" for line in blocked]]


def fused_uses_fast(kind: str, fast_f: tuple[str, str] | None, fast_b: tuple[str, str] | None) -> bool:
    """Whether a fused loop of ``kind`` runs in blocks: a kernel it calls has a fast path."""
    return bool((fast_f and kind != "bias_backward") or (fast_b and kind.endswith("backward")))


FUSED_IN_PLACE = {"bias": {"x": "xr"}, "bias_backward": {"grad": "gr", "x": "xr"}}
"""The inputs a fused loop's ``out`` may be (in place), with their row views.  The loop
then runs a copy of its rows written on that view (``o`` replaced by it), so that the
rows read and write one array: over two, LLVM's run-time overlap check failed in place
and the scalar loop ran (gelu with a bias, in place: 9x slower).  A gated unit's ``out``
has half the input's columns: never the same memory."""


def fused_source(fname: str, kind: str, params: list[str], forward: str, backward: str,
                 fast_f: tuple[str, str] | None = None,
                 fast_b: tuple[str, str] | None = None) -> list[str]:
    """The lines of the serial fused loop ``fname`` (``kind`` in :data:`FUSED_KINDS`).

    It runs over the rectangle ``[r0, r1) x [c0, c1)`` of the ``(rows, m)`` frame, a row's
    slices indexed from 0 (Numba cannot prove ``range(c0, c1)`` indices non-negative, and
    its wraparound check then turns every load into a gather).  ``forward``/``backward``:
    the scalar kernels' names.  A gated unit rounds ``f(gate)`` to the dtype before the
    product (a kernel may return float64 for float32 input), so that it gives the bits of
    the separate calls ``f(gate) * value``.  The sums of ``db`` go to float64 partial sums, compensated
    (:func:`fastact.kernels.scalar.acc_add`).  ``fast_f``, ``fast_b``: the block fast paths
    ``(ok, short)`` of the forward and backward kernels, if any (:func:`_fused_blocks`).
    In place (:data:`FUSED_IN_PLACE`), a copy of the rows written on the input.
    """
    arrays, _, body = _fused_heads(kind)
    params = [f"p{i}" for i in range(len(params))]  # (positional: no clash with the arrays)
    ps = "".join(", " + p for p in params)
    dst = "out" if "out" in arrays else "dg"
    blocks = fused_uses_fast(kind, fast_f, fast_b)

    def rows(view: str | None) -> list[str]:
        """The loop over the rows (unindented), ``out``'s row view ``o`` replaced by ``view``."""
        stmt = body.format(F=forward, B=backward, P=ps).splitlines()
        fenced = False
        if view:  # (the view's own elements read through a fence: scalar.fence)
            stmt = [re.sub(r"\bo\b", view, line) for line in stmt]
            stmt = [re.sub(rf"(?<![\w.])({view}(?:_b)?\[j\])(?=[,)])", r"_fence(\1, zero)", line)
                    if "] = " in line else line for line in stmt]
            fenced = any("_fence(" in line for line in stmt)
        if blocks:
            cut = next((i for i, line in enumerate(stmt) if line.startswith("|")), len(stmt))
            written = view or ("dgr" if kind == "gated_backward" else "o")
            inner_lines = _fused_blocks(stmt[:cut], kind, ps, forward, backward, fast_f, fast_b,
                                        written)
            stmt = ["|" + line for line in inner_lines] + stmt[cut:]
        row_views = [_ROW_VIEWS[a] for a in arrays if a in _ROW_VIEWS
                     and a not in ("b", "bg", "bv") and not a.startswith(("acc", "comp"))
                     and not (view and a == "out")]
        inner = []  # a line starting "|" leaves the inner loop (a new loop over the row)
        depth = "        "
        for line in stmt:
            if line.startswith("|"):
                inner.append("    " + line[1:])
                depth = "    "
            else:
                inner.append(depth + line)
        return [*(["zero = c1 >> 62  # (0, which LLVM cannot know)"] if fenced else []),
                "for r in range(r0, r1):", *[f"    {v}" for v in row_views],
                *([] if blocks else ["    for j in range(c1 - c0):"]), *inner]

    bias_views = [_ROW_VIEWS[a] for a in arrays if a in ("b", "bg", "bv")]
    acc_views = [_ROW_VIEWS[a] for a in arrays if a.startswith(("acc", "comp"))]
    lines = [f"def {fname}({', '.join(arrays)}, r0, r1, c0, c1{ps}):",
             *[f"    {p} = _cast({dst}, {p})" for p in params],
             *[f"    {v}" for v in bias_views + acc_views]]
    for a, view in FUSED_IN_PLACE.get(kind, {}).items():
        lines += [f"    if _same({a}, out):  # (in place: the rows written on {a} itself)",
                  *_indent(rows(view), 2), "        return"]
    return lines + _indent(rows(None), 1)


def fused_split_source(fname: str, kind: str, params: list[str]) -> list[str]:
    """The lines of ``fname_split``: the serial fused loop over Numba's threads (``prange``).

    Forward: blocks of rows (``by_rows``) or of columns (multiples of ``ALIGN``).
    Backward: the caller says by the partial sums' shape: one row of partial sums (the
    threads take blocks of columns, each its own columns of the sums) or one per thread
    (blocks of rows, each thread its own row of sums, added by the caller in order: the
    result depends on the thread count only).
    """
    arrays, accs, _ = _fused_heads(kind)
    ps = [f"p{i}" for i in range(len(params))]
    pt = "".join(", " + p for p in ps)
    backward = kind.endswith("backward")
    out = "out" if "out" in arrays else "dg"
    rows_flag = f"{accs[0]}.shape[0] > 1" if backward else "by_rows"

    def call(slot: str, rect: str) -> str:
        args = [f"{a}[{slot}]" if a in accs else a for a in arrays]
        return f"{fname}({', '.join(args)}, {rect}{pt})"

    return [f"def {fname}_split({', '.join(arrays)}, nthreads{'' if backward else ', by_rows'}{pt}):",
            f"    rows, m = {out}.shape[0], {out}.shape[-1]",
            f"    if {rows_flag}:",
            "        step = (rows + nthreads - 1) // nthreads",
            "        for t in _prange(nthreads):",
            "            lo = t * step",
            "            hi = min(lo + step, rows)",
            "            if lo < hi:",
            f"                {call('t', 'lo, hi, 0, m')}",
            "    else:",
            "        step = (m + nthreads - 1) // nthreads",
            f"        step = (step + {ALIGN - 1}) // {ALIGN} * {ALIGN}",
            "        for t in _prange(nthreads):",
            "            lo = t * step",
            "            hi = min(lo + step, m)",
            "            if lo < hi:",
            f"                {call('0', '0, rows, lo, hi')}"]


def _cuda_pick(template: str, kernel: str, fast: tuple[str, str] | None, args: str,
               indent: str, backward: bool = False) -> list[str]:
    """``template`` (a statement with ``{call}``) calling ``kernel(args)``.

    With a fast path, a per-thread branch ``ok(args') ? short : kernel`` as
    :func:`_cuda_store` (``args'``: ``args`` less a backward's leading gradient, which
    ``ok`` does not take).
    """
    ok_args = args.split(", ", 1)[1] if backward else args
    if fast is None:
        return [indent + template.format(call=f"{kernel}({args})")]
    return [f"{indent}if {fast[0]}({ok_args}):",
            f"{indent}    " + template.format(call=f"{fast[1]}({args})"),
            f"{indent}else:",
            f"{indent}    " + template.format(call=f"{kernel}({args})")]


def cuda_fused_sources(fname: str, params: list[str], forward: str, backward: str,
                       fast_f: tuple[str, str] | None = None,
                       fast_b: tuple[str, str] | None = None) -> list[list[str]]:
    """The lines of the grid-stride CUDA kernels of the fused forms (also for user activations).

    Over flat C-contiguous arrays, element ``i`` of the ``(rows, m)`` frame at row
    ``r = i // m``, column ``j``: ``NAME_bias(out, x, b, m, *params)``,
    ``NAME_bias_backward(out, grad, x, b, m, *params)`` (``dx``; the bias gradient is a
    column sum, :mod:`fastact._cuda.fused_kernels`), ``NAME_gated(out, g, gs, go, v, vs,
    vo, bg, bv, m, *params)`` with the gate at ``g[r * gs + go + j]`` (one array split:
    ``gs = 2 m``, ``go`` 0 or ``m``) and ``NAME_gated_backward(dg, dv, grad, g, gs, go, v,
    vs, vo, bg, bv, m, *params)`` writing both gradients in the inputs' layout.  The
    parameters are scalars of the arrays' dtype; ``f(gate)`` is rounded to the dtype before
    the product, as on the CPU.  ``fast_f``, ``fast_b``: the kernels' fast paths, taken per
    thread (:func:`_cuda_pick`).  The indices are unsigned (:func:`cuda_sources`) and
    ``(r, j)`` is carried along with ``i`` (two divisions once a thread, where ``i // m``
    and ``i % m`` cost each element two calls of a 64-bit division subroutine).
    """
    ps = "".join(f", p{i}" for i in range(len(params)))
    ind = " " * 8

    def head(name: str, args: str, n: str) -> list[str]:
        return [f"def {fname}_{name}({args}{ps}):",
                f"    i, n, step = _u64(cuda.grid(1)), _u64({n}.size), _u64(cuda.gridsize(1))",
                "    mm = max(_u64(m), _u64(1))",
                "    r, j, sr, sj = i // mm, i % mm, step // mm, step % mm  # (once a thread)",
                "    while i < n:"]

    # the row r and column j of i move on with i, by the step's (sr, sj) and one carry
    tail = [f"{ind}i += step", f"{ind}r += sr", f"{ind}j += sj", f"{ind}if j >= mm:",
            f"{ind}    j -= mm", f"{ind}    r += _u64(1)"]
    rows = [f"{ind}gi = r * _u64(gs) + _u64(go) + j", f"{ind}vi = r * _u64(vs) + _u64(vo) + j"]
    gate = "g[gi] + bg[j]"
    value = "v[vi] + bv[j]"
    return [
        [*head("bias", "out, x, b, m", "out"), f"{ind}z = x[i] + b[j]",
         *_cuda_pick("out[i] = {call}", forward, fast_f, f"z{ps}", ind), *tail],
        [*head("bias_backward", "out, grad, x, b, m", "out"), f"{ind}z = x[i] + b[j]",
         *_cuda_pick("out[i] = {call}", backward, fast_b, f"grad[i], z{ps}", ind, True), *tail],
        [*head("gated", "out, g, gs, go, v, vs, vo, bg, bv, m", "out"), *rows, f"{ind}z = {gate}",
         *_cuda_pick("fz = _cast(out, {call})", forward, fast_f, f"z{ps}", ind),
         f"{ind}out[i] = fz * ({value})", *tail],
        [*head("gated_backward", "dg, dv, grad, g, gs, go, v, vs, vo, bg, bv, m", "grad"), *rows,
         f"{ind}z = {gate}", f"{ind}gr = grad[i]", f"{ind}gv = gr * ({value})",
         *_cuda_pick("dg[gi] = {call}", backward, fast_b, f"gv, z{ps}", ind, True),
         *_cuda_pick("dv[vi] = gr * _cast(dv, {call})", forward, fast_f, f"z{ps}", ind),
         *tail],
    ]


def double_backward_source(fname: str, params: list[str], backward: str, second: str,
                           backward_loop: str | None = None) -> list[str]:
    """The lines of ``NAME_double_backward(gg, grad, x, dgrad, dx, *params)`` (CPU loop).

    The double backward of autograd: ``gg`` is the gradient flowing into ``grad_x = grad *
    f'(x)``; ``dgrad = gg f'(x)`` (the backward kernel, ``gg`` as its gradient) and ``dx =
    gg grad f''(x)``, with ``gg grad`` formed in float64 (exact for float32 data) and the
    product rounded once to the dtype.  One pass over the three inputs; or, with
    ``backward_loop`` (the generated backward loop's name), ``dgrad`` by that loop and
    ``dx`` in a pass of its own (``dgrad`` and ``dx`` are new arrays: nothing read is
    written first).
    """
    ps = [f"p{i}" for i in range(len(params))]
    pt = "".join(", " + p for p in ps)
    head = [f"def {fname}(gg, grad, x, dgrad, dx{pt}):"]
    if backward_loop is not None:
        return [*head,
                f"    {backward_loop}(gg, x, dgrad{pt})",
                *[f"    {p} = _cast(dx, {p})" for p in ps],
                "    for i in range(dx.size):",
                f"        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * {second}(x[i]{pt})"]
    return [*head,
            *[f"    {p} = _cast(dx, {p})" for p in ps],
            "    for i in range(dx.size):",
            "        xi = x[i]",
            f"        dgrad[i] = {backward}(gg[i], xi{pt})",
            f"        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * {second}(xi{pt})"]


DOUBLE_OPERANDS = ["gg", "grad", "x", "dgrad", "dx"]
"""The arrays of a double backward loop, in order (``dx`` written last)."""


def cuda_double_backward_source(fname: str, params: list[str], backward: str,
                                second: str) -> list[str]:
    """The lines of the grid-stride CUDA kernel ``NAME_double_backward``.

    ``NAME_double_backward(dgrad, dx, gg, grad, x, *params)`` over flat arrays of one
    dtype (the parameters scalars of that dtype), the index unsigned (:func:`cuda_sources`).
    """
    ps = "".join(f", p{i}" for i in range(len(params)))
    return [f"def {fname}(dgrad, dx, gg, grad, x{ps}):",
            "    i, n, step = _u64(cuda.grid(1)), _u64(dx.size), _u64(cuda.gridsize(1))",
            "    while i < n:  # (a range() with a variable step divides)",
            "        xi = x[i]",
            f"        dgrad[i] = {backward}(gg[i], xi{ps})",
            f"        dx[i] = (_f64(gg[i]) * _f64(grad[i])) * {second}(xi{ps})",
            "        i += step"]
