//! The `claimtrail` binary: everything lives in the library; this only maps the result to an exit code.

/// mimalloc: validation and extraction allocate many small strings per file; glibc malloc was a fifth of the run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    claimtrail::cli::main()
}
