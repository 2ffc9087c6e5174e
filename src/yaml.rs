//! YAML reading and writing.
