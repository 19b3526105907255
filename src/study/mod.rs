//! Study: the sources, read, become one guide — themes with ids, the user's corrections
//! applied, events on a timeline and an index of terms.

mod events;
mod terms;

use crate::diagnostics::{Diagnostic, Place};
use crate::ingest::{SourceQuote, SourceText};
use crate::model::{Guide, Quote, SourceRef, Theme};
use crate::settings::{Correction, Settings, FILE_NAME};
use std::collections::{HashMap, HashSet};

pub use terms::STOP_WORDS;

/// Builds the guide from every source text, in the order given.
pub fn study(sources: &[SourceText], settings: &Settings) -> (Guide, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut used_corrections = HashSet::new();
    let themes = themes(sources, settings, &mut used_corrections, &mut diagnostics);
    diagnostics.extend(unused_corrections(&settings.corrections, &used_corrections));
    diagnostics.extend(duplicates(&themes));
    let events = events::group(&themes);
    let terms = terms::index(&themes, &settings.index);
    let title = settings
        .title
        .clone()
        .or_else(|| sources.first().map(|s| crate::ingest::file_title(&s.file)))
        .unwrap_or_else(|| "Study guide".to_string());
    let preface = sources.iter().flat_map(|s| s.preface.iter().cloned()).collect();
    (Guide { title, preface, themes, events, terms }, diagnostics)
}

fn themes(
    sources: &[SourceText],
    settings: &Settings,
    used: &mut HashSet<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Theme> {
    let mut slugs = UniqueSlugs::default();
    let mut themes = Vec::new();
    for source in sources {
        for theme in &source.themes {
            let slug = slugs.claim(&theme.title, "theme");
            let quotes = theme
                .quotes
                .iter()
                .enumerate()
                .map(|(index, quote)| {
                    let id = format!("{slug}-{}", index + 1);
                    build_quote(id, &source.file, quote, &settings.corrections, used, diagnostics)
                })
                .collect();
            themes.push(Theme { url: format!("/themes/{slug}/"), slug, title: theme.title.clone(), quotes });
        }
    }
    themes
}

fn build_quote(
    id: String,
    file: &str,
    quote: &SourceQuote,
    corrections: &[Correction],
    used: &mut HashSet<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Quote {
    let attribution = quote.attribution.as_ref();
    let text = attribution.map_or("", |a| a.text.as_str());
    let correction = attribution.and_then(|_| matching_correction(text, corrections));
    let mut date = attribution.and_then(|a| a.reading.date);
    let mut occasion = attribution.map_or_else(String::new, |a| a.reading.occasion.clone());
    let mut note = None;
    if let Some((index, correction)) = correction {
        used.insert(index);
        if let Some(corrected) = &correction.date {
            date = crate::model::PartialDate::parse_iso(corrected.get_ref());
        }
        occasion = correction.occasion.clone().unwrap_or(occasion);
        note = Some(correction.note.clone().unwrap_or_else(|| "corrected in studyguide.toml".into()));
    }
    let date_corrected = correction.is_some_and(|(_, c)| c.date.is_some());
    if let Some(attribution) = attribution.filter(|_| !date_corrected) {
        diagnostics.extend(attribution.date_diagnostics.iter().cloned());
    }
    Quote {
        id,
        text: quote.paragraphs.join("\n\n"),
        paragraphs: quote.paragraphs.clone(),
        attribution: text.to_string(),
        date,
        occasion,
        speaker: attribution.and_then(|a| a.reading.speaker.clone()),
        correction: note,
        source: SourceRef { file: file.to_string(), line: quote.line },
    }
}

fn matching_correction<'c>(attribution: &str, corrections: &'c [Correction]) -> Option<(usize, &'c Correction)> {
    let attribution = collapse_spaces(attribution);
    corrections.iter().enumerate().find(|(_, c)| attribution.contains(&collapse_spaces(c.pattern.get_ref())))
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn unused_corrections(corrections: &[Correction], used: &HashSet<usize>) -> Vec<Diagnostic> {
    corrections
        .iter()
        .enumerate()
        .filter(|(index, _)| !used.contains(index))
        .map(|(_, c)| {
            let (line, column, width) = c.place;
            Diagnostic::warning(
                "unused-correction",
                Place::new(FILE_NAME, line, column, width),
                format!("the correction for \"{}\" matches no attribution", c.pattern.get_ref()),
            )
            .with_help("copy `match` from the attribution line exactly (spaces may differ), or remove the entry")
        })
        .collect()
}

/// The same passage quoted twice is usually a copy-and-paste slip.
fn duplicates(themes: &[Theme]) -> Vec<Diagnostic> {
    let mut first_seen: HashMap<String, &Quote> = HashMap::new();
    let mut diagnostics = Vec::new();
    for quote in themes.iter().flat_map(|t| &t.quotes) {
        let key = collapse_spaces(&quote.text).to_lowercase();
        match first_seen.get(&key) {
            Some(first) => diagnostics.push(
                Diagnostic::warning(
                    "duplicate-quote",
                    Place::new(&quote.source.file, quote.source.line, 1, 1),
                    format!("this quote repeats the one at {}:{}", first.source.file, first.source.line),
                )
                .with_help("remove one of the two, or merge their attributions"),
            ),
            None => {
                first_seen.insert(key, quote);
            }
        }
    }
    diagnostics
}

/// Slugs for URLs and anchors, unique within one guide.
#[derive(Default)]
pub struct UniqueSlugs {
    taken: HashSet<String>,
}

impl UniqueSlugs {
    /// A slug of at most six words of `text`, with `-2`, `-3`… when already taken.
    pub fn claim(&mut self, text: &str, fallback: &str) -> String {
        let base = slug::slugify(text).split('-').filter(|w| !w.is_empty()).take(6).collect::<Vec<_>>().join("-");
        let base = if base.is_empty() { fallback.to_string() } else { base };
        let slug = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
            .find(|candidate| !self.taken.contains(candidate))
            .expect("an unbounded range always yields a free slug");
        self.taken.insert(slug.clone());
        slug
    }
}

#[cfg(test)]
mod tests;
