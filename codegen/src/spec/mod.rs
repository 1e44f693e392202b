//! The spec's syntax ([`ast`]), its decoding from YAML ([`decode`]) and its type expressions
//! ([`types`]).

pub mod ast;
pub mod decode;
pub mod path;
pub mod types;
