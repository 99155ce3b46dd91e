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
        for key in config.rules.keys() {
            key.parse::<Rule>()
                .map_err(|e| invalid(format!("[rules.{key}]: {e}")))?;
        }
        if config.normalize.max_blank_lines > 100 {
            return Err(invalid(
                "normalize.max-blank-lines must be at most 100".into(),
            ));
        }
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

    /// The detectors' view of the configuration.
    pub fn flag_options(&self) -> FlagOptions {
        FlagOptions {
            extra_placeholders: self.placeholder.extra.clone(),
            extra_boilerplate: self.boilerplate.extra.clone(),
        }
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
    }

    #[test]
    fn printed_config_parses_back() {
        let c = Config::default();
        let again = Config::from_toml(&c.to_toml(), Path::new("x")).unwrap();
        assert_eq!(again.convert, c.convert);
        assert_eq!(again.normalize, c.normalize);
    }
}
