//! Proofreading for garbled sources: numbers that cannot be right and marks that do not pair.

use super::{Kind, SourceText};
use crate::diagnostics::{Diagnostic, Place};
use crate::ingest::text::Paragraph;
use regex::Regex;
use std::collections::{BTreeMap, HashSet};
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
    let mut diagnostics = inconsistent_numbers(file, paragraphs);
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

static FRAMED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<before>\p{L}[\p{L}'’-]*)\s+(?P<n>\d+)(?:st|nd|rd|th)?\s+(?P<after>\p{L}[\p{L}'’-]*)")
        .expect("valid pattern")
});

/// A number between two words: (the number, where it is, the three words as written).
type FramedNumber<'a> = (String, Place<'a>, String);

/// The same words framing different numbers ("Nations 24 Agenda", later "Nations 2030 Agenda")
/// usually mean one of the numbers was garbled.
fn inconsistent_numbers(file: &str, paragraphs: &[Paragraph]) -> Vec<Diagnostic> {
    let stop: HashSet<&str> = crate::study::STOP_WORDS.iter().copied().collect();
    let framing = |word: &str| word.chars().count() >= 3 && !stop.contains(word.to_lowercase().as_str());
    // Keyed by the framing words, lower-cased; each use keeps the words as written.
    let mut frames: BTreeMap<(String, String), Vec<FramedNumber>> = BTreeMap::new();
    for paragraph in paragraphs {
        for caps in FRAMED_NUMBER.captures_iter(&paragraph.text) {
            let (before, after) = (&caps["before"], &caps["after"]);
            if framing(before) && framing(after) {
                let number = caps.name("n").expect("group n always matches");
                let key = (before.to_lowercase(), after.to_lowercase());
                let written = format!("{before} {} {after}", number.as_str());
                frames.entry(key).or_default().push((
                    number.as_str().to_string(),
                    paragraph.place(file, number.range()),
                    written,
                ));
            }
        }
    }
    let mut found = Vec::new();
    for uses in frames.into_values() {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (number, _, _) in &uses {
            *counts.entry(number.as_str()).or_default() += 1;
        }
        if counts.len() < 2 {
            continue;
        }
        let most = counts.values().copied().max().unwrap_or(0);
        let majority: Vec<&str> = counts.iter().filter(|(_, n)| **n == most).map(|(k, _)| *k).collect();
        for (number, place, written) in &uses {
            if majority.len() == 1 && majority[0] == number {
                continue;
            }
            let (_, other_place, other) = uses.iter().find(|(n, _, _)| n != number).expect("two numbers differ");
            found.push(
                Diagnostic::warning(
                    "inconsistent-number",
                    *place,
                    format!("\"{written}\" here, but \"{other}\" on line {}", other_place.line),
                )
                .with_help("one of the two numbers is probably garbled; check both against the original"),
            );
        }
    }
    found
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
