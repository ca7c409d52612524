"""Files generated from the registry and the kernels; do not edit them.

``python -m fastact._tools.generate --write`` (``make generate``) writes them;
tests/test_import_and_docs.py checks they are in sync.  They are committed: Numba caches
on disk only functions defined in a real file.  May import: :mod:`fastact._core`,
:mod:`fastact.kernels`.
"""
