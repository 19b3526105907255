//! The stages strung together, without touching the disk.

use crate::diagnostics::{self, Diagnostic};
use crate::model::Guide;
use crate::project::Project;
use rayon::prelude::*;

/// Reads every seed and studies them into one guide, collecting every diagnostic.
pub fn read_guide(project: &Project) -> (Guide, Vec<Diagnostic>) {
    let parsed: Vec<_> = project.seeds.par_iter().map(|(file, text)| crate::ingest::parse(file, text)).collect();
    let mut found = Vec::new();
    let mut sources = Vec::with_capacity(parsed.len());
    for (source, diagnostics) in parsed {
        sources.push(source);
        found.extend(diagnostics);
    }
    let (guide, study_diagnostics) = crate::study::study(&sources, &project.settings);
    found.extend(study_diagnostics);
    diagnostics::sort_unique(&mut found);
    (guide, found)
}
