//! `studyguide.toml`: the guide's settings. Every key is known; an unknown one is an error
//! that names it, so a typo never silently does nothing.

use crate::diagnostics::{Diagnostic, Place};
use serde::Deserialize;
use std::collections::BTreeMap;

pub const FILE_NAME: &str = "studyguide.toml";

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The guide's title; by default taken from the first seed's file name.
    pub title: Option<String>,
    pub description: String,
    /// Where the site will live, e.g. `https://example.org/guide/`; used for the sitemap.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub index: IndexSettings,
    pub corrections: Vec<Correction>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            title: None,
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            index: IndexSettings::default(),
            corrections: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexSettings {
    /// Terms that always appear in the index (when a quote mentions them).
    pub terms: Vec<String>,
    /// Other spellings that count as a mention of a term: `aliases = { "big data" = ["大数据"] }`.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Find recurring multi-word phrases and index them too.
    pub auto: bool,
    /// How many quotes a phrase must recur in to be indexed automatically.
    pub min_quotes: usize,
    /// At most this many phrases are indexed automatically: those in the most quotes.
    pub max_terms: usize,
    /// Phrases never indexed automatically.
    pub exclude: Vec<String>,
}

impl Default for IndexSettings {
    fn default() -> Self {
        Self {
            terms: Vec::new(),
            aliases: BTreeMap::new(),
            auto: true,
            min_quotes: 2,
            max_terms: 200,
            exclude: Vec::new(),
        }
    }
}

/// Fixes what a source got wrong, matched by a piece of attribution text.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    #[serde(rename = "match")]
    pub pattern: toml::Spanned<String>,
    pub date: Option<toml::Spanned<String>>,
    pub occasion: Option<String>,
    pub note: Option<String>,
    /// Where the entry's `match` is in the settings file, for diagnostics.
    #[serde(skip)]
    pub place: (usize, usize, usize),
}

impl Settings {
    /// Parses settings text; `file` names it in diagnostics.
    pub fn parse(file: &str, text: &str) -> Result<Self, Diagnostic> {
        let mut settings: Self = toml::from_str(text).map_err(|error| {
            let (line, column, width) = error.span().map_or((1, 1, 1), |span| locate(text, span));
            let message = error.message().trim();
            let help = did_you_mean(message).unwrap_or_else(|| "see the settings reference in the README".into());
            Diagnostic::error("settings", Place::new(file, line, column, width), message).with_help(help)
        })?;
        settings.validate(file, text)?;
        for correction in &mut settings.corrections {
            correction.place = locate(text, correction.pattern.span());
        }
        Ok(settings)
    }

    fn validate(&self, file: &str, text: &str) -> Result<(), Diagnostic> {
        for correction in &self.corrections {
            if let Some(date) = &correction.date {
                if crate::model::PartialDate::parse_iso(date.get_ref()).is_none() {
                    let (line, column, width) = locate(text, date.span());
                    return Err(Diagnostic::error(
                        "settings",
                        Place::new(file, line, column, width),
                        format!("\"{}\" is not a date", date.get_ref()),
                    )
                    .with_help("write YYYY, YYYY-MM or YYYY-MM-DD"));
                }
            }
            if correction.pattern.get_ref().trim().is_empty() {
                let (line, column, width) = locate(text, correction.pattern.span());
                return Err(Diagnostic::error("settings", Place::new(file, line, column, width), "`match` is empty")
                    .with_help("give a piece of the attribution text to correct"));
            }
        }
        if !self.base_url.ends_with('/') {
            let line = text.lines().position(|l| l.trim_start().starts_with("base_url")).map_or(0, |i| i + 1);
            return Err(Diagnostic::error("settings", Place::new(file, line, 1, 8), "`base_url` must end with \"/\"")
                .with_help(format!("write base_url = \"{}/\"", self.base_url)));
        }
        Ok(())
    }

    /// The path part of `base_url`: "/" or "/guide/".
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, rest)| rest);
        let path = if self.base_url.contains("://") {
            after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
        } else {
            after_scheme
        };
        if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        }
    }
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": the known key closest to `x`.
pub fn did_you_mean(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, expected) = rest.split_once('`')?;
    let closest = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|known| (strsim::levenshtein(unknown, known), known))
        .filter(|(distance, known)| *distance <= 2.max(known.len() / 3))
        .min()?;
    Some(format!("did you mean `{}`?", closest.1))
}

/// The 1-based line, column and width in characters of a byte span.
pub fn locate(text: &str, span: std::ops::Range<usize>) -> (usize, usize, usize) {
    let (line, column) = crate::diagnostics::line_column(text, span.start);
    let width = text.get(span).map_or(1, |s| s.chars().count().max(1));
    (line, column, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let s = Settings::parse(FILE_NAME, "").unwrap();
        assert_eq!(s.base_url, "/");
        assert!(s.index.auto);
        assert_eq!(s.index.min_quotes, 2);
    }

    #[test]
    fn unknown_keys_are_errors_that_name_them() {
        let err = Settings::parse(FILE_NAME, "title = \"x\"\ntitel = \"y\"\n").unwrap_err();
        assert!(err.message.contains("titel"), "{}", err.message);
        assert_eq!((err.line, err.column), (2, 1));
        assert_eq!(err.help.as_deref(), Some("did you mean `title`?"));
        let err = Settings::parse(FILE_NAME, "[index]\nterm = []\n").unwrap_err();
        assert!(err.message.contains("term"), "{}", err.message);
    }

    #[test]
    fn corrections_are_checked() {
        let ok = "[[corrections]]\nmatch = \"March 2020, 4\"\ndate = \"2020-04-01\"\nnote = \"tour\"\n";
        let s = Settings::parse(FILE_NAME, ok).unwrap();
        assert_eq!(s.corrections[0].pattern.get_ref(), "March 2020, 4");
        let err = Settings::parse(FILE_NAME, "[[corrections]]\nmatch = \"x\"\ndate = \"2020-4-31\"\n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = Settings::parse(FILE_NAME, "title = \"t\"\nbase_url = \"https://x.org/guide\"\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn base_path_of_a_sub_path_site() {
        let s = Settings { base_url: "https://x.org/guide/".into(), ..Settings::default() };
        assert_eq!(s.base_path(), "/guide/");
        assert_eq!(Settings::default().base_path(), "/");
    }
}
