//! Configuration: `zhclean.toml`, found from the working directory upward, or `--config`.
//!
//! ```toml
//! [convert]
//! config = "t2s"        # t2s | tw2s | tw2sp | hk2s | hk2sp
//! gate = "line"         # line: convert only lines with an unambiguously Traditional
//!                       # character (documents that are mostly Traditional convert whole);
//!                       # off: convert everything, like OpenCC
//! enabled = true
//!
//! [normalize]           # every step on by default
//! indentation = false
//! max-blank-lines = 1
//!
//! [rules.placeholder]   # per rule: enabled, severity (info | warning | error)
//! severity = "error"
//! [rules.whitespace]
//! enabled = false
//!
//! [placeholder]
//! extra = ['某某(?=公司)']   # extra patterns, same syntax as dictionaries/placeholders.txt
//! [boilerplate]
//! extra = ['免责声明']       # extra phrases, same syntax as dictionaries/boilerplate.txt
//! remove = true              # clean deletes boilerplate lines (--keep-boilerplate: false)
//! [allow]
//! phrases = ['X射线']        # a finding whose line holds one of these is never reported
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::convert::ConfigName;
use crate::flags::FlagOptions;
use crate::normalize::NormalizeOptions;
use crate::report::{Rule, Severity};

/// The file name searched for.
pub const FILE_NAME: &str = "zhclean.toml";

/// When conversion runs on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Gate {
    /// Convert a line only when it holds an unambiguously Traditional character, unless
    /// the document as a whole is Traditional.
    Line,
    /// Convert every line (OpenCC's behaviour).
    Off,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConvertSection {
    pub config: ConfigName,
    pub gate: Gate,
    pub enabled: bool,
}

impl Default for ConvertSection {
    fn default() -> Self {
        ConvertSection {
            config: ConfigName::T2s,
            gate: Gate::Line,
            enabled: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSection {
    pub enabled: bool,
    pub severity: Option<Severity>,
}

impl Default for RuleSection {
    fn default() -> Self {
        RuleSection {
            enabled: true,
            severity: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PlaceholderSection {
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoilerplateSection {
    pub extra: Vec<String>,
    pub remove: bool,
}

impl Default for BoilerplateSection {
    fn default() -> Self {
        BoilerplateSection {
            extra: Vec::new(),
            remove: true,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AllowSection {
    pub phrases: Vec<String>,
}

/// The effective configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub convert: ConvertSection,
    pub normalize: NormalizeOptions,
    /// Keyed by rule id: `encoding`, `traditional`, `placeholder`, `boilerplate`, `whitespace`.
    pub rules: BTreeMap<String, RuleSection>,
    pub placeholder: PlaceholderSection,
    pub boilerplate: BoilerplateSection,
    pub allow: AllowSection,
    #[serde(skip)]
    compiled: CompiledFlags,
}

/// Extra placeholder lines, extra boilerplate lines, and what they compiled to.
type CompiledFor = (Vec<String>, Vec<String>, FlagOptions);

/// The compiled detector data for the extras it was built from.
#[derive(Default)]
struct CompiledFlags(std::sync::Mutex<Option<CompiledFor>>);

impl Clone for CompiledFlags {
    fn clone(&self) -> Self {
        CompiledFlags(std::sync::Mutex::new(
            self.0.lock().unwrap_or_else(|e| e.into_inner()).clone(),
        ))
    }
}

impl PartialEq for CompiledFlags {
    /// A cache: never part of what makes two configurations differ.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for CompiledFlags {}

impl std::fmt::Debug for CompiledFlags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CompiledFlags")
    }
}

/// A configuration file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// Parses TOML text; `path` is only used in error messages.
    pub fn from_toml(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let config: Config =
            toml::from_str(text).map_err(|e| invalid(e.to_string().trim_end().to_string()))?;
        config.validate().map_err(invalid)?;
        Ok(config)
    }

    /// Reads a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Config::from_toml(&text, path)
    }

    /// Finds `zhclean.toml` in `dir` or the nearest ancestor that has one.
    pub fn discover(dir: &Path) -> Option<PathBuf> {
        dir.ancestors()
            .map(|d| d.join(FILE_NAME))
            .find(|p| p.is_file())
    }

    /// Whether a rule reports findings.
    pub fn rule_enabled(&self, rule: Rule) -> bool {
        self.rules.get(rule.as_str()).is_none_or(|r| r.enabled)
    }

    /// The severity of a rule's findings.
    pub fn severity(&self, rule: Rule) -> Severity {
        self.rules
            .get(rule.as_str())
            .and_then(|r| r.severity)
            .unwrap_or_else(|| rule.default_severity())
    }

    /// The detectors' data with the user's extra lines, compiled once and reused while
    /// the extras stay the same. Extras that do not compile are left out here; a
    /// configuration read from a file has been checked by [`Config::validate`] already.
    pub fn flag_options(&self) -> FlagOptions {
        let mut cache = self.compiled.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((p, b, opts)) = cache.as_ref() {
            if *p == self.placeholder.extra && *b == self.boilerplate.extra {
                return opts.clone();
            }
        }
        let opts = FlagOptions::new(&self.placeholder.extra, &self.boilerplate.extra)
            .unwrap_or_else(|_| {
                let valid =
                    |lines: &[String], check: fn(&[String]) -> Vec<String>| -> Vec<String> {
                        lines
                            .iter()
                            .filter(|l| check(std::slice::from_ref(*l)).is_empty())
                            .cloned()
                            .collect()
                    };
                FlagOptions::new(
                    &valid(
                        &self.placeholder.extra,
                        <crate::flags::placeholder::Data as crate::flags::DataFile>::check_extra,
                    ),
                    &valid(
                        &self.boilerplate.extra,
                        <crate::flags::boilerplate::Data as crate::flags::DataFile>::check_extra,
                    ),
                )
                .unwrap_or_default()
            });
        *cache = Some((
            self.placeholder.extra.clone(),
            self.boilerplate.extra.clone(),
            opts.clone(),
        ));
        opts
    }

    /// Checks what serde cannot: rule names, limits and the extra detector lines.
    pub fn validate(&self) -> Result<(), String> {
        for key in self.rules.keys() {
            key.parse::<Rule>()
                .map_err(|e| format!("[rules.{key}]: {e}"))?;
        }
        if self.normalize.max_blank_lines > 100 {
            return Err("normalize.max-blank-lines must be at most 100".into());
        }
        FlagOptions::new(&self.placeholder.extra, &self.boilerplate.extra)
            .map_err(|e| e.join("; "))?;
        Ok(())
    }

    /// The configuration as TOML (what `zhclean config` prints).
    pub fn to_toml(&self) -> String {
        let mut full = self.clone();
        for rule in Rule::ALL {
            let entry = full.rules.entry(rule.as_str().to_string()).or_default();
            entry.severity.get_or_insert(rule.default_severity());
        }
        toml::to_string_pretty(&full).expect("configuration serializes")
    }

    /// A short fingerprint of the configuration, recorded in reports.
    pub fn fingerprint(&self) -> String {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.to_toml().hash(&mut h);
        format!("{:016x}", h.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let c = Config::from_toml(
            "[convert]\nconfig = \"tw2s\"\n[rules.placeholder]\nseverity = \"error\"\n[normalize]\nindentation = false\n",
            Path::new("z.toml"),
        )
        .unwrap();
        assert_eq!(c.convert.config, ConfigName::Tw2s);
        assert_eq!(c.severity(Rule::Placeholder), Severity::Error);
        assert!(!c.normalize.indentation);
        assert!(c.normalize.trailing);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        let e = Config::from_toml("[convert]\nconfg = \"t2s\"\n", Path::new("z.toml")).unwrap_err();
        assert!(
            e.to_string().contains("z.toml") && e.to_string().contains("confg"),
            "{e}"
        );
        let e = Config::from_toml(
            "[rules.placeholders]\nenabled = false\n",
            Path::new("z.toml"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("unknown rule"), "{e}");
        let e = Config::from_toml(
            "[rules.placeholder]\nseverity = \"fatal\"\n",
            Path::new("z.toml"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("fatal"), "{e}");
        let e = Config::from_toml(
            "[boilerplate]\nextra = [\"regex link-id ([\"]\n",
            Path::new("z.toml"),
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("z.toml") && msg.contains("[boilerplate] extra, line 1"),
            "{msg}"
        );
    }

    #[test]
    fn extras_are_compiled_once_and_follow_changes() {
        let mut c = Config::default();
        assert!(c.flag_options().placeholders.is_none());
        c.placeholder.extra = vec!["某某(?=公司)".into()];
        let a = c.flag_options().placeholders.unwrap();
        let b = c.flag_options().placeholders.unwrap();
        assert!(std::sync::Arc::ptr_eq(&a, &b), "compiled once");
        c.placeholder.extra.clear();
        assert!(c.flag_options().placeholders.is_none(), "follows a change");
    }

    #[test]
    fn printed_config_parses_back() {
        let c = Config::default();
        let again = Config::from_toml(&c.to_toml(), Path::new("x")).unwrap();
        assert_eq!(again.convert, c.convert);
        assert_eq!(again.normalize, c.normalize);
    }
}
