use super::*;

fn read(text: &str) -> (SourceText, Vec<Diagnostic>) {
    parse("seeds/t.txt", text)
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

#[test]
fn heading_quote_attribution() {
    let (s, d) = read("Preface text.\n\nA theme\n\nFirst quote.\n\n——Speech, March 2020\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(s.preface, ["Preface text."]);
    assert_eq!(s.themes.len(), 1);
    assert_eq!(s.themes[0].title, "A theme");
    assert_eq!(s.themes[0].quotes[0].paragraphs, ["First quote."]);
    assert_eq!(s.themes[0].quotes[0].line, 5);
    assert_eq!(s.themes[0].quotes[0].attribution.as_ref().unwrap().text, "Speech, March 2020");
}

#[test]
fn multi_paragraph_quotes_and_hard_wraps() {
    let (s, _) = read("Theme\n\nOne\nwrapped.\n\nTwo.\n\n— Speech, 2020\n");
    assert_eq!(s.themes[0].quotes[0].paragraphs, ["One wrapped.", "Two."]);
}

#[test]
fn every_dash_form_opens_an_attribution() {
    for dash in ["——", "—", "―", "--", "－－"] {
        let (s, d) = read(&format!("Theme\n\nQuote.\n\n{dash}Speech, 2020\n"));
        assert!(d.is_empty(), "{dash}: {d:?}");
        let a = s.themes[0].quotes[0].attribution.as_ref().unwrap();
        assert_eq!(a.text, "Speech, 2020", "{dash}");
    }
    let (s, _) = read("Theme\n\nQuote.\n\n- a list item, not an attribution\n");
    assert!(s.themes.is_empty() || s.themes[0].quotes[0].attribution.is_none());
}

#[test]
fn heading_rules() {
    // Closing punctuation makes a sentence, not a heading.
    let (s, _) = read("Not a heading.\n\nQuote.\n\n——2020\n");
    assert_eq!(s.themes[0].title, "T");
    // A one-liner followed by an attribution is a quote, not a heading.
    let (s, _) = read("Theme\n\nShort quote\n\n——2020\n");
    assert_eq!(s.themes[0].title, "Theme");
    assert_eq!(s.themes[0].quotes[0].paragraphs, ["Short quote"]);
    // A two-line paragraph is never a heuristic heading.
    let (s, _) = read("Theme\n\nTwo\nlines\n\nQuote.\n\n——2020\n");
    assert_eq!(s.themes[0].quotes[0].paragraphs, ["Two lines", "Quote."]);
    // `# ` forces a heading, even with punctuation or before another heading.
    let (s, d) = read("# Why? Because.\n\n# Next\n\nQuote.\n\n——2020\n");
    assert_eq!(s.themes.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Why? Because.", "Next"]);
    assert_eq!(codes(&d), ["empty-theme"]);
    // A closing run of # needs a space before it, and a title needs a letter or digit.
    let (s, _) = read("# Learning C#\n\nQuote.\n\n——2020\n\n# Notes ##\n\nMore.\n\n——2021\n");
    assert_eq!(s.themes.iter().map(|t| t.title.as_str()).collect::<Vec<_>>(), ["Learning C#", "Notes"]);
    let (s, _) = read("# Theme\n\n# #\n\nQuote.\n\n——2020\n");
    assert_eq!(s.themes.len(), 1);
    assert_eq!(s.themes[0].quotes[0].paragraphs, ["# #", "Quote."]);
    // Closing quotation marks are looked through.
    let (s, _) = read("Theme\n\n\"He said it.\"\n\n——2020\n");
    assert_eq!(s.themes[0].title, "Theme");
}

#[test]
fn chinese_text() {
    let text = "前言。\n\n让百姓少跑腿、数据多跑路\n\n大数据在保障和改善民生方面大有作为。\n\n——2017年12月8日，习近平在十九届中央政治局第二次集体学习时的讲话\n";
    let (s, d) = read(text);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(s.themes[0].title, "让百姓少跑腿、数据多跑路");
    let a = s.themes[0].quotes[0].attribution.as_ref().unwrap();
    assert_eq!(a.reading.date.unwrap().to_string(), "2017-12-08");
}

#[test]
fn normalises_bom_crlf_cr_and_spaces() {
    let (s, d) = read("\u{FEFF}Theme\r\n\r\nA\u{3000}quote\twith\u{A0}spaces.\r\r——Speech, 2020\r\n");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(s.themes[0].quotes[0].paragraphs, ["A quote with spaces."]);
}

#[test]
fn structural_lints() {
    let (_, d) = read("# Theme\n\n——Speech, 2020\n");
    assert!(codes(&d).contains(&"attribution-without-quote"), "{d:?}");
    let (s, d) = read("Theme\n\nQuote one.\n\n——2020\n\n# Other\n\nOrphan quote.\n");
    assert_eq!(codes(&d), ["quote-without-attribution"]);
    assert_eq!(s.themes[1].quotes[0].paragraphs, ["Orphan quote."], "nothing is lost");
    let (_, d) = read("");
    assert_eq!(codes(&d), ["empty-file"]);
}

#[test]
fn text_lints_point_at_the_culprit() {
    let (_, d) = read("Since the 2030th Congress (see below.\n\n# T\n\nAt the <>th meeting.\n\n——2020\n");
    let found: Vec<_> = d.iter().map(|d| (d.code, d.line, d.column)).collect();
    assert!(found.contains(&("implausible-ordinal", 1, 11)), "{found:?}");
    assert!(found.contains(&("unbalanced", 1, 27)), "{found:?}");
    assert!(found.contains(&("missing-number", 5, 8)), "{found:?}");
}

#[test]
fn a_year_read_from_an_ordinal_is_not_also_implausible() {
    let (_, d) = read("Theme\n\nQuote.\n\n——Speech at the 2022th meeting on June 6, 22\n");
    assert_eq!(codes(&d), Vec::<&str>::new(), "date findings travel with the attribution");
}

#[test]
fn the_same_words_around_different_numbers_are_flagged() {
    let text = "The United Nations 24 Agenda matters.\n\n# T\n\nOn the United Nations 2030 Agenda.\n\n——2020\n";
    let (_, d) = read(text);
    let found: Vec<_> = d.iter().filter(|d| d.code == "inconsistent-number").map(|d| (d.line, d.column)).collect();
    assert_eq!(found, [(1, 20), (5, 23)]);
    assert!(
        d[0].message.contains("\"Nations 24 Agenda\" here, but \"Nations 2030 Agenda\" on line 5"),
        "{}",
        d[0].message
    );
}
