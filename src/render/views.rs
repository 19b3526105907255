//! What templates see: typed views of the guide and the page, serialised for Tera.

use super::markdown::TocEntry;
use crate::generate::pages::{date_label, date_span, excerpt};
use crate::model::{Guide, Theme};
use crate::settings::Settings;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub base_url: &'a str,
    pub themes: Vec<ThemeLink<'a>>,
    pub date_span: String,
    pub quote_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeLink<'a> {
    pub number: usize,
    pub slug: &'a str,
    pub title: &'a str,
    pub path: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView<'a> {
    pub kind: &'a str,
    pub title: String,
    pub description: &'a str,
    pub path: &'a str,
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    pub has_code: bool,
    pub extra: &'a toml::Table,
}

impl<'a> PageView<'a> {
    /// A page that no Markdown file stands behind: the print view, the 404 page.
    pub fn without_source(kind: &'a str, title: String, path: &'a str, content: &'a str) -> Self {
        static NO_EXTRA: std::sync::LazyLock<toml::Table> = std::sync::LazyLock::new(toml::Table::new);
        Self {
            kind,
            title,
            description: "",
            path,
            content,
            toc: &[],
            breadcrumbs: Vec::new(),
            prev: None,
            next: None,
            has_code: false,
            extra: &NO_EXTRA,
        }
    }
}

/// A theme with its quotes, for the theme page and its handout.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView<'a> {
    #[serde(flatten)]
    pub link: ThemeLink<'a>,
    pub quotes: Vec<QuoteLink<'a>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteLink<'a> {
    pub id: &'a str,
    pub number: usize,
    pub date: String,
    pub excerpt: String,
}

/// A page on the one-page print view.
#[derive(Debug, Clone, Serialize)]
pub struct PrintSection<'a> {
    pub title: String,
    pub path: &'a str,
    pub content: String,
}

pub fn site<'a>(guide: &'a Guide, settings: &'a Settings) -> SiteView<'a> {
    SiteView {
        title: &guide.title,
        description: &settings.description,
        language: &settings.language,
        base_url: &settings.base_url,
        themes: guide.themes.iter().enumerate().map(|(i, t)| theme_link(i, t)).collect(),
        date_span: date_span(guide).unwrap_or_default(),
        quote_count: guide.quotes().count(),
    }
}

fn theme_link(index: usize, theme: &Theme) -> ThemeLink<'_> {
    ThemeLink {
        number: index + 1,
        slug: &theme.slug,
        title: &theme.title,
        path: format!("themes/{}/", theme.slug),
        count: theme.quotes.len(),
    }
}

pub fn theme(index: usize, theme: &Theme) -> ThemeView<'_> {
    ThemeView {
        link: theme_link(index, theme),
        quotes: theme
            .quotes
            .iter()
            .enumerate()
            .map(|(i, q)| QuoteLink {
                id: &q.id,
                number: i + 1,
                date: date_label(q.date),
                excerpt: excerpt(&q.text, 12),
            })
            .collect(),
    }
}
