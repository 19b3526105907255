//! TOML front matter between `+++` lines, as Zola writes it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The template to render the page with; `page.html` when absent.
    pub template: Option<String>,
    /// Orders pages in navigation; lower comes first.
    pub weight: Option<i64>,
    /// The slug of the theme a generated page presents.
    pub theme: Option<String>,
    /// A page that is not published.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Anything else the author wants to hand to templates.
    #[serde(default, skip_serializing_if = "toml::Table::is_empty")]
    pub extra: toml::Table,
    /// Present on pages studyguide generated; holds the hash that detects hand edits.
    pub generated: Option<Generated>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generated {
    pub by: String,
    pub hash: String,
}

/// A page's text split into its front matter source and its body.
pub struct Split<'a> {
    /// The TOML between the fences, if there are fences.
    pub toml: Option<&'a str>,
    /// Whether an opening `+++` has no closing one.
    pub unclosed: bool,
    pub body: &'a str,
    /// How many lines precede the body, to report body positions as file lines.
    pub body_line_offset: usize,
}

pub fn split(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) else {
        return Split { toml: None, unclosed: false, body: text, body_line_offset: 0 };
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line_offset = toml.matches('\n').count() + 2;
            return Split { toml: Some(toml), unclosed: false, body, body_line_offset };
        }
        offset += line.len();
    }
    Split { toml: None, unclosed: true, body: text, body_line_offset: 0 }
}

/// Writes front matter and body as one page.
pub fn join(front_matter: &FrontMatter, body: &str) -> String {
    let toml = toml::to_string(front_matter).expect("front matter always serialises");
    format!("+++\n{toml}+++\n\n{body}")
}
