//! `studyguide check`: read the seeds and report what is doubtful in them.

use super::{print_diagnostics, status_of, Status};
use crate::diagnostics::{self, Diagnostic};
use crate::model::Guide;
use crate::project::{self, LoadError};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// The model with its diagnostics: what `check --format json` prints.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(flatten)]
    guide: &'a Guide,
    diagnostics: &'a [Diagnostic],
}

/// With `links`, also renders the whole site in memory and checks every link and anchor in it.
pub fn run(root: &Path, format: Format, deny_warnings: bool, links: bool) -> Result<Status, LoadError> {
    if links {
        return Ok(run_with_links(root, format, deny_warnings));
    }
    let (project, mut found) = match project::load(root) {
        Ok(loaded) => loaded,
        Err(LoadError::Settings { diagnostic, text }) => return Ok(report_settings_error(*diagnostic, text, format)),
        Err(other) => return Err(other),
    };
    let (guide, study_found) = crate::pipeline::read_guide(&project);
    found.extend(study_found);
    diagnostics::sort_unique(&mut found);
    match format {
        Format::Json => print_json(&Report { guide: &guide, diagnostics: &found }),
        Format::Human => {
            print_diagnostics(&found, &project.texts, root);
            eprintln!(
                "checked {} source text{}: {} themes, {} quotes, {} events, {} terms; {}",
                project.seeds.len(),
                if project.seeds.len() == 1 { "" } else { "s" },
                guide.themes.len(),
                guide.quotes().count(),
                guide.events.len(),
                guide.terms.len(),
                diagnostics::summary(&found)
            );
        }
    }
    Ok(status_of(&found, deny_warnings))
}

fn report_settings_error(diagnostic: Diagnostic, text: String, format: Format) -> Status {
    let found = [diagnostic];
    match format {
        Format::Json => print_json(&serde_json::json!({ "diagnostics": found })),
        Format::Human => {
            let texts = [(crate::settings::FILE_NAME.to_string(), text)].into_iter().collect();
            print_diagnostics(&found, &texts, Path::new("."));
        }
    }
    Status::Failure
}

fn print_json(value: &impl Serialize) {
    match serde_json::to_string_pretty(value) {
        // A closed pipe (`| head`) is the reader's choice, not an error worth a panic.
        Ok(json) => {
            let _ = writeln!(std::io::stdout().lock(), "{json}");
        }
        Err(error) => eprintln!("error: cannot write JSON: {error}"),
    }
}

fn run_with_links(root: &Path, format: Format, deny_warnings: bool) -> Status {
    let options = crate::build::Options { root: root.to_path_buf(), output: None, base_url: None, force: false };
    let report = match crate::build::render(&options) {
        Ok(rendered) => rendered.report,
        Err(crate::build::Failure::Diagnostics(report)) => *report,
        Err(other) => {
            eprintln!("error: {other}");
            return Status::Failure;
        }
    };
    match format {
        Format::Json => print_json(&serde_json::json!({ "diagnostics": report.diagnostics })),
        Format::Human => {
            print_diagnostics(&report.diagnostics, &report.texts, root);
            eprintln!(
                "checked the whole site ({} files) and its links: {}",
                report.files,
                diagnostics::summary(&report.diagnostics)
            );
        }
    }
    status_of(&report.diagnostics, deny_warnings)
}
