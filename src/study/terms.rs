//! The back-of-book index: the terms the user names, plus phrases that recur across quotes.

use crate::model::{Term, Theme};
use crate::settings::IndexSettings;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Words that never begin or end an automatically found phrase.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "etc",
    "every",
    "few",
    "for",
    "from",
    "further",
    "good",
    "great",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "level",
    "levels",
    "make",
    "may",
    "more",
    "most",
    "must",
    "necessary",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "use",
    "very",
    "was",
    "we",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "within",
    "work",
    "would",
    "you",
    "your",
    // Verbs that open clauses in essays and speeches but never name a subject of study.
    "accelerate",
    "adhere",
    "build",
    "coordinate",
    "deepen",
    "enhance",
    "expand",
    "form",
    "give",
    "given",
    "help",
    "implement",
    "improve",
    "maintain",
    "promote",
    "protect",
    "provide",
    "put",
    "safeguard",
    "seize",
    "strengthen",
    "take",
    "willing",
];

/// Stop words that may stand inside a phrase, as in "governance of data".
const JOINING_WORDS: &[&str] = &["of", "and"];

/// Phrases up to this many words are considered.
const LONGEST_PHRASE: usize = 4;

pub fn index(themes: &[Theme], settings: &IndexSettings) -> Vec<Term> {
    let quotes: Vec<(&str, String)> =
        themes.iter().flat_map(|t| &t.quotes).map(|q| (q.id.as_str(), q.text.to_lowercase())).collect();
    let mut terms: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for term in configured(settings) {
        let spellings: Vec<String> = std::iter::once(term.clone())
            .chain(settings.aliases.get(&term).into_iter().flatten().cloned())
            .map(|s| s.to_lowercase())
            .collect();
        let ids: Vec<String> = quotes
            .iter()
            .filter(|(_, text)| spellings.iter().any(|s| mentions(text, s)))
            .map(|(id, _)| id.to_string())
            .collect();
        if !ids.is_empty() {
            terms.insert(term, ids);
        }
    }
    if settings.auto {
        let known: HashSet<String> = terms
            .keys()
            .cloned()
            .chain(settings.aliases.values().flatten().cloned())
            .chain(settings.exclude.iter().cloned())
            .map(|t| t.to_lowercase())
            .collect();
        for (phrase, ids) in recurring_phrases(&quotes, settings.min_quotes.max(2)) {
            if !known.contains(&phrase) {
                terms.entry(phrase).or_insert(ids);
            }
        }
    }
    let mut terms: Vec<Term> = terms.into_iter().map(|(term, quotes)| Term { term, quotes }).collect();
    terms.sort_by(|a, b| a.term.to_lowercase().cmp(&b.term.to_lowercase()).then_with(|| a.term.cmp(&b.term)));
    terms
}

/// Configured terms and the keys of `aliases`, each once.
fn configured(settings: &IndexSettings) -> Vec<String> {
    let mut seen = HashSet::new();
    settings
        .terms
        .iter()
        .chain(settings.aliases.keys())
        .filter(|t| !t.trim().is_empty() && seen.insert(t.to_lowercase()))
        .cloned()
        .collect()
}

/// Whether lowercased `text` mentions `term` as whole words (any position, for CJK terms).
fn mentions(text: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && c.is_ascii());
    text.match_indices(term).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + term.len()..].chars().next();
        let edges_are_words = term.starts_with(|c: char| c.is_ascii_alphanumeric());
        !edges_are_words || (!word_char(before) && !word_char(after))
    })
}

/// Multi-word phrases found in at least `min_quotes` quotes, with no stop word at either end.
/// A phrase is dropped when a longer one that contains it occurs in exactly the same quotes.
fn recurring_phrases(quotes: &[(&str, String)], min_quotes: usize) -> Vec<(String, Vec<String>)> {
    let stop: HashSet<&str> = STOP_WORDS.iter().copied().collect();
    // Pass one counts distinct quotes per phrase, remembering only the last quote seen.
    let mut counts: HashMap<Vec<&str>, (usize, usize)> = HashMap::new();
    for (index, (_, text)) in quotes.iter().enumerate() {
        for_each_phrase(text, &stop, |phrase| {
            let entry = counts.entry(phrase.to_vec()).or_insert((usize::MAX, 0));
            if entry.0 != index {
                *entry = (index, entry.1 + 1);
            }
        });
    }
    let frequent: HashMap<&[&str], usize> =
        counts.iter().filter(|(_, (_, n))| *n >= min_quotes).map(|(p, (_, n))| (p.as_slice(), *n)).collect();
    let mut subsumed: HashSet<&[&str]> = HashSet::new();
    for (longer, n) in frequent.iter().filter(|(p, _)| p.len() > 2) {
        for sub in [&longer[1..], &longer[..longer.len() - 1]] {
            if frequent.get(sub) == Some(n) {
                subsumed.insert(sub);
            }
        }
    }
    let mut kept: BTreeMap<String, Vec<String>> =
        frequent.keys().filter(|p| !subsumed.contains(*p)).map(|p| (p.join(" "), Vec::new())).collect();
    // Pass two lists the quotes of the phrases kept.
    for (id, text) in quotes {
        let mut seen = HashSet::new();
        for_each_phrase(text, &stop, |phrase| {
            let joined = phrase.join(" ");
            if let Some(ids) = kept.get_mut(&joined) {
                if seen.insert(joined) {
                    ids.push(id.to_string());
                }
            }
        });
    }
    kept.into_iter().collect()
}

/// Calls `visit` with every 2- to 4-word phrase inside one clause (phrases never cross punctuation).
fn for_each_phrase<'t>(text: &'t str, stop: &HashSet<&str>, mut visit: impl FnMut(&[&'t str])) {
    let is_clause_break = |c: char| !(c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '\'' || c == '’');
    for clause in text.split(is_clause_break) {
        let words: Vec<&str> = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| c == '-' || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        for start in 0..words.len() {
            if !starts_phrase(words[start], stop) {
                continue;
            }
            for len in 2..=LONGEST_PHRASE.min(words.len() - start) {
                let phrase = &words[start..start + len];
                let inner = &phrase[1..len - 1];
                if inner.iter().any(|w| stop.contains(w) && !JOINING_WORDS.contains(w)) {
                    break;
                }
                if starts_phrase(phrase[len - 1], stop) {
                    visit(phrase);
                }
            }
        }
    }
}

/// Whether a word may open or close a phrase: no stop word, number or adverb in "-ly".
fn starts_phrase(word: &str, stop: &HashSet<&str>) -> bool {
    !stop.contains(word)
        && !word.ends_with("ly")
        && !word.chars().all(|c| c.is_ascii_digit())
        && word.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_word_mentions() {
        assert!(mentions("we use big data here", "big data"));
        assert!(!mentions("we use big database", "big data"));
        assert!(mentions("推进大数据发展", "大数据"));
    }

    #[test]
    fn recurring_phrases_need_two_quotes_and_no_stop_word_edges() {
        let quotes = vec![
            ("a", "Big data and cloud computing matter.".to_lowercase()),
            ("b", "We need big data, and cloud computing.".to_lowercase()),
            ("c", "Of the people, by the people.".to_lowercase()),
        ];
        let phrases: Vec<String> = recurring_phrases(&quotes, 2).into_iter().map(|(p, _)| p).collect();
        assert_eq!(phrases, ["big data", "cloud computing"]);
    }

    #[test]
    fn longer_phrase_with_same_quotes_absorbs_its_parts() {
        let quotes = vec![
            ("a", "the data infrastructure system grows".to_string()),
            ("b", "a data infrastructure system, again".to_string()),
        ];
        let phrases: Vec<String> = recurring_phrases(&quotes, 2).into_iter().map(|(p, _)| p).collect();
        assert_eq!(phrases, ["data infrastructure system"]);
    }
}
