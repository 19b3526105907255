//! Render: pages, guide and theme in; the whole site out, as a sorted map of path → bytes.
//! Nothing here touches the disk, so two renders of the same input are byte-identical.

pub mod links;
pub mod markdown;
pub mod theme;
pub mod urls;
pub mod views;

use crate::content::Page;
use crate::diagnostics::Diagnostic;
use crate::model::Guide;
use crate::settings::Settings;
use markdown::{Highlighter, Links, Rendered};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use theme::{Templates, ThemeFiles};
use urls::relative_root;
use views::{Link, PageView, PrintSection};

/// Files to add to the output: (path, contents).
type Files = Vec<(String, Vec<u8>)>;

/// The built site: path relative to the output folder → file contents.
pub type Output = BTreeMap<String, Vec<u8>>;

pub struct Input<'a> {
    pub guide: &'a Guide,
    pub settings: &'a Settings,
    pub pages: &'a [Page],
    pub templates: &'a Templates,
    pub theme: &'a ThemeFiles,
}

/// Renders every page, the handouts, the print view and the site files. Warnings come back
/// beside the output; any error fails the whole render.
pub fn site(input: &Input) -> Result<(Output, Vec<Diagnostic>), Vec<Diagnostic>> {
    let pages: Vec<&Page> = input.pages.iter().filter(|p| !p.front.draft).collect();
    let urls: HashMap<String, String> = pages.iter().map(|p| (p.rel.clone(), p.path.clone())).collect();
    let highlighter = Highlighter::default();
    let rendered: Vec<(Rendered, Vec<Diagnostic>)> = pages
        .par_iter()
        .map(|page| {
            let links = Links { page_rel: &page.rel, from_path: &page.path, urls: &urls, in_page: None };
            markdown::render(page, &links, &highlighter)
        })
        .collect();
    let mut warnings: Vec<Diagnostic> = rendered.iter().flat_map(|(_, d)| d.iter().cloned()).collect();
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(warnings);
    }
    let site = tera::to_value(views::site(input.guide, input.settings)).map_err(|e| vec![internal(e)])?;
    let by_path: HashMap<&str, &Page> = pages.iter().map(|p| (p.path.as_str(), *p)).collect();
    let renderer = PageRenderer { input, site: &site, neighbours: neighbours(&pages), by_path };
    let mut assembly = Assembly::default();
    let results: Vec<Result<Files, Diagnostic>> =
        pages.par_iter().zip(&rendered).map(|(page, (html, _))| renderer.page_files(page, html)).collect();
    for (page, result) in pages.iter().zip(results) {
        assembly.add(result, &page.file());
    }
    let print = renderer.print(&pages, &urls, &highlighter).map(|(files, found)| {
        warnings.extend(found);
        files
    });
    assembly.add(print, "the print view");
    assembly.add(renderer.not_found(), "the 404 page");
    site_files(input, &pages, rendered.iter().any(|(r, _)| r.has_code), &mut assembly);
    if !assembly.errors.is_empty() {
        return Err(assembly.errors);
    }
    Ok((assembly.output, warnings))
}

/// The output being assembled, where no file may come from two sources.
#[derive(Default)]
struct Assembly {
    output: Output,
    origins: HashMap<String, String>,
    errors: Vec<Diagnostic>,
}

impl Assembly {
    fn add(&mut self, files: Result<Files, Diagnostic>, origin: &str) {
        let files = match files {
            Ok(files) => files,
            Err(error) => return self.errors.push(error),
        };
        for (path, bytes) in files {
            if let Some(first) = self.origins.insert(path.clone(), origin.to_string()) {
                self.errors.push(
                    Diagnostic::error(
                        "page-collision",
                        crate::diagnostics::Place::whole_file(origin),
                        format!("{first} and {origin} would both be published as /{path}"),
                    )
                    .with_help("rename or remove one of them"),
                );
            }
            self.output.insert(path, bytes);
        }
    }
}

fn internal(error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error("internal", crate::diagnostics::Place::whole_file("(render)"), error.to_string())
}

struct PageRenderer<'a> {
    input: &'a Input<'a>,
    site: &'a tera::Value,
    /// Previous and next page among a hand-written page's siblings, by published path.
    neighbours: HashMap<String, (Option<Link>, Option<Link>)>,
    /// Published pages by path, for breadcrumbs.
    by_path: HashMap<&'a str, &'a Page>,
}

impl PageRenderer<'_> {
    /// A page's HTML file, and for theme pages their printable handout beside.
    fn page_files(&self, page: &Page, rendered: &Rendered) -> Result<Files, Diagnostic> {
        let theme_index = page.front.theme.as_ref().and_then(|slug| self.theme_index(slug));
        let (prev, next) = self.neighbours.get(&page.path).cloned().unwrap_or_default();
        // A generated theme page kept after its theme left the seeds has no theme to show.
        let template = match page.template() {
            "theme.html" if theme_index.is_none() => "page.html",
            other => other,
        };
        let view = PageView {
            kind: kind_of(template, theme_index.is_some()),
            title: page.title(),
            description: &page.front.description,
            path: &page.path,
            content: &rendered.html,
            toc: &rendered.toc,
            breadcrumbs: self.breadcrumbs(&page.path),
            prev,
            next,
            has_code: rendered.has_code,
            extra: &page.front.extra,
        };
        let theme_view = theme_index.map(|i| views::theme(i, &self.input.guide.themes[i]));
        let mut context = self.context(&page.path, &view);
        if let Some(theme_view) = &theme_view {
            context.insert("theme", theme_view);
        }
        if !self.input.templates.has(template) {
            return Err(Diagnostic::error(
                "template",
                crate::diagnostics::Place::new(&page.file(), page.template_line.unwrap_or(1), 1, 1),
                format!("the template \"{template}\" does not exist"),
            )
            .with_help("name one of the theme's templates, e.g. template = \"page.html\""));
        }
        let html = self.input.templates.render(template, &context)?;
        let mut files = vec![(format!("{}index.html", page.path), html.into_bytes())];
        if let Some(theme_view) = theme_view {
            let path = format!("handouts/{}/", theme_view.link.slug);
            // A handout sits as deep as its theme page, so the same relative links work.
            let handout = PageView { kind: "handout", path: &path, breadcrumbs: Vec::new(), ..view };
            let mut context = self.context(&path, &handout);
            context.insert("theme", &theme_view);
            let html = self.input.templates.render("handout.html", &context)?;
            files.push((format!("{path}index.html"), html.into_bytes()));
        }
        Ok(files)
    }

    fn theme_index(&self, slug: &str) -> Option<usize> {
        self.input.guide.themes.iter().position(|t| t.slug == slug)
    }

    fn context(&self, path: &str, page: &PageView) -> tera::Context {
        let mut context = tera::Context::new();
        context.insert("site", self.site);
        context.insert("root", &relative_root(path));
        context.insert("page", page);
        context
    }

    /// Home, then every existing section page above this one.
    fn breadcrumbs(&self, path: &str) -> Vec<Link> {
        if path.is_empty() {
            return Vec::new();
        }
        let mut crumbs = vec![Link { title: "Home".into(), path: String::new() }];
        let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        for depth in 1..segments.len() {
            let ancestor = format!("{}/", segments[..depth].join("/"));
            if let Some(section) = self.by_path.get(ancestor.as_str()) {
                crumbs.push(Link { title: section.title(), path: ancestor });
            }
        }
        crumbs
    }

    /// The whole guide on one page: home's text, every theme, the timeline and the index,
    /// with links between them kept inside the page.
    fn print(
        &self,
        pages: &[&Page],
        urls: &HashMap<String, String>,
        highlighter: &Highlighter,
    ) -> Result<(Files, Vec<Diagnostic>), Diagnostic> {
        let theme_of = |page: &Page| page.front.theme.as_ref().and_then(|slug| self.theme_index(slug));
        let mut sections: Vec<&Page> = pages.iter().copied().filter(|p| theme_of(p).is_some()).collect();
        sections.sort_by_key(|p| theme_of(p));
        sections
            .extend(["timeline.md", "terms.md"].iter().filter_map(|rel| pages.iter().copied().find(|p| p.rel == *rel)));
        let mut anchors: HashMap<String, String> =
            sections.iter().enumerate().map(|(i, p)| (p.rel.clone(), format!("print_{}", i + 1))).collect();
        // Template ids have an underscore, which slugs never do, so no heading or quote takes them.
        anchors.insert("_index.md".into(), "sg_main".into());
        let path = "print/";
        let mut found = Vec::new();
        let mut render = |page: &Page| {
            let links = Links { page_rel: &page.rel, from_path: path, urls, in_page: Some(&anchors) };
            let (rendered, diagnostics) = markdown::render(page, &links, highlighter);
            found.extend(diagnostics);
            rendered.html
        };
        let intro = pages.iter().find(|p| p.path.is_empty()).map(|home| render(home)).unwrap_or_default();
        let print_sections: Vec<PrintSection> =
            sections.iter().map(|p| PrintSection { title: p.title(), path: &p.path, content: render(p) }).collect();
        let view = PageView::without_source("print", format!("{} (print)", self.input.guide.title), path, &intro);
        let mut context = self.context(path, &view);
        context.insert("pages", &print_sections);
        let html = self.input.templates.render("print.html", &context)?;
        found.retain(|d| d.code != "broken-link");
        Ok((vec![(format!("{path}index.html"), html.into_bytes())], found))
    }

    /// `404.html` is served at any depth, so its links start from the site's base path.
    fn not_found(&self) -> Result<Files, Diagnostic> {
        let view = PageView::without_source("404", "Page not found".into(), "404/", "");
        let mut context = self.context("", &view);
        context.insert("root", &self.input.settings.base_path());
        let html = self.input.templates.render("404.html", &context)?;
        Ok(vec![("404.html".into(), html.into_bytes())])
    }
}

/// Hand-written pages link to their siblings in the same folder, ordered by weight, then title.
fn neighbours(pages: &[&Page]) -> HashMap<String, (Option<Link>, Option<Link>)> {
    let mut folders: BTreeMap<String, Vec<&Page>> = BTreeMap::new();
    for page in pages.iter().filter(|p| p.front.generated.is_none() && !p.path.is_empty()) {
        let parent = page.path.trim_end_matches('/').rsplit_once('/').map_or("", |(folder, _)| folder);
        folders.entry(parent.to_string()).or_default().push(page);
    }
    let mut out = HashMap::new();
    for siblings in folders.values_mut() {
        siblings.sort_by_key(|p| (p.front.weight.unwrap_or(i64::MAX), p.title(), p.rel.clone()));
        let links: Vec<Link> = siblings.iter().map(|p| Link { title: p.title(), path: p.path.clone() }).collect();
        for (i, link) in links.iter().enumerate() {
            let prev = i.checked_sub(1).map(|j| links[j].clone());
            out.insert(link.path.clone(), (prev, links.get(i + 1).cloned()));
        }
    }
    out
}

fn kind_of(template: &str, is_theme: bool) -> &'static str {
    match template {
        _ if is_theme => "theme",
        "home.html" => "home",
        "timeline.html" => "timeline",
        "terms.html" => "terms",
        _ => "page",
    }
}

/// Static assets, syntax styles, `guide.json` and `sitemap.xml`. The theme's static files
/// replace the built-in ones of the same name.
fn site_files(input: &Input, pages: &[&Page], has_code: bool, assembly: &mut Assembly) {
    let mut statics: BTreeMap<String, (String, Vec<u8>)> = theme::BUILTIN_STATIC
        .iter()
        .map(|(name, bytes)| (name.to_string(), (format!("(built-in theme) static/{name}"), bytes.to_vec())))
        .collect();
    for (name, bytes) in &input.theme.statics {
        statics.insert(name.clone(), (format!("{}/static/{name}", input.theme.folder), bytes.clone()));
    }
    for (name, (origin, bytes)) in statics {
        assembly.add(Ok(vec![(name, bytes)]), &origin);
    }
    if has_code {
        assembly.add(Ok(syntax_styles()), "the syntax styles");
    }
    let mut json = serde_json::to_vec_pretty(input.guide).unwrap_or_default();
    json.push(b'\n');
    assembly.add(Ok(vec![("guide.json".into(), json)]), "the guide model");
    let sitemap = sitemap(&input.settings.base_url, pages, |slug| input.guide.themes.iter().any(|t| t.slug == slug));
    assembly.add(Ok(vec![("sitemap.xml".into(), sitemap.into_bytes())]), "the sitemap");
}

fn syntax_styles() -> Files {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    [("syntax-light.css", "InspiredGitHub"), ("syntax-dark.css", "base16-ocean.dark")]
        .into_iter()
        .filter_map(|(file, name)| {
            let css =
                syntect::html::css_for_theme_with_class_style(themes.themes.get(name)?, markdown::CLASS_STYLE).ok()?;
            Some((file.to_string(), css.into_bytes()))
        })
        .collect()
}

fn sitemap(base_url: &str, pages: &[&Page], is_theme: impl Fn(&str) -> bool) -> String {
    let mut paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
    paths.push("print/".to_string());
    let themes = pages.iter().filter_map(|p| p.front.theme.as_deref()).filter(|slug| is_theme(slug));
    paths.extend(themes.map(|slug| format!("handouts/{slug}/")));
    paths.sort();
    paths.dedup();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        let url = format!("{base_url}{}", urls::percent_encode_path(&path));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", crate::generate::escape_html(&url)));
    }
    xml.push_str("</urlset>\n");
    xml
}
