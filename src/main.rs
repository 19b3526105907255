use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::build::{Failure, Options};
use studyguide::commands::{self, check, Status};
use studyguide::output::WriteError;

/// studyguide: turn source texts of quoted passages into a study website.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the study site: generate Markdown pages into content/ and render public/
    Build {
        /// The guide's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: ROOT/public]
        #[arg(long)]
        output: Option<PathBuf>,
        /// The site's address, e.g. https://example.org/guide/ (overrides base_url in studyguide.toml)
        #[arg(long)]
        base_url: Option<String>,
        /// Overwrite hand-edited generated pages and replace an output folder studyguide did not make
        #[arg(long)]
        force: bool,
        /// Print how long each step took
        #[arg(long, short)]
        verbose: bool,
    },
    /// Read the seeds and report what is doubtful in them
    Check {
        /// The guide's folder
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the result
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Fail on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Also render the whole site in memory and check every internal link and anchor
        #[arg(long)]
        links: bool,
    },
    /// Start a new guide in DIR, or write the default theme out for editing
    Init {
        /// The folder of the new guide
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Write the default theme to DIR/themes/default/ instead
        #[arg(long)]
        eject_theme: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build { root, output, base_url, force, verbose } => {
            let options = Options { root, output, base_url, force };
            commands::build::run(&options, verbose).map_err(describe_failure)
        }
        Command::Check { root, format, deny_warnings, links } => {
            let format = match format {
                FormatArg::Human => check::Format::Human,
                FormatArg::Json => check::Format::Json,
            };
            check::run(&root, format, deny_warnings, links).map_err(|e| e.to_string())
        }
        Command::Init { dir, eject_theme } => init(&dir, eject_theme),
    };
    match result {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failure) => ExitCode::from(1),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn describe_failure(failure: Failure) -> String {
    match failure {
        Failure::Write(WriteError::Refused { path, why, help }) => {
            format!("refusing to build into {path}: {why}\n  = help: {help}")
        }
        other => other.to_string(),
    }
}

fn init(dir: &std::path::Path, eject_theme: bool) -> Result<Status, String> {
    let created = if eject_theme { commands::init::eject_theme(dir) } else { commands::init::guide(dir) };
    let created = created.map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    for path in &created.written {
        eprintln!("created {}", path.display());
    }
    for path in &created.kept {
        eprintln!("kept    {} (already there)", path.display());
    }
    if !eject_theme {
        eprintln!("next: studyguide build --root {}", dir.display());
    }
    Ok(Status::Success)
}
