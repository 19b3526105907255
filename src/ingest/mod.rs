//! Ingest: a source text in, its preface, themes, quotes and attributions out, with every
//! doubt about the text as a diagnostic at its line and column.

pub mod attribution;
mod lint;
pub mod text;

use crate::diagnostics::{Diagnostic, Place};
use attribution::Reading;
use text::Paragraph;

pub use text::decode;

/// One source file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceText {
    pub file: String,
    pub preface: Vec<String>,
    pub themes: Vec<SourceTheme>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceTheme {
    pub title: String,
    pub line: usize,
    pub quotes: Vec<SourceQuote>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceQuote {
    pub paragraphs: Vec<String>,
    pub line: usize,
    pub attribution: Option<SourceAttribution>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SourceAttribution {
    pub text: String,
    pub line: usize,
    pub reading: Reading,
    /// Doubts about the date, kept apart so that a correction of the date can retire them.
    pub date_diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Heading,
    Attribution,
    Text,
}

/// Reads one source text. `file` names it in diagnostics (e.g. `seeds/x.txt`).
pub fn parse(file: &str, text: &str) -> (SourceText, Vec<Diagnostic>) {
    let paragraphs = text::paragraphs(&text::lines(text));
    let mut diagnostics = Vec::new();
    if paragraphs.is_empty() {
        diagnostics.push(
            Diagnostic::warning("empty-file", Place::whole_file(file), format!("{file} has no text"))
                .with_help("add quotes under theme headings, or remove the file"),
        );
    }
    let kinds = classify(&paragraphs);
    let source = assemble(file, &paragraphs, &kinds, &mut diagnostics);
    diagnostics.extend(lint::check(file, &paragraphs, &kinds, &source));
    (source, diagnostics)
}

fn classify(paragraphs: &[Paragraph]) -> Vec<Kind> {
    let mut kinds = vec![Kind::Text; paragraphs.len()];
    for index in (0..paragraphs.len()).rev() {
        let paragraph = &paragraphs[index];
        let followed_by_quote = kinds.get(index + 1) == Some(&Kind::Text);
        kinds[index] = if dash_run_len(&paragraph.text) > 0 {
            Kind::Attribution
        } else if forced_heading(&paragraph.text).is_some()
            || (paragraph.line_count == 1
                && !ends_like_a_sentence(&paragraph.text)
                && paragraph.text.chars().any(char::is_alphanumeric)
                && followed_by_quote)
        {
            Kind::Heading
        } else {
            Kind::Text
        };
    }
    kinds
}

/// The byte length of the dash run that opens an attribution, or 0.
fn dash_run_len(text: &str) -> usize {
    let run: String = text.chars().take_while(|c| "—―－–─-".contains(*c)).collect();
    let counts = run.chars().any(|c| c == '—' || c == '―') || run.chars().count() >= 2;
    if counts {
        run.len()
    } else {
        0
    }
}

/// The title of a `# Heading` line. As in Markdown, a closing run of `#` counts only after a
/// space, so "# Learning C#" keeps its `#`; a title with no letter or digit is no title.
fn forced_heading(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches('#');
    if rest.len() == text.len() || !rest.starts_with(' ') {
        return None;
    }
    let title = rest.trim();
    let unclosed = title.trim_end_matches('#');
    let title = if unclosed.ends_with(' ') { unclosed.trim_end() } else { title };
    title.chars().any(char::is_alphanumeric).then_some(title)
}

/// Sentence-closing punctuation (and, since a heading never ends mid-sentence, `, ; :`),
/// looking through closing quotation marks and brackets.
fn ends_like_a_sentence(text: &str) -> bool {
    let core = text.trim_end_matches(|c: char| "\"'”’»)]）」』】》".contains(c));
    core.ends_with(|c: char| ".!?。！？…,;:，；：".contains(c))
}

fn assemble(file: &str, paragraphs: &[Paragraph], kinds: &[Kind], diagnostics: &mut Vec<Diagnostic>) -> SourceText {
    let mut preface = Vec::new();
    let mut themes: Vec<SourceTheme> = Vec::new();
    let mut pending: Vec<&Paragraph> = Vec::new();
    for (paragraph, kind) in paragraphs.iter().zip(kinds) {
        match kind {
            Kind::Text => pending.push(paragraph),
            Kind::Heading => {
                close_unattributed(file, &mut pending, &mut themes, &mut preface, diagnostics);
                let title = forced_heading(&paragraph.text).unwrap_or(&paragraph.text).to_string();
                themes.push(SourceTheme { title, line: paragraph.line, quotes: Vec::new() });
            }
            Kind::Attribution => {
                let attribution = read_attribution(file, paragraph, diagnostics);
                if pending.is_empty() {
                    diagnostics.push(
                        Diagnostic::warning(
                            "attribution-without-quote",
                            Place::new(file, paragraph.line, 1, dash_run_len(&paragraph.text).max(1)),
                            "this attribution follows no quote",
                        )
                        .with_help("put the quoted passage in the paragraph above it, or remove the attribution"),
                    );
                    continue;
                }
                let theme = current_theme(file, &mut themes, pending[0], diagnostics);
                theme.quotes.push(quote(&pending, Some(attribution)));
                pending.clear();
            }
        }
    }
    close_unattributed(file, &mut pending, &mut themes, &mut preface, diagnostics);
    for theme in themes.iter().filter(|t| t.quotes.is_empty()) {
        diagnostics.push(
            Diagnostic::warning(
                "empty-theme",
                Place::new(file, theme.line, 1, theme.title.chars().count()),
                format!("the theme \"{}\" has no quotes", theme.title),
            )
            .with_help("add quotes under it, or remove the heading"),
        );
    }
    SourceText { file: file.to_string(), preface, themes }
}

/// Paragraphs that no attribution closed: the preface before the first heading, else a quote
/// that lacks its attribution (kept, so nothing is lost, but flagged).
fn close_unattributed(
    file: &str,
    pending: &mut Vec<&Paragraph>,
    themes: &mut [SourceTheme],
    preface: &mut Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if pending.is_empty() {
        return;
    }
    if themes.is_empty() {
        preface.extend(pending.drain(..).map(|p| p.text.clone()));
        return;
    }
    let first = pending[0];
    diagnostics.push(
        Diagnostic::warning(
            "quote-without-attribution",
            Place::new(file, first.line, 1, first.text.chars().count().min(40)),
            "this quote has no attribution line",
        )
        .with_help("add a line such as \"——Speech at …, March 31, 2020\" after the quote"),
    );
    let quote = quote(pending, None);
    themes.last_mut().expect("themes is not empty").quotes.push(quote);
    pending.clear();
}

fn current_theme<'t>(
    file: &str,
    themes: &'t mut Vec<SourceTheme>,
    first: &Paragraph,
    diagnostics: &mut Vec<Diagnostic>,
) -> &'t mut SourceTheme {
    if themes.is_empty() {
        let title = file_title(file);
        diagnostics.push(
            Diagnostic::warning(
                "quote-outside-theme",
                Place::new(file, first.line, 1, 1),
                format!("this quote comes before any theme heading; it is put under \"{title}\""),
            )
            .with_help("add a heading line (or `# Heading`) above it"),
        );
        themes.push(SourceTheme { title, line: first.line, quotes: Vec::new() });
    }
    themes.last_mut().expect("a theme was just ensured")
}

/// A readable title from a file name: `seeds/governance-of-data.txt` → "Governance of data".
pub fn file_title(file: &str) -> String {
    let stem = std::path::Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or(file);
    let words = stem.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

fn quote(paragraphs: &[&Paragraph], attribution: Option<SourceAttribution>) -> SourceQuote {
    SourceQuote {
        paragraphs: paragraphs.iter().map(|p| p.text.clone()).collect(),
        line: paragraphs[0].line,
        attribution,
    }
}

fn read_attribution(file: &str, paragraph: &Paragraph, diagnostics: &mut Vec<Diagnostic>) -> SourceAttribution {
    let dash = dash_run_len(&paragraph.text);
    let body = &paragraph.text[dash..];
    let lead = body.len() - body.trim_start().len();
    let text = body.trim();
    let offset = dash + lead;
    let reading = attribution::read(text);
    let date_diagnostics = reading
        .findings
        .iter()
        .map(|f| {
            let span = f.span.start + offset..f.span.end + offset;
            Diagnostic::warning(f.code, paragraph.place(file, span), f.message.clone()).with_help(f.help.clone())
        })
        .collect();
    if text.is_empty() {
        diagnostics.push(
            Diagnostic::warning("empty-attribution", paragraph.place(file, 0..dash), "this attribution is empty")
                .with_help("write the occasion and date after the dash"),
        );
    }
    SourceAttribution { text: text.to_string(), line: paragraph.line, reading, date_diagnostics }
}

#[cfg(test)]
mod tests;
