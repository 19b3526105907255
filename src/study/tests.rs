use super::*;
use crate::ingest::parse;

fn guide(text: &str, settings: &str) -> (Guide, Vec<Diagnostic>) {
    let settings = Settings::parse(FILE_NAME, settings).expect("valid settings");
    let (source, mut found) = parse("seeds/t.txt", text);
    let (guide, more) = study(&[source], &settings);
    found.extend(more);
    (guide, found)
}

fn codes(found: &[Diagnostic]) -> Vec<&'static str> {
    found.iter().map(|d| d.code).collect()
}

const TOUR: &str = "Theme\n\nFirst.\n\n——Speech on the tour in Zhejiang on March 2020, 3\n\n\
                    Second.\n\n——Speech on the tour in Zhejiang on March 2020, 4\n";

#[test]
fn same_occasion_and_compatible_dates_make_one_event() {
    let (g, _) = guide(TOUR, "");
    assert_eq!(g.events.len(), 1);
    assert_eq!(g.events[0].quotes, ["theme-1", "theme-2"]);
    assert_eq!(g.events[0].occasion, "Speech on the tour in Zhejiang");
}

#[test]
fn events_sort_by_date_with_undated_last() {
    let text = "Theme\n\nA.\n\n——Letter\n\nB.\n\n——Speech, 2021\n\nC.\n\n——Talk, March 3, 2019\n";
    let (g, _) = guide(text, "");
    let dates: Vec<_> = g.events.iter().map(|e| e.date.map(|d| d.to_string())).collect();
    assert_eq!(dates, [Some("2019-03-03".into()), Some("2021".into()), None]);
}

#[test]
fn a_correction_sets_the_date_and_retires_the_warning() {
    let settings = "[[corrections]]\nmatch = \"Zhejiang on March 2020, 4\"\ndate = \"2020-04-01\"\nnote = \"tour of March 29 – April 1, 2020\"\n";
    let (g, found) = guide(TOUR, settings);
    let second = &g.themes[0].quotes[1];
    assert_eq!(second.date.unwrap().to_string(), "2020-04-01");
    assert_eq!(second.correction.as_deref(), Some("tour of March 29 – April 1, 2020"));
    assert!(!codes(&found).contains(&"date-contradiction"), "{found:?}");
    assert_eq!(g.events.len(), 2, "a corrected date no longer merges with March");
}

#[test]
fn a_correction_that_matches_nothing_is_a_warning_at_its_line() {
    let (_, found) = guide(TOUR, "title = \"x\"\n\n[[corrections]]\nmatch = \"no such text\"\noccasion = \"y\"\n");
    let unused: Vec<_> = found.iter().filter(|d| d.code == "unused-correction").collect();
    assert_eq!(unused.len(), 1);
    assert_eq!((unused[0].file.as_str(), unused[0].line), ("studyguide.toml", 4));
}

#[test]
fn duplicate_quotes_are_flagged_at_the_second() {
    let (_, found) = guide("Theme\n\nSame words.\n\n——2020\n\nSame  words.\n\n——2021\n", "");
    let dup: Vec<_> = found.iter().filter(|d| d.code == "duplicate-quote").collect();
    assert_eq!(dup.len(), 1);
    assert_eq!(dup[0].line, 7);
    assert!(dup[0].message.contains("seeds/t.txt:3"));
}

#[test]
fn configured_terms_and_aliases() {
    let text = "Theme\n\nBig data matters.\n\n——2020\n\n大数据很重要。\n\n——2021\n\nNothing here.\n\n——2022\n";
    let settings =
        "[index]\nterms = [\"big data\", \"absent term\"]\naliases = { \"big data\" = [\"大数据\"] }\nauto = false\n";
    let (g, _) = guide(text, settings);
    assert_eq!(g.terms.len(), 1, "terms no quote mentions are left out");
    assert_eq!(g.terms[0].term, "big data");
    assert_eq!(g.terms[0].quotes, ["theme-1", "theme-2"]);
}

#[test]
fn slugs_are_unique() {
    let (g, _) = guide("# Same\n\nA.\n\n——2020\n\n# Same\n\nB.\n\n——2020\n\n# 数据\n\nC.\n\n——2020\n", "");
    let slugs: Vec<_> = g.themes.iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["same", "same-2", "shu-ju"]);
    assert_eq!(g.themes[1].url, "/themes/same-2/");
}
