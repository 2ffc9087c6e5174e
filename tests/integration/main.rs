//! Integration tests, built into one test binary to keep link time down.
mod attribution;
mod check;
mod extract;
mod hedging;
mod matching;
mod sarif;
mod schema;
mod split;
mod support;
mod validate;
mod audit;
