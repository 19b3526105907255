//! The built site's own link check: every relative `href` and `src` must name a file of the
//! output, and every `#fragment` an id in that file.

use super::Output;
use crate::diagnostics::{Diagnostic, Place};
use rayon::prelude::*;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:id|name)\s*=\s*["']([^"']+)["']"#).expect("valid"));
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)\s*=\s*["']([^"']*)["']"#).expect("valid"));
static SCHEME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-zA-Z][a-zA-Z0-9+.-]*:").expect("valid"));

/// Checks every HTML file of the output. `base_path` ("/" or "/guide/") resolves root-relative links.
pub fn check(output: &Output, base_path: &str) -> Vec<Diagnostic> {
    let html: Vec<(&str, &str)> = output
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| std::str::from_utf8(bytes).ok().map(|text| (path.as_str(), text)))
        .collect();
    let ids: HashMap<&str, HashSet<String>> =
        html.par_iter().map(|(path, text)| (*path, ID.captures_iter(text).map(|c| decode(&c[1])).collect())).collect();
    html.par_iter().flat_map_iter(|(path, text)| check_file(path, text, base_path, output, &ids)).collect()
}

fn check_file(
    path: &str,
    text: &str,
    base_path: &str,
    output: &Output,
    ids: &HashMap<&str, HashSet<String>>,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for captures in LINK.captures_iter(text) {
        let link = captures.get(1).expect("group 1 always matches");
        if let Some(problem) = problem(path, &decode(link.as_str()), base_path, output, ids) {
            let before = &text[..link.start()];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            found.push(Diagnostic::error(
                "broken-link",
                Place::new(&format!("public/{path}"), line, column, link.as_str().chars().count()),
                problem,
            ));
        }
    }
    found
}

fn problem(
    from: &str,
    link: &str,
    base_path: &str,
    output: &Output,
    ids: &HashMap<&str, HashSet<String>>,
) -> Option<String> {
    if link.is_empty() || link.starts_with("//") || SCHEME.is_match(link) {
        return None;
    }
    let (path, fragment) = link.split_once('#').map_or((link, None), |(p, f)| (p, Some(f)));
    let path = path.split('?').next().unwrap_or_default();
    let target = if path.is_empty() {
        from.to_string()
    } else if let Some(absolute) = path.strip_prefix('/') {
        let within = absolute.strip_prefix(base_path.trim_start_matches('/')).unwrap_or(absolute);
        within.to_string()
    } else {
        match join(from, path) {
            Some(target) => target,
            None => return Some(format!("the link \"{link}\" climbs above the site's root folder")),
        }
    };
    let target = if target.is_empty() || target.ends_with('/') { format!("{target}index.html") } else { target };
    if !output.contains_key(&target) {
        return Some(format!("the link \"{link}\" points to {target}, which the site does not have"));
    }
    match fragment {
        Some(fragment) if !fragment.is_empty() && target.ends_with(".html") => {
            let known = ids.get(target.as_str()).is_some_and(|set| set.contains(fragment));
            (!known).then(|| format!("the link \"{link}\" points to #{fragment}, which {target} does not have"))
        }
        _ => None,
    }
}

/// Resolves a relative link from an output file; `None` when it climbs above the site root.
fn join(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    Some(if link.ends_with('/') { format!("{joined}/") } else { joined })
}

/// Decodes the few entities and percent escapes that appear in generated URLs and ids.
fn decode(text: &str) -> String {
    let text = text.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or(text)
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
        ]);
        assert_eq!(check(&output, "/guide/"), Vec::new());
    }

    #[test]
    fn reports_missing_files_and_anchors_with_place() {
        let output = site(&[
            ("index.html", "<p>\n<a href=\"gone/index.html\">x</a></p>"),
            ("a/index.html", r##"<a href="../index.html#nope">x</a><a href="../../../up">x</a>"##),
        ]);
        let found = check(&output, "/");
        assert_eq!(found.len(), 3, "{found:?}");
        let first = found.iter().find(|d| d.file == "public/index.html").unwrap();
        assert_eq!((first.line, first.column), (2, 10));
        assert!(found.iter().any(|d| d.message.contains("#nope")));
    }
}
