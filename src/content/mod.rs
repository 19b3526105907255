//! Content: the Markdown pages of `content/`, hand-written and generated alike, and the rule
//! that a generated page edited by hand is never overwritten.

pub mod front_matter;

use crate::diagnostics::{Diagnostic, Place};
use crate::generate::{is_untouched, GeneratedPage, GENERATOR};
use front_matter::FrontMatter;
use std::collections::{BTreeMap, BTreeSet};

/// A page of the site, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Path relative to `content/`, e.g. `themes/x.md`.
    pub rel: String,
    /// Where the page is published, relative to the site root: "" for home, `themes/x/`.
    pub path: String,
    pub front: FrontMatter,
    pub body: String,
    /// Lines before the body in the file, to report body positions as file lines.
    pub body_line_offset: usize,
    /// The line of the `template` key, for diagnostics about it.
    pub template_line: Option<usize>,
}

impl Page {
    /// The file name used in diagnostics.
    pub fn file(&self) -> String {
        format!("content/{}", self.rel)
    }

    pub fn title(&self) -> String {
        self.front.title.clone().unwrap_or_else(|| crate::ingest::file_title(&self.rel))
    }

    pub fn template(&self) -> &str {
        match &self.front.template {
            Some(template) => template,
            None if self.path.is_empty() => "home.html",
            None => "page.html",
        }
    }
}

/// `themes/x.md` → `themes/x/`; `a/_index.md` → `a/`; `_index.md` → "".
pub fn url_path(rel: &str) -> String {
    if rel == "_index.md" {
        return String::new();
    }
    match rel.strip_suffix("/_index.md") {
        Some(folder) => format!("{folder}/"),
        None => format!("{}/", rel.strip_suffix(".md").unwrap_or(rel)),
    }
}

/// Parses one page; `rel` is its path relative to `content/`.
pub fn parse(rel: &str, text: &str) -> Result<Page, Diagnostic> {
    let split = front_matter::split(text);
    let file = format!("content/{rel}");
    if split.unclosed {
        return Err(Diagnostic::error("front-matter", Place::new(&file, 1, 1, 3), "the front matter is never closed")
            .with_help("end it with a line of +++"));
    }
    let front = match split.toml {
        Some(toml_text) => toml::from_str::<FrontMatter>(toml_text).map_err(|error| {
            let (line, column, width) = error.span().map_or((1, 1, 1), |span| crate::settings::locate(toml_text, span));
            let message = error.message().trim();
            let help = crate::settings::did_you_mean(message).unwrap_or_else(|| {
                "front matter keys: title, description, template, weight, theme, draft, [extra]".into()
            });
            Diagnostic::error("front-matter", Place::new(&file, line + 1, column, width), message).with_help(help)
        })?,
        None => FrontMatter::default(),
    };
    let template_line = split
        .toml
        .and_then(|toml| toml.lines().position(|line| line.trim_start().starts_with("template")))
        .map(|index| index + 2);
    Ok(Page {
        rel: rel.to_string(),
        path: url_path(rel),
        front,
        body: split.body.to_string(),
        body_line_offset: split.body_line_offset,
        template_line,
    })
}

/// What a build does to `content/`, decided without touching the disk.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// Generated pages whose text changed (or are new), to write.
    pub writes: Vec<GeneratedPage>,
    /// Generated pages nothing generates any more and nobody edited, to remove.
    pub removals: Vec<String>,
    /// The text of every page the site is built from, by path relative to `content/`.
    pub pages: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lays generated pages over what is on disk. A generated page that was edited by hand, or a
/// hand-written page where a generated one belongs, stops the build unless `force` is given.
pub fn reconcile(on_disk: &BTreeMap<String, String>, generated: &[GeneratedPage], force: bool) -> Plan {
    let mut plan = Plan { pages: on_disk.clone(), ..Plan::default() };
    let generated_paths: BTreeSet<&str> = generated.iter().map(|g| g.path.as_str()).collect();
    for page in generated {
        let existing = on_disk.get(&page.path);
        if existing.is_some_and(|text| text.replace("\r\n", "\n") == page.text) {
            continue;
        }
        if let Some(text) = existing.filter(|_| !force) {
            if let Some(diagnostic) = hand_edit(&page.path, text) {
                plan.diagnostics.push(diagnostic);
                continue;
            }
        }
        plan.pages.insert(page.path.clone(), page.text.clone());
        plan.writes.push(page.clone());
    }
    for (rel, text) in on_disk.iter().filter(|(rel, _)| !generated_paths.contains(rel.as_str())) {
        match generation_mark(text) {
            Some(hash) if is_untouched(text, &hash) => {
                plan.pages.remove(rel);
                plan.removals.push(rel.clone());
            }
            Some(_) => plan.diagnostics.push(
                Diagnostic::warning(
                    "stale-generated-page",
                    Place::new(&format!("content/{rel}"), 1, 1, 3),
                    "this page was generated from a theme that no longer exists, and was edited since; it is kept",
                )
                .with_help(
                    "delete it if it is no longer wanted, or remove its [generated] table to keep it as your own page",
                ),
            ),
            None => {}
        }
    }
    plan
}

fn generation_mark(text: &str) -> Option<String> {
    let toml_text = front_matter::split(text).toml?;
    // Every hand-written page passes through here; most front matter never names the table,
    // and a substring test spares parsing it a second time (parse_pages parses it anyway).
    if !toml_text.contains("generated") {
        return None;
    }
    let front: FrontMatter = toml::from_str(toml_text).ok()?;
    front.generated.filter(|g| g.by == GENERATOR).map(|g| g.hash)
}

/// Why the generated page at `rel` may not be overwritten, if it may not.
fn hand_edit(rel: &str, text: &str) -> Option<Diagnostic> {
    let file = format!("content/{rel}");
    let message = match generation_mark(text) {
        Some(hash) if is_untouched(text, &hash) => return None,
        Some(_) => format!("{file} was edited by hand since studyguide generated it; it was not overwritten"),
        None => format!("{file} was not written by studyguide, but a generated page belongs at this path"),
    };
    Some(Diagnostic::error("hand-edit", Place::whole_file(&file), message).with_help(format!(
        "move your text to a page of your own (any other file in content/), then delete {file} to let it be \
         generated again; or run `studyguide build --force` to overwrite it"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(path: &str, body: &str) -> GeneratedPage {
        let page = crate::generate::pages(&crate::model::Guide {
            title: body.into(),
            preface: vec![],
            themes: vec![],
            events: vec![],
            terms: vec![],
        })
        .remove(0);
        GeneratedPage { path: path.into(), text: page.text }
    }

    #[test]
    fn url_paths() {
        assert_eq!(url_path("_index.md"), "");
        assert_eq!(url_path("themes/x.md"), "themes/x/");
        assert_eq!(url_path("a/_index.md"), "a/");
        assert_eq!(url_path("a/b.md"), "a/b/");
        assert_eq!(url_path("reading_index.md"), "reading_index/");
    }

    #[test]
    fn front_matter_errors_name_file_line_and_key() {
        let err = parse("notes.md", "+++\ntitle = \"x\"\ntitel = \"y\"\n+++\nbody").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("content/notes.md", 3));
        assert!(err.message.contains("titel"), "{}", err.message);
        let page = parse("notes.md", "+++\ntitle = \"Notes\"\n+++\nbody\n").unwrap();
        assert_eq!(page.title(), "Notes");
        assert_eq!(page.body, "body\n");
        assert_eq!(page.body_line_offset, 3);
        let err = parse("notes.md", "+++\ntitle = \"x\"\nbody\n").unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn hand_edits_stop_the_build_and_force_overrides() {
        let old = generated("_index.md", "Old");
        let new = generated("_index.md", "New");
        let edited = format!("{}\nMy own note.\n", old.text);
        let disk = BTreeMap::from([("_index.md".to_string(), edited.clone())]);
        let plan = reconcile(&disk, std::slice::from_ref(&new), false);
        assert!(plan.writes.is_empty());
        assert_eq!(plan.diagnostics.len(), 1);
        assert!(plan.diagnostics[0].message.contains("edited by hand"));
        assert_eq!(plan.pages["_index.md"], edited, "the edit is what gets rendered until resolved");
        let plan = reconcile(&disk, std::slice::from_ref(&new), true);
        assert_eq!(plan.writes, std::slice::from_ref(&new));
    }

    #[test]
    fn untouched_pages_are_updated_and_stale_ones_removed() {
        let old = generated("_index.md", "Old");
        let new = generated("_index.md", "New");
        let stale = generated("themes/gone.md", "Gone");
        let mine = "# My notes\n".to_string();
        let disk = BTreeMap::from([
            ("_index.md".to_string(), old.text),
            ("themes/gone.md".to_string(), stale.text),
            ("notes.md".to_string(), mine.clone()),
        ]);
        let plan = reconcile(&disk, std::slice::from_ref(&new), false);
        assert!(plan.diagnostics.is_empty(), "{:?}", plan.diagnostics);
        assert_eq!(plan.writes, [new]);
        assert_eq!(plan.removals, ["themes/gone.md"]);
        assert_eq!(plan.pages["notes.md"], mine);
        assert!(!plan.pages.contains_key("themes/gone.md"));
    }

    #[test]
    fn a_hand_written_page_at_a_generated_path_is_kept() {
        let new = generated("_index.md", "New");
        let disk = BTreeMap::from([("_index.md".to_string(), "my home page".to_string())]);
        let plan = reconcile(&disk, &[new], false);
        assert!(plan.diagnostics[0].message.contains("not written by studyguide"));
    }
}
