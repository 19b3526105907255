//! `studyguide check` end to end: the seed's model, diagnostics, exit codes.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn studyguide() -> Command {
    Command::cargo_bin("studyguide").expect("the binary is built")
}

fn seed_json() -> Value {
    let out = studyguide().args(["check", "--format", "json"]).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("check prints JSON")
}

#[test]
fn seed_model_reads_the_text_honestly() {
    let g = seed_json();
    let themes = g["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 3);
    assert!(themes.iter().all(|t| t["quotes"].as_array().unwrap().len() == 3));
    let dates: Vec<&str> =
        themes.iter().flat_map(|t| t["quotes"].as_array().unwrap()).map(|q| q["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        ["2017-12", "2020-03", "2021-02", "2017-12", "2020-03", "2022-06-22", "2017-12", "2022-12", "2023-04"]
    );
    assert_eq!(g["events"].as_array().unwrap().len(), 6);
    assert_eq!(g["events"][0]["quotes"].as_array().unwrap().len(), 3, "the three December 2017 quotes are one event");
    assert!(g["terms"].as_array().unwrap().iter().any(|t| t["term"] == "big data"));
    assert_eq!(g["themes"][0]["quotes"][0]["source"]["line"], 5);
    assert_eq!(g["themes"][0]["quotes"][0]["source"]["file"], "seeds/governance-of-data.txt");
}

#[test]
fn seed_warnings_point_at_the_garbled_numbers() {
    let g = seed_json();
    let found: Vec<(String, u64, u64)> = g["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    let has = |code: &str, line: u64| found.iter().any(|(c, l, _)| c == code && *l == line);
    assert!(has("date-contradiction", 25), "March 2020, 4: {found:?}");
    assert!(has("year-from-ordinal", 29), "2022th: {found:?}");
    assert!(has("implausible-ordinal", 1), "2030th: {found:?}");
    assert!(has("missing-number", 15), "<>th: {found:?}");
    assert!(g["diagnostics"].as_array().unwrap().iter().all(|d| d["severity"] == "warning"));
}

#[test]
fn seed_model_snapshot() {
    insta::assert_json_snapshot!("seed_model", seed_json());
}

#[test]
fn seed_human_diagnostics_snapshot() {
    let out = studyguide().arg("check").env("NO_COLOR", "1").assert().success().get_output().stderr.clone();
    insta::assert_snapshot!("seed_human", String::from_utf8(out).unwrap());
}

#[test]
fn deny_warnings_fails_on_warnings() {
    studyguide().args(["check", "--deny-warnings"]).assert().code(1);
}

#[test]
fn usage_errors_exit_2() {
    studyguide().args(["check", "--format", "yaml"]).assert().code(2);
    studyguide().arg("no-such-command").assert().code(2);
}

fn guide_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn check_stderr(root: &Path, code: i32) -> String {
    let out = studyguide().args(["check", "--root"]).arg(root).env("NO_COLOR", "1").assert().code(code);
    String::from_utf8(out.get_output().stderr.clone()).unwrap()
}

#[test]
fn invalid_utf8_is_an_error_naming_file_and_offset() {
    let dir = guide_with(&[("seeds/bad.txt", b"Theme\n\nQuote \xFF.\n\n--2020\n")]);
    let err = check_stderr(dir.path(), 1);
    assert!(err.contains("error[invalid-utf8]"), "{err}");
    assert!(err.contains("seeds/bad.txt is not valid UTF-8"), "{err}");
    assert!(err.contains("byte offset 13"), "{err}");
    assert!(err.contains("--> seeds/bad.txt:3:7"), "{err}");
    insta::assert_snapshot!("invalid_utf8_stderr", err);
}

#[test]
fn empty_file_is_a_warning() {
    let dir = guide_with(&[("seeds/empty.txt", b"")]);
    let err = check_stderr(dir.path(), 0);
    assert!(err.contains("warning[empty-file]"), "{err}");
}

#[test]
fn unknown_setting_is_an_error_naming_it() {
    let dir = guide_with(&[
        ("studyguide.toml", b"title = \"x\"\nbase_ur = \"/\"\n"),
        ("seeds/a.txt", b"T\n\nQ.\n\n--2020\n"),
    ]);
    let err = check_stderr(dir.path(), 1);
    assert!(err.contains("base_ur"), "{err}");
    assert!(err.contains("studyguide.toml:2:1"), "{err}");
    insta::assert_snapshot!("unknown_setting_stderr", err);
}

#[test]
fn corrections_apply_from_settings() {
    let seed = std::fs::read("seeds/governance-of-data.txt").unwrap();
    let settings = b"[[corrections]]\nmatch = \"Zhejiang on March 2020, 4\"\ndate = \"2020-04-01\"\nnote = \"tour of March 29 - April 1, 2020\"\n";
    let dir = guide_with(&[("seeds/g.txt", &seed), ("studyguide.toml", settings)]);
    let out = studyguide().args(["check", "--format", "json", "--root"]).arg(dir.path()).assert().success();
    let g: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(g["themes"][1]["quotes"][1]["date"], "2020-04-01");
    assert!(!g["diagnostics"].as_array().unwrap().iter().any(|d| d["line"] == 25));
}

#[test]
fn fixtures_check_without_errors() {
    for case in ["zh-guide", "other-forms", "hostile"] {
        let root = Path::new("tests/fixtures").join(case);
        let out = studyguide().args(["check", "--format", "json", "--root"]).arg(&root).assert().success();
        let g: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert!(!g["themes"].as_array().unwrap().is_empty(), "{case}");
        insta::assert_json_snapshot!(format!("fixture_{case}"), g);
    }
}
