//! Events: quotes from the same occasion on compatible dates are one event on the timeline.

use super::UniqueSlugs;
use crate::model::{Event, PartialDate, Theme};
use std::collections::HashMap;

struct Draft {
    date: Option<PartialDate>,
    occasion: String,
    quotes: Vec<String>,
}

/// Groups quotes into events, sorted by date with undated events last; ties keep source order.
pub fn group(themes: &[Theme]) -> Vec<Event> {
    let mut drafts: Vec<Draft> = Vec::new();
    // Occasion key → indices of its drafts, so grouping stays linear in the number of quotes.
    let mut by_occasion: HashMap<String, Vec<usize>> = HashMap::new();
    for quote in themes.iter().flat_map(|t| &t.quotes) {
        let key = occasion_key(&quote.occasion);
        let candidates = by_occasion.entry(key.clone()).or_default();
        let same = candidates.iter().copied().find(|&i| compatible(drafts[i].date, quote.date));
        match same.map(|i| &mut drafts[i]) {
            Some(draft) => {
                draft.date = match (draft.date, quote.date) {
                    (Some(a), Some(b)) => Some(a.most_specific(b)),
                    (date, _) => date,
                };
                draft.quotes.push(quote.id.clone());
            }
            None => {
                candidates.push(drafts.len());
                drafts.push(Draft {
                    date: quote.date,
                    occasion: quote.occasion.clone(),
                    quotes: vec![quote.id.clone()],
                });
            }
        }
    }
    // A stable sort keeps first-appearance order among events of the same date.
    drafts.sort_by_key(|d| (d.date.is_none(), d.date));
    let mut slugs = UniqueSlugs::default();
    drafts
        .into_iter()
        .map(|d| {
            let date = d.date.map_or_else(|| "undated".to_string(), |date| date.to_string());
            let id = slugs.claim(&format!("{date} {}", d.occasion), "event");
            Event { id, date: d.date, occasion: d.occasion, quotes: d.quotes }
        })
        .collect()
}

/// An undated quote joins only other undated quotes: a date is never borrowed.
fn compatible(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.is_compatible(&b),
        (None, None) => true,
        _ => false,
    }
}

fn occasion_key(occasion: &str) -> String {
    occasion
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
