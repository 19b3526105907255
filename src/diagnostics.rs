//! Diagnostics: what a stage found doubtful in its input, with the place it found it.
//! Stages collect them and go on; only the CLI decides what they mean for the exit code.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub file: String,
    /// 1-based line; 0 when the finding concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// How many characters the caret underlines.
    #[serde(skip)]
    pub width: usize,
}

impl Diagnostic {
    pub fn warning(code: &'static str, place: Place<'_>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, place, message)
    }

    pub fn error(code: &'static str, place: Place<'_>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, place, message)
    }

    fn new(severity: Severity, code: &'static str, place: Place<'_>, message: impl Into<String>) -> Self {
        Self {
            severity,
            code,
            file: place.file.to_string(),
            line: place.line,
            column: place.column,
            message: message.into(),
            help: None,
            width: place.width.max(1),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A span in a source file: file, 1-based line and column (in characters), width in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

impl<'a> Place<'a> {
    pub fn new(file: &'a str, line: usize, column: usize, width: usize) -> Self {
        Self { file, line, column, width }
    }

    pub fn whole_file(file: &'a str) -> Self {
        Self { file, line: 0, column: 0, width: 0 }
    }
}

/// Sorts diagnostics by place, so output never depends on the order stages ran in, and drops
/// repeats (one template error fails every page that uses the template).
pub fn sort_unique(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, a.code, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
    });
    diagnostics.dedup();
}

/// Renders diagnostics the way rustc does: a header, the place, the source line and a caret.
/// `sources` maps a diagnostic's file to its text, so the offending line can be shown.
pub fn render_human(diagnostics: &[Diagnostic], sources: &BTreeMap<String, String>, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let lines: BTreeMap<&str, Vec<String>> =
        sources.iter().map(|(file, text)| (file.as_str(), crate::ingest::text::lines(text))).collect();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let line = lines.get(diagnostic.file.as_str()).and_then(|l| l.get(diagnostic.line.wrapping_sub(1)));
        out.push_str(&render_one(diagnostic, line.map(String::as_str), &renderer));
        out.push_str("\n\n");
    }
    out
}

fn render_one(d: &Diagnostic, line_text: Option<&str>, renderer: &Renderer) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let location = if d.line > 0 { format!("{}:{}:{}", d.file, d.line, d.column) } else { d.file.clone() };
    let mut group = Group::with_title(level.primary_title(&d.message).id(d.code));
    match line_text {
        Some(line_text) if d.line > 0 => {
            let span = char_span_to_bytes(line_text, d.column, d.width);
            group = group.element(
                Snippet::source(line_text)
                    .line_start(d.line)
                    .path(&d.file)
                    .annotation(AnnotationKind::Primary.span(span)),
            );
        }
        _ => group = group.element(Level::NOTE.message(format!("in {location}"))),
    }
    if let Some(help) = &d.help {
        group = group.element(Level::HELP.message(help));
    }
    renderer.render(&[group])
}

fn char_span_to_bytes(line: &str, column: usize, width: usize) -> std::ops::Range<usize> {
    let byte_at = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(i, _)| i);
    let start = byte_at(column.saturating_sub(1));
    let end = byte_at(column.saturating_sub(1) + width.max(1)).max(start);
    start..end
}

/// The 1-based line and character column of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A one-line summary such as "2 errors, 5 warnings".
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_place_line_and_caret() {
        let d = Diagnostic::warning("date-contradiction", Place::new("seeds/a.txt", 2, 6, 1), "bad number")
            .with_help("add a correction");
        let sources = BTreeMap::from([("seeds/a.txt".to_string(), "first\n——ab 4 cd\n".to_string())]);
        let out = render_human(&[d], &sources, false);
        assert!(out.contains("warning[date-contradiction]: bad number"), "{out}");
        assert!(out.contains("--> seeds/a.txt:2:6"), "{out}");
        assert!(out.contains("——ab 4 cd"), "{out}");
        assert!(out.contains("  |      ^"), "{out}");
        assert!(out.contains("help: add a correction"), "{out}");
    }

    #[test]
    fn whole_file_findings_name_the_file() {
        let d = Diagnostic::warning("empty-file", Place::whole_file("seeds/e.txt"), "empty");
        let out = render_human(&[d], &BTreeMap::new(), false);
        assert!(out.contains("seeds/e.txt"), "{out}");
    }

    #[test]
    fn summary_counts() {
        let w = Diagnostic::warning("x", Place::whole_file("f"), "m");
        assert_eq!(summary(&[w.clone(), w]), "0 errors, 2 warnings");
    }
}
