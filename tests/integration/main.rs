//! Integration tests, built into one test binary to keep link time down.
mod hedging;
mod support;
mod validate;
mod schema;
mod split;
