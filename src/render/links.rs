//! The built site's own link check: every relative `href` and `src` must name a file of the
//! output, and every `#fragment` an id in that file.

use super::urls;
use super::Output;
use crate::diagnostics::{line_column, Diagnostic, Place};
use rayon::prelude::*;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A start tag. Markup shown as text is escaped (`&lt;a href=…`), so it never matches.
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[a-zA-Z][^<>]*>").expect("valid"));
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:id|name)\s*=\s*["']([^"']+)["']"#).expect("valid"));
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)\s*=\s*["']([^"']*)["']"#).expect("valid"));

/// Checks every HTML file of the output. `base_path` ("/" or "/guide/") resolves root-relative
/// links; `folder` names the output folder in diagnostics (`public`).
pub fn check(output: &Output, base_path: &str, folder: &str) -> Vec<Diagnostic> {
    let html: Vec<(&str, &str)> = output
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| std::str::from_utf8(bytes).ok().map(|text| (path.as_str(), text)))
        .collect();
    let ids: HashMap<&str, HashSet<String>> = html
        .par_iter()
        .map(|(path, text)| {
            let ids = TAG.find_iter(text).flat_map(|tag| ID.captures_iter(tag.as_str())).map(|c| unescape(&c[1]));
            (*path, ids.collect())
        })
        .collect();
    let site = Site { output, ids: &ids, base_path };
    html.par_iter().flat_map_iter(|(path, text)| site.check_file(path, text, folder)).collect()
}

struct Site<'a> {
    output: &'a Output,
    ids: &'a HashMap<&'a str, HashSet<String>>,
    base_path: &'a str,
}

impl Site<'_> {
    fn check_file(&self, path: &str, text: &str, folder: &str) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let file = format!("{folder}/{path}");
        for tag in TAG.find_iter(text) {
            for captures in LINK.captures_iter(tag.as_str()) {
                let link = captures.get(1).expect("group 1 always matches");
                if let Some(problem) = self.problem(path, &unescape(link.as_str())) {
                    let (line, column) = line_column(text, tag.start() + link.start());
                    let place = Place::new(&file, line, column, link.as_str().chars().count());
                    found.push(Diagnostic::error("broken-link", place, problem));
                }
            }
        }
        found
    }

    fn problem(&self, from: &str, link: &str) -> Option<String> {
        if link.is_empty() || link.starts_with("//") || urls::has_scheme(link) {
            return None;
        }
        let (path, fragment) = link.split_once('#').map_or((link, None), |(p, f)| (p, Some(f)));
        let path = urls::percent_decode(path.split('?').next().unwrap_or_default());
        let target = if path.is_empty() {
            from.to_string()
        } else if let Some(absolute) = path.strip_prefix('/') {
            absolute.strip_prefix(self.base_path.trim_start_matches('/')).unwrap_or(absolute).to_string()
        } else {
            match urls::join(from, &path) {
                Some(target) => target,
                None => return Some(format!("the link \"{link}\" climbs above the site's root folder")),
            }
        };
        let target = if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
        if !self.output.contains_key(&target) {
            return Some(format!("the link \"{link}\" points to {target}, which the site does not have"));
        }
        match fragment.map(urls::percent_decode) {
            Some(fragment) if !fragment.is_empty() && target.ends_with(".html") => {
                let known = self.ids.get(target.as_str()).is_some_and(|set| set.contains(&fragment));
                (!known).then(|| format!("the link \"{link}\" points to #{fragment}, which {target} does not have"))
            }
            _ => None,
        }
    }
}

/// Undoes the HTML escaping of an attribute value.
fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> Output {
        files.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())).collect()
    }

    #[test]
    fn resolves_files_and_anchors() {
        let output = site(&[
            (
                "index.html",
                r#"<a href="themes/a/index.html#q1">x</a> <a href="style.css">s</a> <a href="https://x.org">e</a>"#,
            ),
            ("themes/a/index.html", r##"<p id="q1"></p><a href="../../index.html">home</a><a href="#q1">self</a>"##),
            ("style.css", ""),
            ("404.html", r#"<a href="/guide/themes/a/index.html">a</a>"#),
            ("about me/index.html", r#"<a href="../about%20me/index.html">me</a>"#),
        ]);
        assert_eq!(check(&output, "/guide/", "public"), Vec::new());
    }

    #[test]
    fn reports_missing_files_and_anchors_with_place() {
        let output = site(&[
            ("index.html", "<p>\n<a href=\"gone/index.html\">x</a></p>"),
            ("a/index.html", r##"<a href="../index.html#nope">x</a><a href="../../../up">x</a>"##),
        ]);
        let found = check(&output, "/", "out");
        assert_eq!(found.len(), 3, "{found:?}");
        let first = found.iter().find(|d| d.file == "out/index.html").unwrap();
        assert_eq!((first.line, first.column), (2, 10));
        assert!(found.iter().any(|d| d.message.contains("#nope")));
    }

    #[test]
    fn markup_shown_as_text_is_not_a_link() {
        let output = site(&[(
            "index.html",
            r#"<p><code>&lt;img src="x.png"&gt;</code> and <code>&lt;a href='gone.html'&gt;</code></p>"#,
        )]);
        assert_eq!(check(&output, "/", "public"), Vec::new());
    }
}
