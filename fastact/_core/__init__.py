"""The core: what every layer above relies on, with no fastact import of its own.

Compile policy and cache (:mod:`.jit`), array kinds (:mod:`.kinds`), the dtype policy
(:mod:`.dtypes`), threads (:mod:`.threads`), axes (:mod:`.axes`) and the source templates
of the compiled loops (:mod:`.templates`).  May import: NumPy, Numba, the standard library.
"""
