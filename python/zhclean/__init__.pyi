"""Type stubs of zhclean: the shapes of the dicts every function returns.

Positions follow the CLI's JSON report: lines and columns are 1-based (columns count
Unicode scalar values, end exclusive); ``byte_start``/``byte_end`` are offsets into the
UTF-8 encoding of the decoded original.
"""

import os
from typing import Iterable, List, Literal, Mapping, Optional, Tuple, TypedDict, Union, overload

from typing_extensions import NotRequired  # stubs only: type checkers ship it

__version__: str

RuleId = Literal["encoding", "traditional", "placeholder", "boilerplate", "whitespace"]
SeverityName = Literal["info", "warning", "error"]
ConfidenceName = Literal["low", "medium", "high", "certain"]
ConvertConfig = Literal["t2s", "tw2s", "tw2sp", "hk2s", "hk2sp", "s2t"]

class Fix(TypedDict):
    replacement: str
    applicability: Literal["safe", "unsafe", "display"]

class Finding(TypedDict):
    """One entry of ``findings``: the same fields as the JSON report's."""

    rule: RuleId
    kind: str
    severity: SeverityName
    line: int
    column: int
    end_line: int
    end_column: int
    byte_start: int
    byte_end: int
    text: str
    message: str
    fix: NotRequired[Fix]

class Changes(TypedDict):
    converted_chars: int
    removed_lines: int
    whitespace_edits: int
    gate_skipped_lines: int

# A run of Traditional characters ("from") and what conversion made of it ("to").
Conversion = TypedDict(
    "Conversion",
    {
        "line": int,
        "column": int,
        "end_line": int,
        "end_column": int,
        "byte_start": int,
        "byte_end": int,
        "from": str,
        "to": str,
    },
)

class Removal(TypedDict):
    """A line removed as boilerplate."""

    line: int
    kind: str
    text: str

class Result(TypedDict):
    """One cleaned document: what ``zhclean clean`` writes (text) and reports (the rest)."""

    text: str
    changed: bool
    encoding: NotRequired[str]
    """Only from clean_bytes: the detected or forced encoding (WHATWG label)."""
    confidence: NotRequired[ConfidenceName]
    findings: List[Finding]
    changes: Changes
    converted: List[Conversion]
    removed: List[Removal]

class Mojibake(TypedDict):
    kind: Literal["utf8-read-as-gbk", "kunjinkao"]
    repairable: bool
    common_share: float
    repaired_common_share: Optional[float]
    runs: int

class LineEncoding(TypedDict):
    line: int
    encoding: str
    malformed: int

class Detection(TypedDict):
    """What ``zhclean detect --format json`` reports about one file, without ``path``."""

    encoding: Optional[str]
    confidence: ConfidenceName
    reason: str
    alternatives: List[str]
    bom: bool
    binary: bool
    lossy: bool
    malformed: int
    first_malformed_offset: Optional[int]
    truncated: bool
    mixed: bool
    line_endings: Optional[Literal["none", "lf", "crlf", "cr", "mixed"]]
    script: Optional[Literal["simplified", "traditional", "mixed"]]
    traditional_share: float
    size: int
    mojibake: Optional[Mojibake]
    secondary: NotRequired[str]
    lines: NotRequired[List[LineEncoding]]

class ConfigError(ValueError):
    """A configuration zhclean refuses; the message is the CLI's."""

class DecodeError(ValueError):
    """Bytes refused by decoding (lossy, or below min_confidence); the message is the CLI's."""

class BinaryError(DecodeError):
    """Binary data, not text."""

class Config:
    """A validated configuration, parsed once; picklable."""

    def __init__(self, source: "ConfigLike" = None) -> None: ...
    @staticmethod
    def from_toml(text: str, path: str = "<config>") -> "Config": ...
    def to_toml(self) -> str: ...
    def to_dict(self) -> dict: ...
    def fingerprint(self) -> str: ...

ConfigLike = Union[None, Config, Mapping[str, object], str, os.PathLike]
"""None (the defaults), a Config, a dict shaped like zhclean.toml, or a zhclean.toml path."""

def clean(text: str, config: ConfigLike = None, *, all_findings: bool = False) -> Result:
    """Cleans decoded text. ``all_findings`` lists every conversion and whitespace edit
    as a finding too (like ``clean --report-all``)."""

def clean_bytes(
    data: Union[bytes, bytearray, memoryview],
    config: ConfigLike = None,
    *,
    encoding: Optional[str] = None,
    lossy: bool = False,
    min_confidence: Optional[ConfidenceName] = None,
    fix_mojibake: bool = False,
    per_line: bool = False,
    all_findings: bool = False,
) -> Result:
    """Detects, decodes and cleans raw bytes as ``zhclean clean`` does a file. Raises
    DecodeError for lossy input (unless ``lossy``) or low confidence, BinaryError for
    binary data."""

@overload
def clean_batch(
    texts: Iterable[str],
    config: ConfigLike = None,
    *,
    jobs: Optional[int] = None,
    all_findings: bool = False,
    output: Literal["record"] = "record",
) -> List[Result]:
    """Cleans the texts on Rust threads (``jobs``, default all cores), the GIL released;
    results in input order."""
@overload
def clean_batch(
    texts: Iterable[str],
    config: ConfigLike = None,
    *,
    jobs: Optional[int] = None,
    all_findings: bool = False,
    output: Literal["text"],
) -> List[str]:
    """Just the cleaned texts (the fastest)."""
@overload
def clean_batch(
    texts: Iterable[str],
    config: ConfigLike = None,
    *,
    jobs: Optional[int] = None,
    all_findings: bool = False,
    output: Literal["json"],
) -> List[Tuple[str, str]]:
    """(cleaned text, JSON of the rest of the Result) pairs, the JSON made in Rust: for
    engines that keep the result as a string column."""
def convert(text: str, config: ConvertConfig = "t2s") -> str:
    """Converts every character, as ``zhclean convert -c CONFIG``."""

def detect(data: Union[bytes, bytearray, memoryview], *, per_line: bool = False) -> Detection:
    """What ``zhclean detect --format json`` says about the bytes."""
