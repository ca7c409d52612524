"""Import cost (structure, not time), doctests of every public function, SciPy parity."""

import doctest
import subprocess
import sys

import numpy as np
import pytest

import fastact
from fastact._spec.registry import REGISTRY
from fastact._tools.comparisons import comparison

PUBLIC = sorted(n for n in fastact.__all__ if callable(getattr(fastact, n)))


def test_import_compiles_nothing_and_leaves_cuda_alone():
    code = (
        "import sys, fastact\n"
        "from fastact._core.jit import ARTIFACTS\n"
        "from fastact._spec.registry import REGISTRY\n"
        "assert 'numba.cuda' not in sys.modules, 'numba.cuda imported'\n"
        "assert not ARTIFACTS, sorted(ARTIFACTS)\n"
        "assert all(not e.forward.signatures and not e.backward.signatures "
        "for e in REGISTRY.values())\n"
        "assert 'mpmath' not in sys.modules\n"
        "fastact.relu([1.0])\n"
        "assert ARTIFACTS and all('relu' in k for k in ARTIFACTS), list(ARTIFACTS)  # relu's alone\n"
        "assert 'numba.cuda' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_public_name_has_a_backward_and_a_docstring():
    for name in (*fastact.ELEMENTWISE, *fastact.ALONG_AXIS, *fastact.LOSSES):
        for n in (name, name + "_backward"):
            f = getattr(fastact, n)
            doc = f.__doc__ or ""
            assert ".. math::" in doc and "Parameters" in doc, n


@pytest.mark.parametrize("name", PUBLIC)
def test_doctest(name):
    f = getattr(fastact, name)
    finder = doctest.DocTestFinder(recurse=False)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = finder.find(f, name, globs={"fastact": fastact, "np": np})
    for t in tests:
        runner.run(t)
    assert runner.failures == 0
    has_example = any(t.examples for t in tests)
    assert has_example or name.endswith("_backward"), f"{name} has no example"


SCIPY = [n for n in REGISTRY if comparison(n).scipy is not None]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", SCIPY)
def test_matches_scipy_where_scipy_is_accurate(name, dtype):
    e = REGISTRY[name]
    lim = 80.0 if dtype == np.float32 else 700.0
    if name == "gelu":  # scipy's x*ndtr(x) loses relative accuracy in the deep tail
        lim = 2.0
    x = np.concatenate([np.linspace(-lim, lim, 2001), np.geomspace(1e-30, 1, 50)]).astype(dtype)
    params = [p.default for p in e.ufunc_params]
    want = np.asarray(comparison(name).scipy(x.astype(np.float64), *params))
    got = getattr(fastact, name)(x)
    eps = np.finfo(dtype).eps
    np.testing.assert_allclose(got, want.astype(dtype), rtol=8 * eps, atol=0)


def test_typing_stub_is_in_sync_with_the_registry():
    from pathlib import Path

    from fastact._tools.stub import render

    stub = Path(fastact.__file__).with_name("__init__.pyi").read_text()
    assert stub == render(), "the stub is stale: run make generate"
    assert Path(fastact.__file__).with_name("py.typed").exists()


def test_cli_list_and_errors(capsys):
    from fastact.__main__ import main

    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "gelu(x, approximate='none')" in out and "maxout(x, k, axis=-1)" in out
    assert "logsumexp(x, axis=-1, keepdims=False)" in out and "``" not in out
    with pytest.raises(SystemExit):
        main(["bench", "--only", "nosuchfunction"])
    assert "unknown function" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["frobnicate"])


def test_cli_plot(tmp_path):
    pytest.importorskip("matplotlib")
    from fastact.__main__ import main

    assert main(["plot", "--out", str(tmp_path), "--only", "gelu,relu"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gallery.png", "gelu.png", "relu.png"]
    assert (tmp_path / "gelu.png").read_bytes()[:4] == b"\x89PNG"


def test_generated_files_are_in_sync_with_the_registry_and_kernels():
    from pathlib import Path

    from fastact._tools.generate import FILES

    for fname, render in FILES.items():
        text = (Path(fastact.__file__).parent / fname).read_text()
        assert text == render(), f"{fname} is stale: run make generate"


def test_generate_write_clears_numbas_disk_cache(tmp_path):
    # a kernel module's cached code does not notice that a helper in another file changed:
    # writing the generated files (a kernel changed) deletes every .nbi and .nbc under the
    # package, and nothing else
    from fastact._tools.generate import clear_disk_cache

    (tmp_path / "kernels" / "__pycache__").mkdir(parents=True)
    cache = "kernels/__pycache__/"
    names = [cache + "gaussian.gelu-1.py311.nbi", cache + "gaussian.gelu-1.py311.1.nbc",
             "kernels/gaussian.py", cache + "gaussian.cpython-311.pyc", "x.nbc.txt"]
    for n in names:
        (tmp_path / n).write_text("")
    assert clear_disk_cache(tmp_path) == 2
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert left == sorted(names[2:])


def test_runs_without_scipy():
    # scipy is an optional comparison library (the check and bench extras), not a dependency
    code = (
        "import sys; sys.modules['scipy'] = None; sys.modules['scipy.special'] = None\n"
        "import fastact, numpy as np\n"
        "assert fastact.sigmoid(0.0) == 0.5 and fastact.softmax([0.0, 0.0]).tolist() == [0.5, 0.5]\n"
        "from fastact._tools.bench import candidates, row_candidates\n"
        "assert 'scipy' not in candidates('sigmoid', np.ones(4))\n"
        "assert 'scipy' not in row_candidates('softmax', np.ones((2, 2)), -1)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_compiling_puts_llvms_inline_threshold_back(monkeypatch):
    """fastact raises LLVM's process-wide inlining threshold only while it compiles, then
    sets the value Numba's compilations get from LLVM at Numba's optimization level."""
    import llvmlite.binding as llvm
    from numba.core import config

    from fastact._core.jit import INLINE_THRESHOLD, compiling, inlining

    calls = []
    monkeypatch.setattr(llvm, "set_option", lambda name, opt: calls.append(opt))
    numba_default = f"-inline-threshold={250 if int(config.OPT) > 2 else 225}"
    with compiling():
        assert calls == [f"-inline-threshold={INLINE_THRESHOLD}"]
        with compiling():  # (a build that compiles more: the inner exit keeps the raise)
            pass
        assert calls[-1] == f"-inline-threshold={INLINE_THRESHOLD}"
        with inlining(250):  # (a split: its loop stays a call)
            assert calls[-1] == "-inline-threshold=250"
        assert calls[-1] == f"-inline-threshold={INLINE_THRESHOLD}"
    assert calls[-1] == numba_default
    with pytest.raises(RuntimeError, match="within compiling"):
        with inlining(250):
            pass
    assert calls[-1] == numba_default


def test_compiling_prefers_wide_vectors_for_fastacts_code_only():
    """While fastact compiles, each function Numba lowers for the CPU carries LLVM's
    ``prefer-vector-width`` attribute (:data:`fastact._core.jit.VECTOR_WIDTH`); Numba's hook
    is put back afterwards, so that a user's function compiled before or after has none."""
    from numba import njit
    from numba.core.cpu import CPUContext

    from fastact._core.jit import VECTOR_WIDTH, compiling

    def twice(a):
        return a * 2.0

    attribute = f'"prefer-vector-width"="{VECTOR_WIDTH}"'
    plain = CPUContext.post_lowering
    before = njit(twice)
    before.compile("float64(float64)")
    with compiling():
        with compiling():  # (nested: the inner exit keeps the hook)
            pass
        ours = njit(twice)
        ours.compile("float64(float64)")
    after = njit(twice)
    after.compile("float64(float64)")
    assert CPUContext.post_lowering is plain
    assert attribute in "".join(ours.inspect_llvm().values())
    assert attribute not in "".join(before.inspect_llvm().values())
    assert attribute not in "".join(after.inspect_llvm().values())


def test_a_signature_compiled_on_a_call_gets_fastacts_options(monkeypatch):
    """A :func:`fastact._core.jit.jit` function compiles each new argument type on its
    call (a read-only array is a type of its own) inside ``compiling()``: LLVM's inlining
    threshold and the wide vectors, then Numba's own back; within a compilation fastact
    runs, the options in force (``inlining``'s threshold) stay."""
    import llvmlite.binding as llvm
    from numba import njit
    from numba.core import config
    from numba.core.cpu import CPUContext

    from fastact._core.jit import INLINE_THRESHOLD, VECTOR_WIDTH, compiling, inlining, jit

    def total(a):
        s = 0.0
        for v in a:
            s += v
        return s

    set_option = llvm.set_option
    calls = []

    def spy(name, opt):
        calls.append(opt)
        set_option(name, opt)

    monkeypatch.setattr(llvm, "set_option", spy)
    attribute = f'"prefer-vector-width"="{VECTOR_WIDTH}"'
    plain = CPUContext.post_lowering
    ours = jit(cache=False)(total)
    a = np.arange(8.0)
    frozen = a.copy()
    frozen.flags.writeable = False
    assert ours(a) == ours(frozen) == 28.0
    assert len(ours.signatures) == 2  # (writeable and read-only: two types)
    for sig in ours.signatures:
        assert attribute in ours.inspect_llvm(sig)
    assert calls[0] == f"-inline-threshold={INLINE_THRESHOLD}"
    assert calls[-1] == f"-inline-threshold={250 if int(config.OPT) > 2 else 225}"
    assert CPUContext.post_lowering is plain
    users = njit(total)
    users(frozen)
    assert attribute not in "".join(users.inspect_llvm().values())
    inner = jit(cache=False)(total)
    with compiling():
        with inlining(250):
            assert inner(frozen) == 28.0
            assert calls[-1] == "-inline-threshold=250"


@pytest.mark.parametrize("module", ["cpu", "parallel"])
def test_bind_doctest(module):
    bind = getattr(fastact, module).bind
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder(recurse=False).find(bind, "bind", globs={})
    assert tests and tests[0].examples
    for t in tests:
        runner.run(t)
    assert runner.failures == 0


def test_readme_layout_lists_every_module_and_is_current():
    """README's layout section is what ``python -m fastact._tools.layout`` renders from the
    module docstrings (run ``make generate`` after adding or renaming a module), and it
    names every module of the package, in every folder."""
    from pathlib import Path

    from fastact._tools import layout

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    current = layout.section(readme)
    assert current == layout.render()
    pkg = Path(fastact.__file__).parent
    for p in pkg.rglob("*.py"):
        if "__pycache__" in p.parts:
            continue
        rel = p.relative_to(pkg)
        folder = "fastact/" + ("/".join(rel.parts[:-1]) + "/" if len(rel.parts) > 1 else "")
        if p.name == "__init__.py" and len(rel.parts) > 1:
            assert f"`{rel.parts[-2]}/`" in current or f"`{folder}`" in current, rel
        else:
            assert f"`{p.name}`: " in current, rel
        assert len(rel.parts) == 1 or rel.parts[0] in layout.LAYERS, (
            f"{rel}: add its folder to layout.LAYERS")
