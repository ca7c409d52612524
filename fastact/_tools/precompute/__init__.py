"""Generators of the constants frozen in the kernels (run by hand; they need mpmath).

Each module here prints the constants it makes in the form the kernels hold them; a test
runs it again and checks that the frozen values are what it prints, so every constant in
``fastact/kernels`` can be traced to the line that made it.
"""
