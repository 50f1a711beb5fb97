use std::process::ExitCode;

use clap::Parser as _;
use platform_eval::cli::Cli;
use platform_eval::commands::{self, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse(); // usage errors exit 2 from clap
    match commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS, // `| head` closed the pipe
        Err(e) if e.is::<commands::Reported>() => ExitCode::from(Outcome::BadInput.exit_code()),
        Err(e) => {
            anstream::eprintln!("error: {e:#}");
            ExitCode::from(Outcome::BadInput.exit_code())
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
