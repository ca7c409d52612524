"""Tools around the package: code generation, the CUDA compile check, accuracy, bench, plots.

Imported by the CLI (:mod:`fastact.__main__`), the docs and the tests only; may import
anything in the package.
"""
