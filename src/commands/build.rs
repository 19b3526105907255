//! `studyguide build`: the study site from the seeds.

use super::{print_diagnostics, Status};
use crate::build::{self, Failure, Options};
use crate::diagnostics;

pub fn run(options: &Options, verbose: bool) -> Result<Status, Failure> {
    let started = std::time::Instant::now();
    match build::build(options) {
        Ok(report) => {
            print_diagnostics(&report.diagnostics, &report.texts, &options.root);
            if verbose {
                for (step, time) in &report.timings {
                    eprintln!("  {step:<16} {:>8.2} ms", time.as_secs_f64() * 1000.0);
                }
            }
            for written in &report.content_written {
                eprintln!("wrote {written}");
            }
            eprintln!(
                "built {} files into {} in {} ms ({})",
                report.files,
                report.output.display(),
                started.elapsed().as_millis(),
                diagnostics::summary(&report.diagnostics)
            );
            Ok(Status::Success)
        }
        Err(Failure::Diagnostics(report)) => {
            print_diagnostics(&report.diagnostics, &report.texts, &options.root);
            eprintln!(
                "error: the build stopped ({}); nothing was written, and {} is as it was",
                diagnostics::summary(&report.diagnostics),
                report.output.display()
            );
            Ok(Status::Failure)
        }
        Err(other) => Err(other),
    }
}
