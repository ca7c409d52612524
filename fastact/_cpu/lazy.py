"""The kernel modules, imported by their first use.

``import fastact`` loads no Numba: the host code imports :mod:`fastact.kernels` when a
call first needs it.  After that, :func:`kernels` is one dictionary lookup, where an
``import`` statement inside a function cost 0.3 us a call.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_LOADED: dict[str, ModuleType] = {}


def kernels(name: str) -> ModuleType:
    """:mod:`fastact.kernels.<name>` (``"axis"``, ``"losses"``), imported on the first call.

    Its attributes are read on each use (``kernels("axis").softmax_rows``), so that a
    test's ``monkeypatch`` of a kernel is seen.
    """
    found = _LOADED.get(name)
    if found is None:
        found = _LOADED[name] = importlib.import_module(f"fastact.kernels.{name}")
    return found
