//! What each CLI command does, as functions that return an exit status instead of exiting.

pub mod build;
pub mod check;
pub mod init;

use crate::diagnostics::{self, Diagnostic};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;

/// How a command ended, for `main` to turn into the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// The input has errors (or warnings, when they are denied).
    Failure,
}

/// Prints diagnostics the way rustc does, to standard error. Files the diagnostics point into
/// that `texts` lacks (pages of content/, templates) are read from the guide at `root` to show the line.
pub fn print_diagnostics(found: &[Diagnostic], texts: &BTreeMap<String, String>, root: &Path) {
    let mut texts = texts.clone();
    for diagnostic in found.iter().filter(|d| d.line > 0) {
        if !texts.contains_key(&diagnostic.file) {
            if let Ok(text) = std::fs::read_to_string(root.join(&diagnostic.file)) {
                texts.insert(diagnostic.file.clone(), text);
            }
        }
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", diagnostics::render_human(found, &texts, color));
}

/// Errors always fail; warnings fail only when denied.
pub fn status_of(found: &[Diagnostic], deny_warnings: bool) -> Status {
    if found.iter().any(|d| d.is_error() || deny_warnings) {
        Status::Failure
    } else {
        Status::Success
    }
}
