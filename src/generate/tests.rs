use super::*;
use crate::ingest::parse;
use crate::settings::Settings;

fn seed_guide() -> Guide {
    let text = std::fs::read_to_string("seeds/governance-of-data.txt").expect("the seed is in the repository");
    let (source, _) = parse("seeds/governance-of-data.txt", &text);
    crate::study::study(&[source], &Settings::default()).0
}

#[test]
fn generated_pages_are_sealed_and_detect_edits() {
    for page in pages(&seed_guide()) {
        let split = crate::content::front_matter::split(&page.text);
        let front: FrontMatter = toml::from_str(split.toml.unwrap()).unwrap();
        let hash = front.generated.unwrap().hash;
        assert!(is_untouched(&page.text, &hash), "{}", page.path);
        let edited = format!("{}\nA hand edit.\n", page.text);
        assert!(!is_untouched(&edited, &hash), "{}", page.path);
        assert!(is_untouched(&page.text.replace('\n', "\r\n"), &hash), "CRLF is not an edit: {}", page.path);
    }
}

#[test]
fn paths_and_order() {
    let paths: Vec<String> = pages(&seed_guide()).into_iter().map(|p| p.path).collect();
    assert_eq!(paths[0], "_index.md");
    assert_eq!(paths[1], "themes/let-the-people-run-less-errands.md");
    assert_eq!(&paths[4..], ["timeline.md", "terms.md"]);
}

#[test]
fn seed_markdown_snapshots() {
    for page in pages(&seed_guide()) {
        insta::assert_snapshot!(page.path.replace('/', "__"), page.text);
    }
}

#[test]
fn hostile_titles_cannot_break_front_matter() {
    let (source, _) = parse("seeds/h.txt", "# Title \"with\" +++ and\n\nQuote <b>x</b>.\n\n——2020\n");
    let guide = crate::study::study(&[source], &Settings::default()).0;
    let theme_page = &pages(&guide)[1];
    let split = crate::content::front_matter::split(&theme_page.text);
    let front: FrontMatter = toml::from_str(split.toml.unwrap()).unwrap();
    assert_eq!(front.title.as_deref(), Some("Title \"with\" +++ and"));
    assert!(split.body.contains("Quote \\<b\\>x\\</b\\>."));
}

#[test]
fn excerpts_cut_between_words() {
    use super::pages::excerpt;
    assert_eq!(excerpt("one two three four", 2), "one two…");
    assert_eq!(excerpt("one two", 2), "one two");
    assert_eq!(excerpt("大数据在保障和改善民生", 3), "大数据…");
    assert_eq!(
        excerpt("The use of cutting-edge technologies such as big data", 5),
        "The use of cutting-edge technologies…"
    );
}
