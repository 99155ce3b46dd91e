"""The package's functions: results, configuration, errors, and sameness with the CLI."""

from __future__ import annotations

import json
import pickle
import subprocess
import threading
import time

import pytest

import zhclean
from corpus import SEEDS, assert_same_as_cli, make_documents, run_cli, zhclean_bin

TRAD = "當前位置: 首頁 > 政務公開 > 工作報告\n鬆江鎮完成X名困難群眾幫扶\u00a0\n"


def cli(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    binary = zhclean_bin()
    if not binary.is_file():
        pytest.skip(f"{binary}: no zhclean binary (cargo build --release, or set ZHCLEAN_BIN)")
    return subprocess.run([str(binary), *args], input=stdin, capture_output=True)


def test_clean_returns_the_record():
    r = zhclean.clean(TRAD)
    assert r["text"] == "松江镇完成X名困难群众帮扶\n"
    assert r["changed"] is True
    assert "encoding" not in r and "confidence" not in r
    assert [(x["line"], x["kind"]) for x in r["removed"]] == [(1, "breadcrumb")]
    assert r["removed"][0]["text"] == "當前位置: 首頁 > 政務公開 > 工作報告"
    assert r["converted"][0]["from"] == "鬆江鎮" and r["converted"][0]["to"] == "松江镇"
    assert r["changes"]["converted_chars"] > 0 and r["changes"]["removed_lines"] == 1
    rules = {f["rule"] for f in r["findings"]}
    assert "placeholder" in rules and "traditional" not in rules
    f = next(f for f in r["findings"] if f["rule"] == "placeholder")
    assert set(f) >= {"kind", "severity", "line", "column", "end_line", "end_column",
                      "byte_start", "byte_end", "text", "message"}
    every = zhclean.clean(TRAD, all_findings=True)
    assert any(f["rule"] == "traditional" for f in every["findings"])
    assert zhclean.clean("松江镇\n") == {
        "text": "松江镇\n", "changed": False, "findings": [], "converted": [], "removed": [],
        "changes": {"converted_chars": 0, "removed_lines": 0, "whitespace_edits": 0,
                    "gate_skipped_lines": 0},
    }


def test_clean_equals_cli_stdin_and_check_json():
    """`zhclean clean -` writes the same text; `check --format json` lists all_findings."""
    for seed in sorted(SEEDS.glob("*.txt")):
        data = seed.read_bytes()
        r = zhclean.clean(data.decode("utf-8"))
        assert cli("clean", "--no-config", "-", stdin=data).stdout.decode() == r["text"]
        rb = zhclean.clean_bytes(data, all_findings=True)
        assert rb["text"] == r["text"] and rb["encoding"] == "UTF-8"
        check = json.loads(cli("check", "--no-config", "--format", "json", str(seed)).stdout)
        assert check["files"][0]["findings"] == rb["findings"], seed.name


def test_clean_bytes_decodes_like_the_cli():
    text = "鬆江鎮2021年工作總結，困難群眾幫扶。\n"
    big5 = text.encode("big5")
    r = zhclean.clean_bytes(big5)
    assert r["encoding"] == "Big5" and r["text"] == zhclean.clean(text)["text"]
    assert any(f["rule"] == "encoding" and f["kind"] == "not-utf8" for f in r["findings"])
    gbk = zhclean.clean_bytes(bytearray("松江镇工作总结，困难群众帮扶。\n".encode("gbk")),
                              encoding="gbk")
    assert gbk["encoding"] == "GBK" and gbk["confidence"] == "certain"
    assert zhclean.clean_bytes(memoryview(b"abc\n"))["text"] == "abc\n"


def test_lossy_input_is_refused_with_the_cli_message():
    bad = "松江镇工作总结".encode("utf-8") * 20 + b"\xff\xfe\x80" + "完成".encode("utf-8")
    with pytest.raises(zhclean.DecodeError) as e:
        zhclean.clean_bytes(bad)
    assert isinstance(e.value, ValueError)
    out = cli("clean", "--no-config", "-", stdin=bad)
    assert out.returncode == 1
    assert out.stderr.decode().strip() == f"zhclean: error: <stdin>: {e.value}"
    r = zhclean.clean_bytes(bad, lossy=True)
    assert "\ufffd" in r["text"]
    assert any(f["rule"] == "encoding" and f["severity"] == "error" for f in r["findings"])


def test_binary_and_low_confidence_and_bad_options():
    with pytest.raises(zhclean.BinaryError, match="binary data, not text"):
        zhclean.clean_bytes(b"\x00\x01\x02PNG\x00" * 100)
    assert issubclass(zhclean.BinaryError, zhclean.DecodeError)
    short = "工作".encode("gbk")
    if zhclean.detect(short)["confidence"] != "certain":
        with pytest.raises(zhclean.DecodeError, match="below --min-confidence certain"):
            zhclean.clean_bytes(short, min_confidence="certain")
    with pytest.raises(ValueError, match="unknown encoding `latin-9x`"):
        zhclean.clean_bytes(b"a", encoding="latin-9x")
    with pytest.raises(ValueError, match="min_confidence"):
        zhclean.clean_bytes(b"a", min_confidence="sure")
    with pytest.raises(TypeError):
        zhclean.clean_bytes("text")
    with pytest.raises(TypeError):
        zhclean.clean(b"bytes")


def test_mojibake_and_per_line_options():
    text = "松江镇二〇二二年工作总结，全面贯彻党的十九大精神，完成全年目标任务。\n"
    moji = text.encode("utf-8").decode("gbk", errors="ignore").encode("gbk")
    det = zhclean.detect(moji)
    if det["mojibake"] and det["mojibake"]["repairable"]:
        fixed = zhclean.clean_bytes(moji, fix_mojibake=True)["text"]
        assert fixed != zhclean.clean_bytes(moji)["text"]
    mixed = ("第一行是UTF-8的中文内容，共有若干个字。\n".encode("utf-8")
             + "第二行是GBK编码的中文内容，也有若干字。\n".encode("gbk")) * 3
    if zhclean.detect(mixed)["mixed"]:
        with pytest.raises(zhclean.DecodeError, match="--per-line"):
            zhclean.clean_bytes(mixed)
        assert "第二行是GBK编码" in zhclean.clean_bytes(mixed, per_line=True)["text"]


def test_detect_matches_cli_detect(tmp_path):
    data = "鬆江鎮2021年工作總結\r\n困難群眾幫扶\r\n".encode("big5")
    (tmp_path / "a.txt").write_bytes(data)
    out = json.loads(cli("detect", "--format", "json", str(tmp_path / "a.txt")).stdout)
    expected = out["files"][0]
    del expected["path"]
    assert zhclean.detect(data) == expected
    assert zhclean.detect(data)["encoding"] == "Big5"
    assert "lines" in zhclean.detect(data, per_line=True)


def test_convert():
    assert zhclean.convert("鬆江鎮") == "松江镇"
    assert zhclean.convert("松江镇", "s2t") == "松江鎮"
    assert cli("convert", "-c", "s2t", stdin="软件工作总结".encode()).stdout.decode() == \
        zhclean.convert("软件工作总结", "s2t")
    assert cli("convert", "-c", "tw2sp", stdin="軟體記憶體".encode()).stdout.decode() == \
        zhclean.convert("軟體記憶體", config="tw2sp")
    with pytest.raises(ValueError, match="unknown conversion config `t2x`"):
        zhclean.convert("a", "t2x")


def test_config_from_dict_path_and_object(tmp_path):
    text = "鬆江鎮工作\n當前位置: 首頁 > 政務公開\n    縮進的行\n"
    cfg = {"convert": {"enabled": False}, "boilerplate": {"remove": False},
           "normalize": {"indentation": False}}
    r = zhclean.clean(text, cfg)
    assert r["text"] == text
    toml_path = tmp_path / "zhclean.toml"
    toml_path.write_text('[convert]\nenabled = false\n[boilerplate]\nremove = false\n'
                         '[normalize]\nindentation = false\n', encoding="utf-8")
    assert zhclean.clean(text, str(toml_path)) == r
    assert zhclean.clean(text, toml_path) == r
    c = zhclean.Config(cfg)
    assert zhclean.clean(text, c) == r
    assert c == zhclean.Config(toml_path) and c != zhclean.Config()
    assert pickle.loads(pickle.dumps(c)) == c
    assert zhclean.Config.from_toml(c.to_toml()) == c
    assert c.to_dict()["convert"]["enabled"] is False
    assert c.fingerprint() == zhclean.Config(toml_path).fingerprint()


@pytest.mark.parametrize(
    "cfg",
    [
        {"convert": {"gate": "sometimes"}},
        {"convert": {"cfg": "t2s"}},
        {"rules": {"placeholders": {"enabled": False}}},
        {"normalize": {"max-blank-lines": 1000}},
        {"placeholder": {"extra": ["(unclosed"]}},
    ],
)
def test_invalid_config_errors_are_the_clis(cfg, tmp_path):
    with pytest.raises(zhclean.ConfigError) as e:
        zhclean.clean("a", cfg)
    assert isinstance(e.value, ValueError)
    # The same content as a zhclean.toml: the CLI says the same after the file name.
    toml_text = zhclean_toml(cfg)
    path = tmp_path / "zhclean.toml"
    path.write_text(toml_text, encoding="utf-8")
    with pytest.raises(zhclean.ConfigError) as from_file:
        zhclean.clean("a", path)
    out = cli("check", "--config", str(path), str(path))
    assert out.returncode == 2
    assert out.stderr.decode().strip() == f"zhclean: error: {from_file.value}"
    assert str(e.value).split(": ", 1)[1] == str(from_file.value).split(": ", 1)[1]


def zhclean_toml(cfg: dict) -> str:
    """The dict as TOML, sections only (all the configurations above are two levels)."""
    def val(v):
        return json.dumps(v, ensure_ascii=False)
    out = []
    for section, body in cfg.items():
        for key, v in body.items():
            if isinstance(v, dict):
                out.append(f"[{section}.{key}]")
                out += [f"{k} = {val(x)}" for k, x in v.items()]
            else:
                out.append(f"[{section}]")
                out.append(f"{key} = {val(v)}")
    return "\n".join(out) + "\n"


def test_config_errors_for_missing_file_and_wrong_type(tmp_path):
    with pytest.raises(zhclean.ConfigError, match="cannot read"):
        zhclean.clean("a", tmp_path / "missing.toml")
    with pytest.raises(TypeError):
        zhclean.clean("a", 42)


def test_clean_batch_order_types_and_jobs():
    docs = make_documents(limit=300)
    one = [zhclean.clean(d) for d in docs]
    assert zhclean.clean_batch(docs) == one
    assert zhclean.clean_batch(iter(docs), jobs=1) == one
    assert zhclean.clean_batch(tuple(docs), jobs=2, output="text") == [r["text"] for r in one]
    pairs = zhclean.clean_batch(docs, output="json")
    for (text, report), r in zip(pairs, one):
        assert text == r["text"] and json.loads(report) == {k: v for k, v in r.items()
                                                            if k != "text"}
    with pytest.raises(ValueError, match="output must be"):
        zhclean.clean_batch(docs, output="dict")
    assert zhclean.clean_batch([]) == []
    cfg = {"convert": {"gate": "off"}}
    assert zhclean.clean_batch(docs[:20], cfg) == [zhclean.clean(d, cfg) for d in docs[:20]]
    with pytest.raises(TypeError, match="item 1 is int"):
        zhclean.clean_batch(["a", 1])
    with pytest.raises(TypeError):
        zhclean.clean_batch("a single string")
    with pytest.raises(ValueError):
        zhclean.clean_batch(["a"], jobs=0)


def test_clean_batch_releases_the_gil():
    """While a batch runs in Rust, another Python thread keeps running."""
    docs = make_documents(limit=400) * 10
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(1)
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    try:
        start = len(ticks)
        zhclean.clean_batch(docs, jobs=1, output="text")
        during = len(ticks) - start
    finally:
        done.set()
        t.join()
    assert during > 5, f"the other thread ran {during} times during the batch"


@pytest.mark.parametrize(
    "config",
    [None, {"convert": {"gate": "off", "config": "tw2sp"}, "boilerplate": {"remove": False},
            "normalize": {"indentation": False, "max-blank-lines": 2},
            "rules": {"whitespace": {"enabled": False}, "placeholder": {"severity": "error"}}}],
    ids=["default", "custom"],
)
def test_clean_batch_equals_cli_over_seed_documents(config):
    docs = make_documents(limit=1500)
    cli_out = run_cli(docs, None if config is None else zhclean.Config(config).to_toml())
    records = zhclean.clean_batch(docs, config)
    for i, (r, c) in enumerate(zip(records, cli_out)):
        assert_same_as_cli(i, r["text"], r, c)
    # The documents exercise every stage.
    assert sum(r["changes"]["converted_chars"] > 0 for r in records) > 50 or config
    assert sum(r["changes"]["whitespace_edits"] > 0 for r in records) > 50
    assert sum(bool(r["findings"]) for r in records) > 50
    if config is None:
        assert sum(r["changes"]["removed_lines"] > 0 for r in records) > 50
