//! `studyguide build` end to end, on temporary copies of real guides.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn studyguide() -> Command {
    let mut command = Command::cargo_bin("studyguide").expect("the binary is built");
    command.env("NO_COLOR", "1");
    command
}

/// A copy of a guide's inputs (seeds, content, settings) in a fresh folder.
fn copy_of(guide: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(guide).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(guide).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        if !["seeds", "content", "studyguide.toml", "themes"].contains(&top.as_str()) {
            continue;
        }
        let target = dir.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

fn seed_guide() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("seeds")).unwrap();
    std::fs::copy("seeds/governance-of-data.txt", dir.path().join("seeds/governance-of-data.txt")).unwrap();
    dir
}

fn build(root: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    studyguide().args(["build", "--root"]).arg(root).args(extra).assert()
}

fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn seed_site_has_the_expected_tree() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let files: Vec<String> = tree(&guide.path().join("public")).into_keys().collect();
    insta::assert_snapshot!("seed_public_tree", files.join("\n"));
    let content: Vec<String> = tree(&guide.path().join("content")).into_keys().collect();
    insta::assert_snapshot!("seed_content_tree", content.join("\n"));
}

#[test]
fn seed_html_snapshots() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let public = guide.path().join("public");
    for page in
        ["index.html", "themes/let-the-people-run-less-errands/index.html", "timeline/index.html", "terms/index.html"]
    {
        insta::assert_snapshot!(format!("seed_html__{}", page.replace('/', "__")), read(public.join(page)));
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let first = tree(&guide.path().join("public"));
    let other = guide.path().join("elsewhere");
    build(guide.path(), &["--output", other.to_str().unwrap()]).success();
    assert_eq!(first, tree(&other));
}

#[test]
fn the_site_is_complete_and_its_model_public() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let public = guide.path().join("public");
    let model: serde_json::Value = serde_json::from_str(&read(public.join("guide.json"))).unwrap();
    assert_eq!(model["themes"].as_array().unwrap().len(), 3);
    assert_eq!(model["events"].as_array().unwrap().len(), 6);
    for page in ["404.html", "sitemap.xml", "print/index.html", "handouts/let-the-people-run-less-errands/index.html"] {
        assert!(public.join(page).is_file(), "{page}");
    }
    let theme = read(public.join("themes/let-the-people-run-less-errands/index.html"));
    assert!(theme.contains(r#"<figure class="quote" id="let-the-people-run-less-errands-1">"#));
    assert!(theme.contains(r#"href="../../timeline/index.html#2017-12-xi-jinping-s-speech""#));
}

#[test]
fn a_hand_edit_survives_a_rebuild() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let page = guide.path().join("content/themes/let-the-people-run-less-errands.md");
    let edited = format!("{}\nMy own note on this theme.\n", read(page.clone()));
    std::fs::write(&page, &edited).unwrap();
    let public_before = tree(&guide.path().join("public"));
    let failed = build(guide.path(), &[]).code(1);
    let err = stderr(&failed);
    assert!(err.contains("content/themes/let-the-people-run-less-errands.md was edited by hand"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(page.clone()), edited, "the edit is kept");
    assert_eq!(tree(&guide.path().join("public")), public_before, "public/ is untouched");
    build(guide.path(), &["--force"]).success();
    assert!(!read(page).contains("My own note"), "--force regenerates the page");
}

#[test]
fn hand_written_pages_are_rendered_and_never_touched() {
    let guide = seed_guide();
    let notes = "+++\ntitle = \"Reading notes\"\n+++\n\n## Plan\n\nSee the [timeline](../timeline.md).\n\n```rust\nfn main() {}\n```\n";
    std::fs::create_dir_all(guide.path().join("content/notes")).unwrap();
    std::fs::write(guide.path().join("content/notes/reading.md"), notes).unwrap();
    build(guide.path(), &[]).success();
    build(guide.path(), &[]).success();
    assert_eq!(read(guide.path().join("content/notes/reading.md")), notes);
    let html = read(guide.path().join("public/notes/reading/index.html"));
    assert!(html.contains("Reading notes"));
    assert!(html.contains(r#"href="../../timeline/index.html""#), "{html}");
    assert!(html.contains("hl-"), "code is highlighted");
    assert!(guide.path().join("public/syntax-light.css").is_file());
}

#[test]
fn a_broken_template_names_itself_and_leaves_public_as_it_was() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let before = tree(&guide.path().join("public"));
    let templates = guide.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ page.content | nosuchfilter }}\n{% endblock content %}\n",
    )
    .unwrap();
    std::fs::write(guide.path().join("content/extra.md"), "A page of my own.\n").unwrap();
    assert!(guide.path().join("content").is_dir());
    let failed = build(guide.path(), &[]).code(1);
    let err = stderr(&failed);
    assert!(err.contains("themes/default/templates/page.html"), "{err}");
    assert!(err.contains("nosuchfilter"), "{err}");
    assert_eq!(tree(&guide.path().join("public")), before);
}

#[test]
fn a_template_override_replaces_the_built_in_one() {
    let guide = seed_guide();
    let templates = guide.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(templates.join("terms.html"), "{% extends \"base.html\" %}\n{% block content %}<p id=\"mine\">My index</p>{{ page.content | safe }}{% endblock content %}\n").unwrap();
    build(guide.path(), &[]).success();
    assert!(read(guide.path().join("public/terms/index.html")).contains("My index"));
}

#[test]
fn broken_links_fail_the_build_with_their_place() {
    let guide = seed_guide();
    std::fs::create_dir_all(guide.path().join("content")).unwrap();
    std::fs::write(
        guide.path().join("content/links.md"),
        "Fine [home](_index.md).\n\n<a href=\"nowhere/index.html\">gone</a>\n",
    )
    .unwrap();
    let err = stderr(&build(guide.path(), &[]).code(1));
    assert!(err.contains("error[broken-link]"), "{err}");
    assert!(err.contains("nowhere/index.html"), "{err}");
    assert!(!guide.path().join("public").exists());
    let check = studyguide().args(["check", "--links", "--root"]).arg(guide.path()).assert().code(1);
    assert!(stderr(&check).contains("nowhere/index.html"));
}

#[test]
fn sub_path_base_url() {
    let guide = seed_guide();
    build(guide.path(), &["--base-url", "https://example.org/guide/"]).success();
    let not_found = read(guide.path().join("public/404.html"));
    assert!(not_found.contains(r#"href="/guide/style.css""#), "{not_found}");
    let sitemap = read(guide.path().join("public/sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/guide/themes/let-the-people-run-less-errands/</loc>"));
}

#[test]
fn dangerous_output_folders_are_refused() {
    let guide = seed_guide();
    let err = stderr(&build(guide.path(), &["--output", guide.path().to_str().unwrap()]).code(1));
    assert!(err.contains("refusing to build into"), "{err}");
    assert!(guide.path().join("seeds/governance-of-data.txt").is_file());
    let foreign = guide.path().join("mine");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("keep.txt"), "precious").unwrap();
    let err = stderr(&build(guide.path(), &["--output", foreign.to_str().unwrap()]).code(1));
    assert!(err.contains("did not make"), "{err}");
    assert_eq!(read(foreign.join("keep.txt")), "precious");
}

#[test]
fn settings_and_front_matter_errors_name_their_place() {
    let guide = seed_guide();
    std::fs::write(guide.path().join("studyguide.toml"), "title = \"T\"\n[index]\nauto_terms = true\n").unwrap();
    let err = stderr(&build(guide.path(), &[]).code(1));
    assert!(err.contains("auto_terms") && err.contains("studyguide.toml:3:1"), "{err}");
    std::fs::remove_file(guide.path().join("studyguide.toml")).unwrap();
    std::fs::create_dir_all(guide.path().join("content")).unwrap();
    std::fs::write(guide.path().join("content/bad.md"), "+++\ntitle = \"x\"\ncolour = \"red\"\n+++\nbody\n").unwrap();
    let err = stderr(&build(guide.path(), &[]).code(1));
    assert!(err.contains("colour") && err.contains("content/bad.md:3:1"), "{err}");
}

#[test]
fn init_scaffolds_a_guide_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let guide = dir.path().join("new-guide");
    studyguide().arg("init").arg(&guide).assert().success();
    build(&guide, &[]).success();
    assert!(guide.join("public/index.html").is_file());
    assert!(read(guide.join(".gitignore")).contains("/public/"));
    studyguide().args(["init", "--eject-theme"]).arg(&guide).assert().success();
    assert!(guide.join("themes/default/templates/base.html").is_file());
    build(&guide, &[]).success();
}

#[test]
fn fixture_guides_build_with_expected_trees() {
    for case in ["zh-guide", "other-forms", "hostile"] {
        let guide = copy_of(&Path::new("tests/fixtures").join(case));
        build(guide.path(), &[]).success();
        let files: Vec<String> = tree(&guide.path().join("public")).into_keys().collect();
        insta::assert_snapshot!(format!("fixture_tree_{case}"), files.join("\n"));
    }
    let hostile = copy_of(Path::new("tests/fixtures/hostile"));
    build(hostile.path(), &[]).success();
    let page = read(hostile.path().join("public/themes/markup-that-must-stay-text/index.html"));
    assert!(page.contains("&lt;b&gt;Bold?&lt;/b&gt;"), "{page}");
    assert!(!page.contains("<script>"), "{page}");
    assert!(read(hostile.path().join("public/index.html")).contains("{{ tera }}"), "text is never run as a template");
}

#[test]
fn an_edited_page_of_a_vanished_theme_is_kept_and_still_builds() {
    let guide = seed_guide();
    build(guide.path(), &[]).success();
    let generated = read(guide.path().join("content/themes/let-the-people-run-less-errands.md"));
    let stale = generated.replace("theme = \"let-the-people-run-less-errands\"", "theme = \"gone\"");
    std::fs::write(guide.path().join("content/themes/gone.md"), &stale).unwrap();
    let err = stderr(&build(guide.path(), &[]).success());
    assert!(err.contains("warning[stale-generated-page]"), "{err}");
    assert_eq!(read(guide.path().join("content/themes/gone.md")), stale);
    assert!(guide.path().join("public/themes/gone/index.html").is_file());
}

#[test]
fn pages_published_at_the_same_path_are_an_error() {
    let guide = seed_guide();
    std::fs::create_dir_all(guide.path().join("content/a")).unwrap();
    std::fs::write(guide.path().join("content/a.md"), "one\n").unwrap();
    std::fs::write(guide.path().join("content/a/_index.md"), "two\n").unwrap();
    let err = stderr(&build(guide.path(), &[]).code(1));
    assert!(err.contains("error[page-collision]") && err.contains("/a/"), "{err}");
}

#[test]
fn hand_written_siblings_link_in_weight_order() {
    let guide = seed_guide();
    std::fs::create_dir_all(guide.path().join("content/notes")).unwrap();
    std::fs::write(guide.path().join("content/notes/b.md"), "+++\ntitle = \"Second\"\nweight = 2\n+++\nb\n").unwrap();
    std::fs::write(guide.path().join("content/notes/a.md"), "+++\ntitle = \"First\"\nweight = 1\n+++\na\n").unwrap();
    build(guide.path(), &[]).success();
    let first = read(guide.path().join("public/notes/a/index.html"));
    assert!(first.contains(r#"rel="next" href="../../notes/b/index.html""#), "{first}");
    let second = read(guide.path().join("public/notes/b/index.html"));
    assert!(second.contains(r#"rel="prev" href="../../notes/a/index.html""#), "{second}");
}

#[test]
fn check_reports_a_missing_guide_folder() {
    let err = studyguide().args(["check", "--root", "/no/such/guide"]).assert().code(1);
    assert!(stderr(&err).contains("there is no guide folder at /no/such/guide"));
}

#[test]
fn a_page_or_static_file_cannot_take_a_generated_address() {
    let guide = seed_guide();
    std::fs::create_dir_all(guide.path().join("content")).unwrap();
    std::fs::write(guide.path().join("content/print.md"), "My print page.\n").unwrap();
    let err = stderr(&build(guide.path(), &[]).code(1));
    assert!(err.contains("error[page-collision]") && err.contains("/print/index.html"), "{err}");
    std::fs::remove_file(guide.path().join("content/print.md")).unwrap();
    let statics = guide.path().join("themes/default/static/timeline");
    std::fs::create_dir_all(&statics).unwrap();
    std::fs::write(statics.join("index.html"), "<p>mine</p>").unwrap();
    let err = stderr(&build(guide.path(), &[]).code(1));
    assert!(err.contains("error[page-collision]") && err.contains("/timeline/index.html"), "{err}");
}

#[test]
fn a_page_naming_an_unknown_theme_is_a_plain_page() {
    let guide = seed_guide();
    std::fs::create_dir_all(guide.path().join("content")).unwrap();
    std::fs::write(guide.path().join("content/mine.md"), "+++\ntheme = \"nope\"\n+++\nText.\n").unwrap();
    build(guide.path(), &[]).success();
    assert!(!read(guide.path().join("public/sitemap.xml")).contains("handouts/nope"));
    assert!(!read(guide.path().join("public/print/index.html")).contains("Text."));
    assert!(read(guide.path().join("public/mine/index.html")).contains("Text."));
}
