//! Integration tests, built into one test binary to keep link time down.
mod hedging;
mod split;
