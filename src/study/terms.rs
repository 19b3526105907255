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
        for (phrase, ids) in recurring_phrases(&quotes, settings.min_quotes.max(2), settings.max_terms, &known) {
            terms.entry(phrase).or_insert(ids);
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

/// Whether lowercased `text` mentions `term`: as whole words for alphabetic scripts, anywhere
/// for CJK terms, which are written without spaces.
fn mentions(text: &str, term: &str) -> bool {
    use crate::ingest::text::is_cjk;
    let Some(first) = term.chars().next() else { return false };
    let whole_words = first.is_alphanumeric() && !is_cjk(first);
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_cjk(c));
    text.match_indices(term).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + term.len()..].chars().next();
        !whole_words || (!word_char(before) && !word_char(after))
    })
}

/// A phrase as the ids of its words, padded with 0: hashing four numbers is much cheaper than
/// hashing (and allocating) strings, and a large guide has millions of phrases.
type PhraseKey = [u32; LONGEST_PHRASE];

/// The words of all quotes, each once, with what the phrase rules need to know about it.
struct Vocabulary<'t> {
    ids: HashMap<&'t str, u32>,
    words: Vec<&'t str>,
    /// May open or close a phrase.
    edge: Vec<bool>,
    /// May stand inside a phrase.
    inner: Vec<bool>,
    stop: HashSet<&'static str>,
}

impl<'t> Vocabulary<'t> {
    fn new() -> Self {
        let stop = STOP_WORDS.iter().copied().collect();
        Self { ids: HashMap::new(), words: vec![""], edge: vec![false], inner: vec![false], stop }
    }

    fn id(&mut self, word: &'t str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        let is_stop = self.stop.contains(word);
        self.words.push(word);
        self.edge.push(
            !is_stop
                && !word.ends_with("ly")
                && !word.chars().all(|c| c.is_ascii_digit())
                && word.chars().any(char::is_alphabetic),
        );
        self.inner.push(!is_stop || JOINING_WORDS.contains(&word));
        self.ids.insert(word, id);
        id
    }

    fn text(&self, key: &PhraseKey) -> String {
        key[..phrase_len(key)].iter().map(|id| self.words[*id as usize]).collect::<Vec<_>>().join(" ")
    }

    /// Calls `visit` with every 2- to 4-word phrase inside one clause of `text` (phrases never
    /// cross punctuation) whose edges may close a phrase and whose inside words may stand inside.
    fn phrases(&mut self, text: &'t str, mut visit: impl FnMut(PhraseKey)) {
        let is_clause_break =
            |c: char| !(c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '\'' || c == '’');
        let mut clause: Vec<u32> = Vec::new();
        for part in text.split(is_clause_break) {
            clause.clear();
            for word in part.split_whitespace() {
                let word = word.trim_matches(|c: char| c == '-' || c == '\'' || c == '’');
                if !word.is_empty() {
                    clause.push(self.id(word));
                }
            }
            for start in 0..clause.len() {
                if !self.edge[clause[start] as usize] {
                    continue;
                }
                for len in 2..=LONGEST_PHRASE.min(clause.len() - start) {
                    let last = clause[start + len - 1] as usize;
                    if len > 2 && !self.inner[clause[start + len - 2] as usize] {
                        break;
                    }
                    if self.edge[last] {
                        let mut key = [0; LONGEST_PHRASE];
                        key[..len].copy_from_slice(&clause[start..start + len]);
                        visit(key);
                    }
                }
            }
        }
    }
}

fn phrase_len(key: &PhraseKey) -> usize {
    key.iter().take_while(|id| **id != 0).count()
}

/// Multi-word phrases found in at least `min_quotes` quotes, with no stop word at either end.
/// A phrase is dropped when a longer one that contains it occurs in exactly the same quotes.
/// Of the rest, the `max_terms` found in the most quotes are kept (longer phrases first on ties).
fn recurring_phrases(
    quotes: &[(&str, String)],
    min_quotes: usize,
    max_terms: usize,
    known: &HashSet<String>,
) -> Vec<(String, Vec<String>)> {
    let mut vocabulary = Vocabulary::new();
    // Pass one counts distinct quotes per phrase, remembering only the last quote seen.
    let mut counts: HashMap<PhraseKey, (usize, usize)> = HashMap::new();
    for (index, (_, text)) in quotes.iter().enumerate() {
        vocabulary.phrases(text, |key| {
            let entry = counts.entry(key).or_insert((usize::MAX, 0));
            if entry.0 != index {
                *entry = (index, entry.1 + 1);
            }
        });
    }
    let frequent: HashMap<PhraseKey, usize> =
        counts.into_iter().filter(|(_, (_, n))| *n >= min_quotes).map(|(key, (_, n))| (key, n)).collect();
    // Every shorter phrase inside a longer one ("big data" in "governance of big data") is
    // dropped when it occurs in the same quotes, since it then adds nothing to the index.
    let mut subsumed: HashSet<PhraseKey> = HashSet::new();
    for (longer, n) in frequent.iter().filter(|(key, _)| phrase_len(key) > 2) {
        let len = phrase_len(longer);
        for start in 0..len {
            for end in start + 2..=len {
                let mut sub = [0; LONGEST_PHRASE];
                sub[..end - start].copy_from_slice(&longer[start..end]);
                if end - start < len && frequent.get(&sub) == Some(n) {
                    subsumed.insert(sub);
                }
            }
        }
    }
    let mut ranked: Vec<(usize, usize, String, PhraseKey)> = frequent
        .iter()
        .filter(|(key, _)| !subsumed.contains(*key))
        .map(|(key, n)| (*n, phrase_len(key), vocabulary.text(key), *key))
        .filter(|(_, _, phrase, _)| !known.contains(phrase))
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| a.2.cmp(&b.2)));
    ranked.truncate(max_terms);
    let slots: HashMap<PhraseKey, usize> = ranked.iter().enumerate().map(|(i, r)| (r.3, i)).collect();
    let mut found: Vec<Vec<String>> = vec![Vec::new(); ranked.len()];
    // Pass two lists the quotes of the phrases kept.
    for (id, text) in quotes {
        vocabulary.phrases(text, |key| {
            if let Some(&slot) = slots.get(&key) {
                if found[slot].last().map(String::as_str) != Some(*id) {
                    found[slot].push(id.to_string());
                }
            }
        });
    }
    let mut kept: Vec<(String, Vec<String>)> = ranked.into_iter().map(|r| r.2).zip(found).collect();
    kept.sort();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_word_mentions() {
        assert!(mentions("we use big data here", "big data"));
        assert!(!mentions("we use big database", "big data"));
        assert!(mentions("推进大数据发展", "大数据"));
        assert!(!mentions("la démocratisation", "émocratisation"));
        assert!(!mentions("правовой", "право"));
    }

    #[test]
    fn a_phrase_inside_a_longer_one_with_the_same_quotes_goes() {
        let quotes = vec![
            ("a", "the governance of big data matters".to_string()),
            ("b", "on governance of big data, again".to_string()),
        ];
        let phrases: Vec<String> =
            recurring_phrases(&quotes, 2, 100, &HashSet::new()).into_iter().map(|(p, _)| p).collect();
        assert_eq!(phrases, ["governance of big data"]);
    }

    #[test]
    fn recurring_phrases_need_two_quotes_and_no_stop_word_edges() {
        let quotes = vec![
            ("a", "Big data and cloud computing matter.".to_lowercase()),
            ("b", "We need big data, and cloud computing.".to_lowercase()),
            ("c", "Of the people, by the people.".to_lowercase()),
        ];
        let phrases: Vec<String> =
            recurring_phrases(&quotes, 2, 100, &HashSet::new()).into_iter().map(|(p, _)| p).collect();
        assert_eq!(phrases, ["big data", "cloud computing"]);
    }

    #[test]
    fn only_the_most_quoted_phrases_are_kept() {
        let quotes = vec![
            ("a", "big data and cloud computing".to_string()),
            ("b", "big data and cloud computing".to_string()),
            ("c", "big data".to_string()),
        ];
        let phrases: Vec<String> =
            recurring_phrases(&quotes, 2, 1, &HashSet::new()).into_iter().map(|(p, _)| p).collect();
        assert_eq!(phrases, ["big data"]);
    }

    #[test]
    fn longer_phrase_with_same_quotes_absorbs_its_parts() {
        let quotes = vec![
            ("a", "the data infrastructure system grows".to_string()),
            ("b", "a data infrastructure system, again".to_string()),
        ];
        let phrases: Vec<String> =
            recurring_phrases(&quotes, 2, 100, &HashSet::new()).into_iter().map(|(p, _)| p).collect();
        assert_eq!(phrases, ["data infrastructure system"]);
    }
}
