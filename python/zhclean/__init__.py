"""zhclean from Python: clean Chinese documents exactly as the ``zhclean`` CLI does.

Decode → normalize → convert Traditional to Simplified → flag placeholders and
boilerplate, by the zhclean Rust library (nothing is re-implemented in Python).

>>> import zhclean
>>> zhclean.clean("鬆江鎮2021年工作總結\\u00a0\\n")["text"]
'松江镇2021年工作总结\\n'

Every result is a plain dict with the fields of the CLI's JSON report; see
``__init__.pyi`` for their shapes.
"""

from ._zhclean import (
    BinaryError,
    Config,
    ConfigError,
    DecodeError,
    __version__,
    clean,
    clean_batch,
    clean_bytes,
    convert,
    detect,
)

__all__ = [
    "BinaryError",
    "Config",
    "ConfigError",
    "DecodeError",
    "__version__",
    "clean",
    "clean_batch",
    "clean_bytes",
    "convert",
    "detect",
]
