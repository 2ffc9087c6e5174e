//! YAML reading and writing for claim files.
//!
//! Reading goes through our own small event consumer on top of `saphyr-parser` rather than a serde deserializer,
//! because validation needs three things a deserializer does not give together: a JSON value to check against the
//! JSON Schema, the line and column of every node (to locate schema and integrity errors), and hard refusals of what
//! claim files never need and attackers love (anchors/aliases → "billion laughs", deep nesting, duplicate keys,
//! multiple documents). Writing uses `serde-saphyr`, which quotes strings that YAML 1.1 readers would misread.

mod comments;
mod emit;
mod fast;
mod load;
mod write;

pub use comments::comments;
pub use emit::claim_file as claim_file_to_yaml;
pub use emit::write_claim_file as write_claim_file_yaml;
pub use emit::{FileHead, write_claims as write_claims_yaml};
#[doc(hidden)]
pub use fast::{load as load_fast, load_located as load_located_fast};
pub use load::{Loc, Located, Locator, YamlError, load, load_located};
#[doc(hidden)]
pub use load::{load_located_reference, load_reference};
pub use write::{SCHEMA_COMMENT_CLAIMS, SCHEMA_COMMENT_SOURCES, to_yaml};
