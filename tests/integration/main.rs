//! Integration tests, built into one test binary to keep link time down.

// Tests print skip notes (missing ../shared, missing tools) and scores; the library may not print, tests may.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod attribution;
mod audit;
mod check;
mod constructions;
mod escaping;
mod extract;
mod fast_yaml;
mod fuzz;
mod hedging;
mod limits;
mod matching;
mod review_flow;
mod sarif;
mod schema;
mod split;
mod support;
mod syntax;
mod validate;
mod writes;
