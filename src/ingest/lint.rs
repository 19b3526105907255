//! Proofreading for garbled sources: numbers that cannot be right and marks that do not pair.

use super::{Kind, SourceText};
use crate::diagnostics::Diagnostic;
use crate::ingest::text::Paragraph;
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<n>\d+)(?P<s>st|nd|rd|th)\b").expect("valid pattern"));
static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<\s*>(?:st|nd|rd|th)?|\{\s*\}(?:st|nd|rd|th)").expect("valid pattern"));

/// Ordinals this large are years or garbage, never counts of meetings or congresses.
const IMPLAUSIBLE_ORDINAL: u64 = 1000;

pub fn check(file: &str, paragraphs: &[Paragraph], kinds: &[Kind], source: &SourceText) -> Vec<Diagnostic> {
    let years_read_from_ordinals: HashSet<(usize, usize)> = source
        .themes
        .iter()
        .flat_map(|t| &t.quotes)
        .filter_map(|q| q.attribution.as_ref())
        .flat_map(|a| &a.date_diagnostics)
        .filter(|d| d.code == "year-from-ordinal")
        .map(|d| (d.line, d.column))
        .collect();
    let mut diagnostics = Vec::new();
    for (paragraph, kind) in paragraphs.iter().zip(kinds) {
        ordinals(file, paragraph, &years_read_from_ordinals, &mut diagnostics);
        placeholders(file, paragraph, &mut diagnostics);
        if *kind != Kind::Heading {
            brackets(file, paragraph, &mut diagnostics);
        }
    }
    diagnostics
}

fn ordinals(file: &str, paragraph: &Paragraph, skip: &HashSet<(usize, usize)>, out: &mut Vec<Diagnostic>) {
    for caps in ORDINAL.captures_iter(&paragraph.text) {
        let whole = caps.get(0).expect("group 0 always matches");
        let place = paragraph.place(file, whole.range());
        let Ok(number) = caps["n"].parse::<u64>() else { continue };
        if skip.contains(&(place.line, place.column)) {
            continue;
        }
        if number >= IMPLAUSIBLE_ORDINAL {
            out.push(
                Diagnostic::warning(
                    "implausible-ordinal",
                    place,
                    format!(
                        "\"{}\" is an implausible ordinal; it looks like a year or a garbled number",
                        whole.as_str()
                    ),
                )
                .with_help("check the number against the original text"),
            );
        } else if &caps["s"] != expected_suffix(number) {
            out.push(
                Diagnostic::warning(
                    "ordinal-suffix",
                    place,
                    format!("\"{}\" should be written \"{number}{}\"", whole.as_str(), expected_suffix(number)),
                )
                .with_help("a wrong suffix often means the number was garbled; check the original"),
            );
        }
    }
}

fn expected_suffix(n: u64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn placeholders(file: &str, paragraph: &Paragraph, out: &mut Vec<Diagnostic>) {
    for m in PLACEHOLDER.find_iter(&paragraph.text) {
        out.push(
            Diagnostic::warning(
                "missing-number",
                paragraph.place(file, m.range()),
                format!("\"{}\" stands where a number is missing", m.as_str()),
            )
            .with_help("fill in the number from the original text"),
        );
    }
}

const PAIRS: [(char, char); 9] = [
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('【', '】'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
    ('“', '”'),
];

/// Brackets and curly quotation marks must pair within a paragraph; straight double quotes
/// must come in even numbers.
fn brackets(file: &str, paragraph: &Paragraph, out: &mut Vec<Diagnostic>) {
    let text = &paragraph.text;
    let mut open: Vec<(usize, char)> = Vec::new();
    for (index, c) in text.char_indices() {
        if let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == c) {
            open.push((index, close));
        } else if PAIRS.iter().any(|(_, cl)| *cl == c) {
            match open.last() {
                Some(&(_, expected)) if expected == c => {
                    open.pop();
                }
                _ => out.push(unbalanced(file, paragraph, index, c, "closes nothing that was opened")),
            }
        }
    }
    for (index, close) in open {
        let c = text[index..].chars().next().unwrap_or(close);
        out.push(unbalanced(file, paragraph, index, c, &format!("is never closed (expected \"{close}\")")));
    }
    let straight: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    if straight.len() % 2 == 1 {
        let index = *straight.last().expect("an odd count is never zero");
        out.push(unbalanced(file, paragraph, index, '"', "has no partner in this paragraph"));
    }
}

fn unbalanced(file: &str, paragraph: &Paragraph, index: usize, c: char, what: &str) -> Diagnostic {
    Diagnostic::warning("unbalanced", paragraph.place(file, index..index + c.len_utf8()), format!("\"{c}\" {what}"))
        .with_help("check the quotation marks and brackets against the original")
}
