//! The Markdown of each generated page. Links between pages are relative `.md` links, so they
//! work on a Git host; the site's renderer turns them into page URLs.

use super::escape::{html, inline, paragraph};
use crate::model::{Guide, PartialDate, Quote};
use std::collections::HashMap;
use std::fmt::Write;

/// Where each quote sits, computed once for all pages.
pub struct Lookup<'g> {
    /// Quote id → (theme index, quote index within the theme).
    places: HashMap<&'g str, (usize, usize)>,
    /// Quote id → id of its event on the timeline.
    events: HashMap<&'g str, &'g str>,
    quotes: HashMap<&'g str, &'g Quote>,
}

impl<'g> Lookup<'g> {
    pub fn new(guide: &'g Guide) -> Self {
        let mut places = HashMap::new();
        let mut quotes = HashMap::new();
        for (t, theme) in guide.themes.iter().enumerate() {
            for (q, quote) in theme.quotes.iter().enumerate() {
                places.insert(quote.id.as_str(), (t, q));
                quotes.insert(quote.id.as_str(), quote);
            }
        }
        let events =
            guide.events.iter().flat_map(|e| e.quotes.iter().map(move |q| (q.as_str(), e.id.as_str()))).collect();
        Self { places, events, quotes }
    }

    /// "1.2": theme 1, quote 2 — the locator readers see in the index and on the timeline.
    fn locator(&self, quote_id: &str) -> String {
        self.places.get(quote_id).map_or_else(|| "?".into(), |(t, q)| format!("{}.{}", t + 1, q + 1))
    }

    /// A link to a quote from a page at the root of `content/`: `themes/<slug>.md#<id>`.
    fn quote_link(&self, guide: &Guide, quote_id: &str) -> String {
        let (t, _) = self.places.get(quote_id).copied().unwrap_or_default();
        let slug = guide.themes.get(t).map_or("", |theme| theme.slug.as_str());
        format!("themes/{slug}.md#{quote_id}")
    }
}

pub fn date_label(date: Option<PartialDate>) -> String {
    date.map_or_else(|| "Undated".to_string(), |d| d.human())
}

/// "December 2017 – April 2023", from the earliest and latest dated quotes.
pub fn date_span(guide: &Guide) -> Option<String> {
    let mut dates = guide.quotes().filter_map(|q| q.date);
    let first = dates.next()?;
    let (min, max) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
    Some(if min.human() == max.human() { min.human() } else { format!("{} – {}", min.human(), max.human()) })
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The first `words` words of a text, with "…" when there is more. A CJK character counts as
/// a word of its own, since such text has no spaces to count by.
pub fn excerpt(text: &str, words: usize) -> String {
    let mut count = 0;
    let mut in_word = false;
    for (index, c) in text.char_indices() {
        let cjk = crate::ingest::text::is_cjk(c);
        let starts_unit = cjk || (!c.is_whitespace() && !in_word);
        if starts_unit {
            if count == words {
                return format!("{}…", text[..index].trim_end());
            }
            count += 1;
        }
        in_word = !c.is_whitespace() && !cjk;
    }
    text.to_string()
}

pub fn home(guide: &Guide) -> String {
    let mut md = String::new();
    for p in &guide.preface {
        let _ = writeln!(md, "{}\n", paragraph(p));
    }
    md.push_str("## Themes\n\n");
    for (i, theme) in guide.themes.iter().enumerate() {
        let count = plural(theme.quotes.len(), "quote");
        let _ = writeln!(md, "{}. [{}](themes/{}.md) — {count}", i + 1, inline(&theme.title), theme.slug);
    }
    let quotes = guide.quotes().count();
    let span = date_span(guide).map_or_else(String::new, |s| format!(", {s}"));
    let _ = writeln!(
        md,
        "\n{} in {}{span}. Read them in date order on the [timeline](timeline.md), or look up a term in the [index](terms.md).",
        plural(quotes, "quote"),
        plural(guide.themes.len(), "theme"),
    );
    md
}

pub fn theme(guide: &Guide, index: usize, lookup: &Lookup) -> String {
    let theme = &guide.themes[index];
    let mut md = String::new();
    for quote in &theme.quotes {
        let _ = writeln!(md, "<figure class=\"quote\" id=\"{}\">\n", html(&quote.id));
        for p in &quote.paragraphs {
            let _ = writeln!(md, "> {}\n>", paragraph(p));
        }
        md.truncate(md.len() - 2);
        md.push('\n');
        let _ = writeln!(md, "<figcaption>\n\n{}\n\n</figcaption>\n</figure>\n", caption(quote, lookup, "../"));
    }
    md.push_str(&pager(guide, index));
    md
}

/// "— [December 2017](../timeline.md#…) · occasion · source", escaped.
fn caption(quote: &Quote, lookup: &Lookup, to_root: &str) -> String {
    let date = date_label(quote.date);
    let date = match lookup.events.get(quote.id.as_str()) {
        Some(event) => format!("[{date}]({to_root}timeline.md#{event})"),
        None => date,
    };
    let mut parts = vec![format!("— {date}")];
    if !quote.occasion.is_empty() {
        parts.push(inline(&quote.occasion));
    }
    if let Some(note) = &quote.correction {
        parts.push(format!("*corrected: {}*", inline(note)));
    }
    parts.push(format!("<span class=\"source\">{}:{}</span>", html(&quote.source.file), quote.source.line));
    parts.join(" · ")
}

fn pager(guide: &Guide, index: usize) -> String {
    let link = |before: &str, i: usize, after: &str| {
        let theme = &guide.themes[i];
        format!("[{before}{}{after}]({}.md)", inline(&theme.title), theme.slug)
    };
    let mut links = Vec::new();
    if index > 0 {
        links.push(link("← Previous theme: ", index - 1, ""));
    }
    if index + 1 < guide.themes.len() {
        links.push(link("Next theme: ", index + 1, " →"));
    }
    if links.is_empty() {
        return String::new();
    }
    format!("<nav class=\"pager\" aria-label=\"Themes\">\n\n{}\n\n</nav>\n", links.join(" · "))
}

pub fn timeline_description(guide: &Guide) -> String {
    let span = date_span(guide).map_or_else(String::new, |s| format!(", {s}"));
    format!("{} in date order{span}.", plural(guide.events.len(), "event"))
}

pub fn timeline(guide: &Guide, lookup: &Lookup) -> String {
    let mut md = String::new();
    let mut current_year: Option<Option<i32>> = None;
    for event in &guide.events {
        let year = event.date.map(|d| d.year);
        if current_year != Some(year) {
            let heading = year.map_or_else(|| "Undated".to_string(), |y| y.to_string());
            let _ = writeln!(md, "## {heading}\n");
            current_year = Some(year);
        }
        let _ = writeln!(md, "<section class=\"event\" id=\"{}\">\n", html(&event.id));
        let occasion =
            if event.occasion.is_empty() { String::new() } else { format!(" — {}", inline(&event.occasion)) };
        let _ = writeln!(md, "### {}{occasion}\n", date_label(event.date));
        for id in &event.quotes {
            let Some(quote) = lookup.quotes.get(id.as_str()) else { continue };
            let _ = writeln!(
                md,
                "- [{}]({}) {}",
                lookup.locator(id),
                lookup.quote_link(guide, id),
                inline(&excerpt(&quote.text, 16))
            );
        }
        md.push_str("\n</section>\n\n");
    }
    md
}

pub fn terms(guide: &Guide, lookup: &Lookup) -> String {
    let mut md = String::new();
    if !guide.terms.is_empty() {
        md.push_str("Each term lists the quotes that mention it. A locator such as 1.2 means theme 1, quote 2.\n");
    }
    let mut letters: Vec<(String, Vec<&crate::model::Term>)> = Vec::new();
    for term in &guide.terms {
        let letter = initial(&term.term);
        match letters.last_mut() {
            Some((last, terms)) if *last == letter => terms.push(term),
            _ => letters.push((letter, vec![term])),
        }
    }
    for (letter, terms) in letters {
        let _ = writeln!(md, "\n## {letter}\n");
        for term in terms {
            let links: Vec<String> = term
                .quotes
                .iter()
                .map(|id| format!("[{}]({})", lookup.locator(id), lookup.quote_link(guide, id)))
                .collect();
            let _ = writeln!(md, "- **{}** — {}", inline(&term.term), links.join(", "));
        }
    }
    if !guide.events.is_empty() {
        md.push_str("\n## Occasions\n\n");
        for event in &guide.events {
            let occasion =
                if event.occasion.is_empty() { "(no occasion given)".into() } else { inline(&event.occasion) };
            let _ = writeln!(
                md,
                "- [{occasion}](timeline.md#{}) — {}, {}",
                event.id,
                date_label(event.date),
                plural(event.quotes.len(), "quote")
            );
        }
    }
    md
}

/// The index heading a term files under: its first letter, upper-cased; "0–9" for digits and
/// "Symbols" for the rest.
fn initial(term: &str) -> String {
    match term.chars().next() {
        Some(c) if c.is_alphabetic() => c.to_uppercase().collect(),
        Some(c) if c.is_numeric() => "0–9".to_string(),
        _ => "Symbols".to_string(),
    }
}
