//! Integration tests, built into one test binary to keep link time down.
mod extract;
mod hedging;
mod matching;
mod schema;
mod split;
mod support;
mod validate;
mod attribution;
mod check;
