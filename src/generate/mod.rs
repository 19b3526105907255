//! Generate: the guide becomes Markdown study pages that read well on their own — on a Git
//! host or in any Markdown viewer — and that the site renders like any other page.

mod escape;
pub mod pages;

pub use escape::html as escape_html;

use crate::content::front_matter::{join, FrontMatter, Generated};
use crate::model::Guide;
use sha2::{Digest, Sha256};

/// A generated Markdown page; `path` is relative to `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedPage {
    pub path: String,
    pub text: String,
}

pub const GENERATOR: &str = "studyguide";

/// Every generated page, in a fixed order: home, themes, timeline, terms.
pub fn pages(guide: &Guide) -> Vec<GeneratedPage> {
    let lookup = pages::Lookup::new(guide);
    let mut out = vec![page("_index.md", front("home.html", &guide.title, None, 0), pages::home(guide))];
    for (index, theme) in guide.themes.iter().enumerate() {
        let front = FrontMatter {
            theme: Some(theme.slug.clone()),
            ..front("theme.html", &theme.title, None, index as i64 + 1)
        };
        out.push(page(&format!("themes/{}.md", theme.slug), front, pages::theme(guide, index, &lookup)));
    }
    out.push(page(
        "timeline.md",
        front("timeline.html", "Timeline", Some(pages::timeline_description(guide)), 0),
        pages::timeline(guide, &lookup),
    ));
    out.push(page("terms.md", front("terms.html", "Index", None, 0), pages::terms(guide, &lookup)));
    out
}

fn front(template: &str, title: &str, description: Option<String>, weight: i64) -> FrontMatter {
    FrontMatter {
        title: Some(title.to_string()),
        description: description.unwrap_or_default(),
        template: Some(template.to_string()),
        weight: (weight > 0).then_some(weight),
        ..FrontMatter::default()
    }
}

/// Assembles a page and seals it with the hash of its own text (taken with an empty hash).
fn page(path: &str, mut front_matter: FrontMatter, body: String) -> GeneratedPage {
    front_matter.generated = Some(Generated { by: GENERATOR.to_string(), hash: String::new() });
    let unsealed = join(&front_matter, &body);
    let hash = hash_of(&unsealed);
    front_matter.generated = Some(Generated { by: GENERATOR.to_string(), hash });
    GeneratedPage { path: path.to_string(), text: join(&front_matter, &body) }
}

fn hash_of(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Whether a generated page's text is still exactly what studyguide wrote: its recorded hash
/// matches the hash of its text with the hash emptied. Hand edits anywhere break the seal.
pub fn is_untouched(text: &str, recorded_hash: &str) -> bool {
    // A checkout with CRLF line ends (Git's autocrlf) is not an edit.
    let text = text.replace("\r\n", "\n");
    let needle = format!("hash = \"{recorded_hash}\"");
    !recorded_hash.is_empty()
        && text.matches(&needle).count() == 1
        && hash_of(&text.replacen(&needle, "hash = \"\"", 1)) == recorded_hash
}

#[cfg(test)]
mod tests;
