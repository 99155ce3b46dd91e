//! Python bindings of zhclean: thin wrappers over the library, nothing cleaned here.
//!
//! Every result is a `zhclean::Record` (or `zhclean::decode::DetectRecord`) turned into
//! Python dicts through serde, so it has exactly the fields and values of the JSON the CLI
//! writes. Configuration goes through `Config::from_toml`/`Config::load`, so it is
//! validated, and its errors worded, as the CLI's are.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;

use zhclean::config::Config;
use zhclean::convert::{ConfigName, Converter};
use zhclean::decode::{self, Confidence};
use zhclean::pipeline::{self, CleanError, DecodeOptions};
use zhclean::Record;

create_exception!(
    _zhclean,
    ConfigError,
    PyValueError,
    "A configuration that zhclean refuses (the message is the CLI's)."
);
create_exception!(
    _zhclean,
    DecodeError,
    PyValueError,
    "Bytes that cannot be decoded as asked: lossy, or below min_confidence (the message is the CLI's)."
);
create_exception!(
    _zhclean,
    BinaryError,
    DecodeError,
    "Binary data, not text (the CLI skips such files with a note)."
);

/// A validated configuration, parsed once and reusable across calls (and picklable, for
/// Ray and Spark workers).
#[pyclass(name = "Config", module = "zhclean", frozen)]
struct PyConfig {
    inner: Arc<Config>,
}

#[pymethods]
impl PyConfig {
    /// `Config(source=None)`: the defaults, a dict shaped like zhclean.toml, or a path.
    #[new]
    #[pyo3(signature = (source=None))]
    fn new(source: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyConfig {
            inner: resolve_config(source)?,
        })
    }

    /// Parses zhclean.toml text; `path` is only used in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, path="<config>"))]
    fn from_toml(text: &str, path: &str) -> PyResult<Self> {
        let config = Config::from_toml(text, Path::new(path))
            .map_err(|e| ConfigError::new_err(e.to_string()))?;
        Ok(PyConfig {
            inner: Arc::new(config),
        })
    }

    /// The effective configuration as TOML (what `zhclean config` prints).
    fn to_toml(&self) -> String {
        self.inner.to_toml()
    }

    /// The effective configuration as a dict (every section and rule filled in).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let full: toml::Table = toml::from_str(&self.inner.to_toml())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(pythonize::pythonize(py, &full)?)
    }

    /// The fingerprint the CLI records in its reports.
    fn fingerprint(&self) -> String {
        self.inner.fingerprint()
    }

    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_toml = slf.get_type().getattr("from_toml")?;
        Ok((from_toml, (slf.get().inner.to_toml(),)))
    }

    /// Equal when the effective configurations are (defaults spelled out or not).
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyConfig>()
            .is_ok_and(|o| o.get().inner.to_toml() == self.inner.to_toml())
    }

    fn __hash__(&self) -> u64 {
        u64::from_str_radix(&self.inner.fingerprint(), 16).unwrap_or(0)
    }

    fn __repr__(&self) -> String {
        format!("zhclean.Config(fingerprint={:?})", self.inner.fingerprint())
    }
}

fn default_config() -> Arc<Config> {
    static DEFAULT: OnceLock<Arc<Config>> = OnceLock::new();
    DEFAULT.get_or_init(|| Arc::new(Config::default())).clone()
}

/// `None`, a `Config`, a dict (checked exactly as zhclean.toml with the same content
/// would be) or a path to a zhclean.toml.
fn resolve_config(config: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<Config>> {
    let Some(obj) = config.filter(|o| !o.is_none()) else {
        return Ok(default_config());
    };
    if let Ok(c) = obj.cast::<PyConfig>() {
        return Ok(c.get().inner.clone());
    }
    if obj.is_instance_of::<PyDict>() {
        const NAME: &str = "<config dict>";
        let table: toml::Table = pythonize::depythonize(obj)
            .map_err(|e| ConfigError::new_err(format!("{NAME}: {e}")))?;
        let text =
            toml::to_string(&table).map_err(|e| ConfigError::new_err(format!("{NAME}: {e}")))?;
        let config = Config::from_toml(&text, Path::new(NAME))
            .map_err(|e| ConfigError::new_err(e.to_string()))?;
        return Ok(Arc::new(config));
    }
    if obj.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "config must be None, a dict, a zhclean.Config or a path to a zhclean.toml",
        ));
    }
    let path: PathBuf = obj.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "config must be None, a dict, a zhclean.Config or a path to a zhclean.toml, not {}",
            type_name(obj)
        ))
    })?;
    let config = Config::load(&path).map_err(|e| ConfigError::new_err(e.to_string()))?;
    Ok(Arc::new(config))
}

fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// The decode options, from the same inputs and with the same messages as the CLI's
/// `--encoding`, `--lossy`, `--min-confidence`, `--fix-mojibake`, `--per-line`.
fn decode_options(
    encoding: Option<&str>,
    lossy: bool,
    min_confidence: Option<&str>,
    fix_mojibake: bool,
    per_line: bool,
) -> PyResult<DecodeOptions> {
    let encoding = match encoding {
        Some(label) => Some(decode::encoding_for_label(label).ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown encoding `{label}` (try utf-8, gbk, gb18030, big5, utf-16le, utf-16be)"
            ))
        })?),
        None => None,
    };
    let min_confidence = match min_confidence {
        Some(level) => Some(
            [
                Confidence::Low,
                Confidence::Medium,
                Confidence::High,
                Confidence::Certain,
            ]
            .into_iter()
            .find(|c| c.as_str() == level)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "invalid min_confidence `{level}` (possible values: low, medium, high, certain)"
                ))
            })?,
        ),
        None => None,
    };
    Ok(DecodeOptions {
        encoding,
        lossy,
        min_confidence,
        fix_mojibake,
        per_line,
    })
}

fn clean_error(e: CleanError) -> PyErr {
    match e {
        CleanError::Binary { .. } => BinaryError::new_err(e.to_string()),
        _ => DecodeError::new_err(e.to_string()),
    }
}

fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}

/// Cleans decoded text; returns the record (text, changed, findings, changes, converted,
/// removed).
#[pyfunction]
#[pyo3(signature = (text, config=None, *, all_findings=false))]
fn clean<'py>(
    py: Python<'py>,
    text: String,
    config: Option<&Bound<'py, PyAny>>,
    all_findings: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let config = resolve_config(config)?;
    let record =
        py.detach(|| Record::new(zhclean::clean_text(&text, &config), &config, all_findings));
    to_py(py, &record)
}

/// Detects the encoding of raw bytes, decodes them (refusing lossy input unless `lossy`)
/// and cleans them, as `zhclean clean` does with a file.
#[pyfunction]
#[pyo3(signature = (data, config=None, *, encoding=None, lossy=false, min_confidence=None, fix_mojibake=false, per_line=false, all_findings=false))]
#[allow(clippy::too_many_arguments)]
fn clean_bytes<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
    encoding: Option<&str>,
    lossy: bool,
    min_confidence: Option<&str>,
    fix_mojibake: bool,
    per_line: bool,
    all_findings: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let config = resolve_config(config)?;
    let opts = decode_options(encoding, lossy, min_confidence, fix_mojibake, per_line)?;
    let bytes = bytes_of(data)?;
    let record = py
        .detach(|| {
            pipeline::clean_bytes(&bytes, &config, &opts)
                .map(|c| Record::new(c, &config, all_findings))
        })
        .map_err(clean_error)?;
    to_py(py, &record)
}

/// bytes, bytearray, memoryview or anything else with the buffer protocol.
fn bytes_of(data: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(b.as_bytes().to_vec());
    }
    if data.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "expected bytes, not str (clean() takes decoded text)",
        ));
    }
    let b = data
        .py()
        .get_type::<PyBytes>()
        .call1((data,))
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "expected bytes or a buffer, not {}",
                type_name(data)
            ))
        })?;
    Ok(b.cast::<PyBytes>()?.as_bytes().to_vec())
}

/// A pool of `jobs` threads, built once per size.
fn pool(jobs: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&jobs) {
        return Ok(p.clone());
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("zhclean-{i}"))
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start {jobs} threads: {e}")))?,
    );
    pools.insert(jobs, p.clone());
    Ok(p)
}

/// What `clean_batch` returns for each text.
#[derive(Clone, Copy)]
enum Output {
    /// The record, as a dict.
    Record,
    /// The cleaned text alone.
    Text,
    /// `(text, json)`: the cleaned text and the record's other fields as JSON, made on
    /// the Rust threads (for engines that store the result as a string column).
    Json,
}

enum Batch {
    Records(Vec<Record>),
    Texts(Vec<String>),
    Json(Vec<(String, String)>),
}

/// Takes the text out of the record and returns it with the rest as JSON (the `zhclean`
/// object of `clean --jsonl`), fields in the record's order.
fn split_json(mut record: Record) -> (String, String) {
    let text = std::mem::take(&mut record.text);
    let json = serde_json::to_string(&record).expect("record serializes");
    // `text` is the record's first field; with it emptied the JSON starts with this.
    const EMPTY_TEXT: &str = r#"{"text":"","#;
    let json = match json.strip_prefix(EMPTY_TEXT) {
        Some(rest) => format!("{{{rest}"),
        None => {
            let mut value = serde_json::to_value(&record).expect("record serializes");
            if let Some(map) = value.as_object_mut() {
                map.remove("text");
            }
            value.to_string()
        }
    };
    (text, json)
}

/// Cleans many texts in parallel (Rust threads, the GIL released); results in input order.
#[pyfunction]
#[pyo3(signature = (texts, config=None, *, jobs=None, all_findings=false, output="record"))]
fn clean_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    config: Option<&Bound<'py, PyAny>>,
    jobs: Option<usize>,
    all_findings: bool,
    output: &str,
) -> PyResult<Bound<'py, PyList>> {
    if texts.is_instance_of::<PyString>() || texts.is_instance_of::<PyBytes>() {
        return Err(PyTypeError::new_err(
            "clean_batch takes an iterable of str, not a single string (use clean())",
        ));
    }
    let output = match output {
        "record" => Output::Record,
        "text" => Output::Text,
        "json" => Output::Json,
        other => {
            return Err(PyValueError::new_err(format!(
                "output must be \"record\", \"text\" or \"json\", not {other:?}"
            )))
        }
    };
    let config = resolve_config(config)?;
    let mut owned: Vec<String> = Vec::new();
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        let s: String = item.extract().map_err(|_| {
            PyTypeError::new_err(format!(
                "clean_batch: item {i} is {}, not str",
                type_name(&item)
            ))
        })?;
        owned.push(s);
    }
    let pool = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => Some(pool(n)?),
        None => None,
    };
    let record = |t: &String| Record::new(zhclean::clean_text(t, &config), &config, all_findings);
    let run = |texts: &[String]| match output {
        Output::Text => Batch::Texts(
            texts
                .par_iter()
                .map(|t| zhclean::clean_text(t, &config).text)
                .collect(),
        ),
        Output::Record => Batch::Records(texts.par_iter().map(record).collect()),
        Output::Json => Batch::Json(texts.par_iter().map(|t| split_json(record(t))).collect()),
    };
    let results = py.detach(|| match &pool {
        Some(p) => p.install(|| run(&owned)),
        None => run(&owned),
    });
    match results {
        Batch::Records(records) => {
            let items = records
                .iter()
                .map(|r| to_py(py, r))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)
        }
        Batch::Texts(texts) => PyList::new(py, texts),
        Batch::Json(pairs) => PyList::new(py, pairs),
    }
}

fn config_name(name: &str) -> PyResult<ConfigName> {
    ConfigName::ALL
        .into_iter()
        .find(|c| c.as_str() == name)
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "unknown conversion config `{name}` (possible values: t2s, tw2s, tw2sp, hk2s, hk2sp, s2t)"
            ))
        })
}

/// Converts every character, as `zhclean convert -c CONFIG` does (no gate, no other
/// cleaning).
#[pyfunction]
#[pyo3(signature = (text, config="t2s"))]
fn convert(py: Python<'_>, text: String, config: &str) -> PyResult<String> {
    let converter = Converter::get(config_name(config)?);
    Ok(py.detach(|| converter.convert(&text)))
}

/// What `zhclean detect --format json` reports about bytes (without the path).
#[pyfunction]
#[pyo3(signature = (data, *, per_line=false))]
fn detect<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyAny>,
    per_line: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let bytes = bytes_of(data)?;
    let opts = decode::RecordOptions { per_line };
    let record = py.detach(|| decode::record_with("", &bytes, &opts));
    let dict = to_py(py, &record)?;
    dict.del_item("path")?;
    Ok(dict)
}

#[pymodule]
fn _zhclean(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("ConfigError", py.get_type::<ConfigError>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("BinaryError", py.get_type::<BinaryError>())?;
    m.add_class::<PyConfig>()?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(clean_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(clean_batch, m)?)?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    Ok(())
}
