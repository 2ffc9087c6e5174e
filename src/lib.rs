//! claimtrail: turn article text into reviewed, hashed claim records, and guard them in CI.
//!
//! Data flows one way: text → [`segment`] sentences → [`attribution`] and [`hedging`] → [`record`] claim files →
//! YAML ([`yaml`]) ↔ records → [`validate`] problems → [`report`]. Only the [`cli`] module prints, and what it
//! shows of untrusted text goes through [`escape::visible`].

pub mod article;
pub mod attribution;
pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod escape;
pub mod extract;
pub mod fsutil;
pub mod hash;
pub mod hedging;
pub mod matching;
pub mod merge;
pub mod position;
pub mod record;
pub mod registry;
pub mod report;
pub mod schema;
pub mod segment;
pub mod syntax;
pub mod validate;
pub mod walk;
pub mod yaml;
