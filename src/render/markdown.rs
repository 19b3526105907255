//! Markdown to HTML with pulldown-cmark: heading ids and a table of contents, `.md` links
//! turned into page URLs, and fenced code highlighted by syntect as CSS classes.

use super::urls;
use crate::content::Page;
use crate::diagnostics::{Diagnostic, Place};
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub has_code: bool,
}

/// Syntax highlighting, with the syntax set loaded on first use only: most guides have no code.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl Highlighter {
    fn highlight(&self, code: &str, language: &str) -> String {
        let syntaxes = self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines);
        let syntax = syntaxes.find_syntax_by_token(language).unwrap_or_else(|| syntaxes.find_syntax_plain_text());
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if generator.parse_html_for_line_which_includes_newline(line).is_err() {
                return crate::generate::escape_html(code);
            }
        }
        generator.finalize()
    }
}

/// How links between pages are written.
pub struct Links<'a> {
    /// The page's path relative to `content/`, to resolve relative links from.
    pub page_rel: &'a str,
    /// Where the HTML is published (`themes/x/`), to write relative links from.
    pub from_path: &'a str,
    /// Every page: path relative to `content/` → published path.
    pub urls: &'a HashMap<String, String>,
    /// In a one-page view (print), the pages present on that page: links to them stay in-page.
    pub in_page: Option<&'a HashMap<String, String>>,
}

/// Renders one page's body; diagnostics point into the page's file.
pub fn render(page: &Page, links: &Links, highlighter: &Highlighter) -> (Rendered, Vec<Diagnostic>) {
    let (body, file, line_offset) = (page.body.as_str(), page.file(), page.body_line_offset);
    let mut options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS;
    // Generated pages quote their sources, which show exactly as written: no curly quotes or dashes.
    if page.front.generated.is_none() {
        options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    let mut diagnostics = Vec::new();
    let mut ids = HeadingIds::new(body);
    let mut toc = Vec::new();
    let mut has_code = false;
    let mut events: Vec<Event> = Vec::new();
    let mut heading: Option<(usize, Tag)> = None;
    let mut code: Option<(String, String)> = None;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(tag @ Tag::Heading { .. }) => {
                heading = Some((events.len(), tag));
                events.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, Tag::Heading { level: level_open, id, classes, attrs })) = heading.take() {
                    let title = plain_text(&events[start + 1..]);
                    let id = ids.claim(id.as_deref(), &title);
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        toc.push(TocEntry { level: level as u8, id: id.clone(), title });
                    }
                    events[start] =
                        Event::Start(Tag::Heading { level: level_open, id: Some(id.into()), classes, attrs });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',']).next().unwrap_or_default().to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((language, buffer)) = code.take() {
                    has_code = true;
                    let class = if language.is_empty() {
                        String::new()
                    } else {
                        format!(" data-lang=\"{}\"", crate::generate::escape_html(&language))
                    };
                    let highlighted = highlighter.highlight(&buffer, &language);
                    events.push(Event::Html(
                        format!("<pre class=\"code\"{class}><code>{highlighted}</code></pre>\n").into(),
                    ));
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = match rewrite_link(&dest_url, links) {
                    Ok(Some(rewritten)) => rewritten.into(),
                    Ok(None) => dest_url,
                    Err(message) => {
                        let (line, column) = crate::diagnostics::line_column(body, range.start);
                        diagnostics.push(
                            Diagnostic::error(
                                "broken-link",
                                Place::new(&file, line + line_offset, column, range.len().min(80)),
                                message,
                            )
                            .with_help("link to another page by its path in content/, e.g. [Timeline](timeline.md)"),
                        );
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            // pulldown-cmark's checkboxes have no accessible name.
            Event::TaskListMarker(done) => {
                let (checked, label) = if done { (" checked", "Done") } else { ("", "Not done") };
                events.push(Event::InlineHtml(
                    format!("<input type=\"checkbox\" disabled{checked} aria-label=\"{label}\"> ").into(),
                ));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (Rendered { html, toc, has_code }, diagnostics)
}

fn plain_text(events: &[Event]) -> String {
    let mut out = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(t);
        }
    }
    out.trim().to_string()
}

/// Rewrites a relative `.md` link to the published page; leaves every other link alone.
/// `Err` carries the message for a link to a page that does not exist.
fn rewrite_link(dest: &str, links: &Links) -> Result<Option<String>, String> {
    if dest.starts_with('#') || dest.starts_with('/') || urls::has_scheme(dest) {
        return Ok(None);
    }
    let (path, fragment) = dest.split_once('#').map_or((dest, None), |(p, f)| (p, Some(f)));
    if !path.ends_with(".md") {
        return Ok(None);
    }
    let Some(target) = urls::join(links.page_rel, &urls::percent_decode(path)) else {
        return Err(format!("the link to \"{dest}\" climbs above content/"));
    };
    let Some(target_path) = links.urls.get(&target) else {
        return Err(format!("the link to \"{dest}\" points to content/{target}, which does not exist or is a draft"));
    };
    if let Some(anchor) = links.in_page.and_then(|pages| pages.get(&target)) {
        return Ok(Some(format!("#{}", fragment.unwrap_or(anchor))));
    }
    let hash = fragment.map_or_else(String::new, |f| format!("#{f}"));
    Ok(Some(format!(
        "{}{}index.html{hash}",
        urls::relative_root(links.from_path),
        urls::percent_encode_path(target_path)
    )))
}

/// Heading ids that are unique on the page, including against ids written in raw HTML.
struct HeadingIds {
    taken: HashSet<String>,
}

impl HeadingIds {
    fn new(body: &str) -> Self {
        static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]+)""#).expect("valid"));
        Self { taken: ID.captures_iter(body).map(|c| c[1].to_string()).collect() }
    }

    fn claim(&mut self, explicit: Option<&str>, title: &str) -> String {
        let base = explicit.map(str::to_string).unwrap_or_else(|| {
            let slug = slug::slugify(title);
            if slug.is_empty() {
                "section".to_string()
            } else {
                slug
            }
        });
        let id = (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
            .find(|candidate| !self.taken.contains(candidate))
            .expect("an unbounded range always yields a free id");
        self.taken.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_page(body: &str, rel: &str) -> (Rendered, Vec<Diagnostic>) {
        let urls: HashMap<String, String> = ["_index.md", "timeline.md", "themes/a.md", "notes/deep.md"]
            .iter()
            .map(|r| (r.to_string(), crate::content::url_path(r)))
            .collect();
        let path = crate::content::url_path(rel);
        let links = Links { page_rel: rel, from_path: &path, urls: &urls, in_page: None };
        let page = crate::content::parse(rel, &format!("+++\n+++\n{body}")).expect("valid page");
        render(&page, &links, &Highlighter::default())
    }

    #[test]
    fn md_links_become_relative_page_urls() {
        let (r, d) = render_page("[t](../timeline.md#2017) [h](../_index.md) [x](https://x.org/a.md)", "themes/a.md");
        assert!(d.is_empty());
        assert!(r.html.contains(r#"href="../../timeline/index.html#2017""#), "{}", r.html);
        assert!(r.html.contains(r#"href="../../index.html""#), "{}", r.html);
        assert!(r.html.contains(r#"href="https://x.org/a.md""#), "{}", r.html);
    }

    #[test]
    fn broken_md_links_are_reported_at_their_line() {
        let (_, d) = render_page("intro\n\nsee [gone](gone.md)", "_index.md");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (5, 5), "line 5 of the file, after two lines of front matter");
        assert!(d[0].message.contains("content/gone.md"));
    }

    #[test]
    fn headings_get_unique_ids_and_a_toc() {
        let (r, _) = render_page("<section id=\"intro\">\n\n## Intro\n\n### Intro\n\n## Custom {#mine}\n", "_index.md");
        assert!(r.html.contains(r#"<h2 id="intro-2">Intro</h2>"#), "{}", r.html);
        assert!(r.html.contains(r#"<h3 id="intro-3">Intro</h3>"#), "{}", r.html);
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["intro-2", "intro-3", "mine"]);
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let (r, _) = render_page("```rust\nfn main() {}\n```\n", "_index.md");
        assert!(r.has_code);
        assert!(r.html.contains(r#"<pre class="code" data-lang="rust"><code>"#), "{}", r.html);
        assert!(r.html.contains("hl-"), "{}", r.html);
    }

    #[test]
    fn tables_footnotes_strikethrough_smart_punctuation() {
        let (r, _) = render_page("|a|b|\n|-|-|\n|1|2|\n\nx[^1] ~~y~~ \"z\"\n\n[^1]: note\n", "_index.md");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.html.contains("<del>y</del>"));
        assert!(r.html.contains("“z”"));
    }

    #[test]
    fn task_list_checkboxes_have_names() {
        let (r, _) = render_page("- [x] read\n- [ ] write\n", "_index.md");
        assert!(r.html.contains(r#"<input type="checkbox" disabled checked aria-label="Done">"#), "{}", r.html);
        assert!(r.html.contains(r#"<input type="checkbox" disabled aria-label="Not done">"#), "{}", r.html);
    }
}
