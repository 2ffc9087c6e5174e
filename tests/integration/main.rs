//! Integration tests, built into one test binary to keep link time down.
mod extract;
mod hedging;
mod schema;
mod split;
mod support;
mod validate;
