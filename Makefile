# Two commands on a fresh machine with Python >= 3.10 and PyPI:
#   make demo   - .venv with fastact, then the accuracy check and a short speed table
#   make test   - .venv with the test and cuda extras, then the whole suite, lint and a bench smoke run
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-cuda13 gpu-check gpu-deps test-avx2 docs screenshots chromium wheel-test user-bench bench bench-doc bench-misses roofline roofline-avx2 interleave bench-rows bench-losses bench-calls bench-fused accuracy-doc clean-cache gpu-roofline generate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.demo: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[check,examples]"
	touch $@

# the cuda extra (numba-cuda with NVVM and ptxas wheels) so that every CUDA kernel is compiled
# for real in the tests, GPU or not; TEST_EXTRAS=test leaves it out (those tests then skip)
TEST_EXTRAS ?= test,cuda
$(VENV)/.test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[$(TEST_EXTRAS)]"
	touch $@

demo: $(VENV)/.demo
	$(BIN)/python -m fastact check
	$(BIN)/python -m fastact.examples.xor
	$(BIN)/python -m fastact.examples.digits
	$(BIN)/python -m fastact bench --sizes 1e5 --only sigmoid,tanh,relu,gelu,silu,softplus,elu,log_sigmoid,leaky_relu
	@$(BIN)/python -c "import torch" 2>/dev/null || echo "make demo: for the PyTorch columns, $(BIN)/pip install torch and run make demo again"

# the suite on up to 4 worker processes (pytest-xdist; 2 on a 2-core machine), each test
# where a worker is free (worksteal: the few long ones do not queue behind each other)
test: $(VENV)/.test
	$(BIN)/python -m pytest -q -n auto --maxprocesses=4 --dist worksteal --durations=25
	FASTACT_BENCH_SIZES=1000 FASTACT_BENCH_ROW_SHAPES=64x16,16x64 $(BIN)/python -m pytest bench -q --benchmark-disable
	$(BIN)/ruff check .
	$(BIN)/mypy

# the AVX2 code path again (SIMD shape and accuracy tests) when this host has AVX-512;
# on an AVX2 host it says that the AVX-512 path was not run (CI runs it after make test)
test-avx2: $(VENV)/.test
	.ci/test-avx2 $(BIN)/python

# the compile check with the CUDA 13 toolchain (sm_75/80/90/100), from a venv of its own
# (cuda-bindings 12 and 13 do not mix); CI runs it after make test
CU13 ?= .venv-cu13
$(CU13)/.cuda13: pyproject.toml
	$(PYTHON) -m venv $(CU13)
	$(CU13)/bin/python -m pip install -q --upgrade pip
	$(CU13)/bin/python -m pip install -q -e ".[cuda13]"
	touch $@

test-cuda13: $(VENV)/.test $(CU13)/.cuda13
	FASTACT_CUDA13_PYTHON=$(CU13)/bin/python $(BIN)/python -m pytest -q -n auto \
	    tests/test_cuda_compile.py -k cuda13

# on a machine with an NVIDIA GPU and numba-cuda, CuPy and PyTorch installed (no network
# needed): every CUDA test on the GPU, then the GPU benchmarks (bench/gpu_check.py); the report
# (benchmarks-gpu.md, bench.json, tests.txt) under $$FASTACT_GPU_REPORT, default build/gpu-check
gpu-check:
	python3 -m pip install -q --no-deps --no-build-isolation -e . \
	    || echo "gpu-check: not installed, running from the source tree"
	python3 bench/gpu_check.py

# the tests' pure-Python dependencies for a GPU machine without a network (carry build/gpu-deps)
gpu-deps:
	python3 -m pip install -q --no-deps --target build/gpu-deps hypothesis attrs \
	    sortedcontainers mpmath

bench: $(VENV)/.test
	$(BIN)/python -m pytest bench --benchmark-only --benchmark-json=bench/results.json

# docs/benchmarks.md and its plot from one side-by-side run (install torch for its columns)
bench-doc: $(VENV)/.test
	$(BIN)/python -m pip install -q -e '.[jax]'
	mkdir -p build
	for i in 1 2 3; do $(BIN)/python -m fastact bench --sizes 1e3,131072,1048576,8e6 --json \
	    > build/bench-$$i.json || exit 1; done
	$(BIN)/python docs/make_benchmarks.py build/bench-1.json build/bench-2.json build/bench-3.json \
	    > build/benchmarks.md  # (it keeps the sections that the targets below write)
	mv build/benchmarks.md docs/benchmarks.md

# its section of the rows slower than PyTorch's, rendered again from docs/bench-cpu.json with
# the instruction counts of the code as compiled now (issue 24)
bench-misses: $(VENV)/.test
	$(BIN)/python docs/make_benchmarks.py --misses

# the roofline section of docs/benchmarks.md: every kernel's time against relu's (issue 24)
roofline: $(VENV)/.test
	$(BIN)/python bench/roofline.py --write docs/benchmarks.md

# the same table with the loops compiled for AVX2 (Zen 3's own features), on this host
roofline-avx2: $(VENV)/.test
	NUMBA_CPU_NAME=znver3 NUMBA_CPU_FEATURES= $(BIN)/python bench/roofline.py --isa avx2 --write docs/benchmarks.md

# every loop in cache with LLVM's interleave count and with the forced one, host and AVX2
# code: the source of the registry's interleave entries (docs/benchmarks.md, its section)
interleave: $(VENV)/.test
	$(BIN)/python bench/interleave.py --write docs/benchmarks.md
	$(BIN)/python bench/interleave.py --isa avx2 --write docs/benchmarks.md

# the softmax, log_softmax and logsumexp section of docs/benchmarks.md, against PyTorch (issue 24)
bench-rows: $(VENV)/.test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python bench/rows.py --write docs/benchmarks.md

# the softmax cross-entropy section of docs/benchmarks.md, against PyTorch (issue 26)
bench-losses: $(VENV)/.test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python bench/losses.py --write docs/benchmarks.md

# the gated units and fused bias section of docs/benchmarks.md, against PyTorch (issue 25)
bench-fused: $(VENV)/.test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python bench/fused.py --rounds 7 --write docs/benchmarks.md

# one call's cost on a small array, the calls of a hand-written training loop, against PyTorch
bench-calls: $(VENV)/.test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python bench/calls.py --write docs/benchmarks.md

# f'' and f''' against f', the double backward against PyTorch's (docs/benchmarks.md)
bench-curvature: $(VENV)/.test
	$(BIN)/python -m pip install -q torch==2.13.0
	$(BIN)/python bench/curvature.py --write docs/benchmarks.md

# docs/user-bench.json: the examples of "Write your own activation" and "Use fastact inside Numba"
user-bench: $(VENV)/.test
	$(BIN)/python bench/user_examples.py > docs/user-bench.json

accuracy-doc: $(VENV)/.test
	$(BIN)/python -m fastact check > /tmp/fastact-check.md
	mkdir -p build
	$(BIN)/python docs/make_accuracy.py /tmp/fastact-check.md > build/accuracy.md
	mv build/accuracy.md docs/accuracy.md  # (written whole: never an empty or half page)

# docs/gpu-roofline.md: a static estimate from the SASS of every CUDA kernel (no GPU needed)
gpu-roofline: $(VENV)/.test
	$(BIN)/python -m pip install -q nvidia-cuda-nvdisasm
	mkdir -p build
	NUMBA_ENABLE_CUDASIM=0 $(BIN)/python bench/gpu_roofline.py > build/gpu-roofline.md
	mv build/gpu-roofline.md docs/gpu-roofline.md  # (written whole, as accuracy-doc's)

# the files generated from the registry and the kernels (fastact/_generated/*.py, the stub)
generate: $(BIN)/python
	$(BIN)/python -m fastact._tools.generate --write
	$(BIN)/python -m fastact._tools.layout --write README.md

clean-cache:
	find fastact -name '*.nbi' -delete -o -name '*.nbc' -delete

# the site, then docs/test_site.py opens every page in headless Chromium (installed here
# from Debian's packages when it is missing and this is possible; else that test skips)
docs: $(VENV)/.docs chromium
	$(BIN)/python docs/gen_pages.py
	$(BIN)/mkdocs build --strict
	$(BIN)/python -m pytest -q -p no:cacheprovider docs/test_site.py

# docs/screenshots/*.png, shown in the README: rebuild the site first (make docs)
screenshots: $(VENV)/.docs chromium
	FASTACT_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider docs/test_site.py -k screenshots

# the wheel as a user gets it: built, installed into a read-only folder, run from elsewhere
wheel-test: $(VENV)/.test
	rm -rf dist build/wheel-site
	$(BIN)/python -m pip wheel -q --no-deps -w dist .
	$(BIN)/python -m pip install -q --no-deps --target build/wheel-site dist/fastact-*.whl
	.ci/wheel-test $(CURDIR)/$(BIN)/python $(CURDIR)/build/wheel-site

chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1; } \
	  || echo "make: no chromium and it cannot be installed here: the browser test will skip"

$(VENV)/.docs: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e ".[docs]"
	touch $@
