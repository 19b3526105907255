use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use studyguide::commands::{check, Status};

/// studyguide: turn source texts of quoted passages into a study website.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { root, format, deny_warnings } => {
            let format = match format {
                FormatArg::Human => check::Format::Human,
                FormatArg::Json => check::Format::Json,
            };
            check::run(&root, format, deny_warnings).map_err(|e| e.to_string())
        }
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
