//! `build()`: the pipeline as a list of named steps, each timed for `--verbose`.

use crate::content::{self, Page};
use crate::diagnostics::{self, Diagnostic};
use crate::output::{self, WriteError};
use crate::project::{self, LoadError};
use crate::render::{self, theme::Templates, Output};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    /// Where the site goes; `public/` in the guide's folder by default.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Overwrite hand-edited generated pages and replace a foreign output folder.
    pub force: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub output: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    pub texts: BTreeMap<String, String>,
    pub content_written: Vec<String>,
    pub files: usize,
    pub timings: Vec<(&'static str, Duration)>,
}

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The input has errors; the report holds them, with every warning.
    #[error("the build stopped on errors")]
    Diagnostics(Box<Report>),
}

/// Builds the guide at `options.root`. Nothing is written unless every step before writing succeeded.
pub fn build(options: &Options) -> Result<Report, Failure> {
    let Rendered { mut report, plan, site } = render(options)?;
    timed(&mut report, "check output", || {
        output::check_output_folder(&options.root, &output_folder(options), options.force)
    })?;
    timed(&mut report, "write content", || output::write_content(&options.root, &plan))?;
    timed(&mut report, "write site", || output::write_site(&output_folder(options), &site))?;
    report.content_written = plan.writes.iter().map(|p| format!("content/{}", p.path)).collect();
    Ok(report)
}

/// A site built in memory, with what writing it would change in `content/`.
pub struct Rendered {
    pub report: Report,
    pub plan: content::Plan,
    pub site: Output,
}

/// Every step up to writing: the whole site in memory, links checked. `check --links` stops here.
pub fn render(options: &Options) -> Result<Rendered, Failure> {
    let mut report = Report { output: output_folder(options), ..Report::default() };
    let loaded = timed(&mut report, "read project", || project::load(&options.root));
    let (mut project, found) = match loaded {
        Err(LoadError::Settings { diagnostic, text }) => {
            report.texts.insert(crate::settings::FILE_NAME.to_string(), text);
            return Err(fail(&mut report, vec![*diagnostic]));
        }
        other => other?,
    };
    if let Some(base_url) = &options.base_url {
        project.settings.base_url = if base_url.ends_with('/') { base_url.clone() } else { format!("{base_url}/") };
    }
    report.texts.clone_from(&project.texts);
    report.diagnostics = found;
    let (guide, found) = timed(&mut report, "read seeds", || crate::pipeline::read_guide(&project));
    report.diagnostics.extend(found);
    stop_on_errors(&mut report)?;
    let generated = timed(&mut report, "generate pages", || crate::generate::pages(&guide));
    let plan = timed(&mut report, "plan content", || content::reconcile(&project.content, &generated, options.force));
    report.diagnostics.extend(plan.diagnostics.iter().cloned());
    stop_on_errors(&mut report)?;
    let pages = timed(&mut report, "parse content", || parse_pages(&plan.pages));
    let pages = collect(&mut report, pages)?;
    let templates = timed(&mut report, "load templates", || Templates::load(&project.theme));
    let templates = collect(&mut report, templates.map_err(|d| vec![d]))?;
    let input = render::Input {
        guide: &guide,
        settings: &project.settings,
        pages: &pages,
        templates: &templates,
        theme: &project.theme,
    };
    let rendered = timed(&mut report, "render", || render::site(&input));
    let (site, warnings) = collect(&mut report, rendered)?;
    report.diagnostics.extend(warnings);
    let folder = output_label(options);
    let broken =
        timed(&mut report, "check links", || render::links::check(&site, &project.settings.base_path(), &folder));
    // The pages are not written yet: show the offending lines from memory.
    for diagnostic in &broken {
        let page = diagnostic.file.strip_prefix(&format!("{folder}/")).and_then(|path| site.get(path));
        if let Some(text) = page.and_then(|bytes| std::str::from_utf8(bytes).ok()) {
            report.texts.insert(diagnostic.file.clone(), text.to_string());
        }
    }
    report.diagnostics.extend(broken);
    stop_on_errors(&mut report)?;
    diagnostics::sort_unique(&mut report.diagnostics);
    report.files = site.len();
    Ok(Rendered { report, plan, site })
}

/// The output folder as diagnostics name it: relative to the guide when inside it (`public`).
fn output_label(options: &Options) -> String {
    let folder = output_folder(options);
    let relative = folder.strip_prefix(&options.root).unwrap_or(&folder);
    crate::project::relative_name(Path::new(""), relative)
}

fn output_folder(options: &Options) -> PathBuf {
    options.output.clone().unwrap_or_else(|| options.root.join("public"))
}

fn parse_pages(texts: &BTreeMap<String, String>) -> Result<Vec<Page>, Vec<Diagnostic>> {
    let mut pages = Vec::with_capacity(texts.len());
    let mut errors = Vec::new();
    for (rel, text) in texts {
        match content::parse(rel, text) {
            Ok(page) => pages.push(page),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(pages)
    } else {
        Err(errors)
    }
}

/// Keeps the value of a step that may fail with diagnostics; on failure, ends the build with them.
fn collect<T>(report: &mut Report, result: Result<T, Vec<Diagnostic>>) -> Result<T, Failure> {
    result.map_err(|found| fail(report, found))
}

/// Ends the build with what was found so far and `found`.
fn fail(report: &mut Report, found: Vec<Diagnostic>) -> Failure {
    report.diagnostics.extend(found);
    diagnostics::sort_unique(&mut report.diagnostics);
    Failure::Diagnostics(Box::new(std::mem::take(report)))
}

fn stop_on_errors(report: &mut Report) -> Result<(), Failure> {
    if report.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(fail(report, Vec::new()));
    }
    Ok(())
}

fn timed<T>(report: &mut Report, step: &'static str, run: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = run();
    report.timings.push((step, start.elapsed()));
    value
}
