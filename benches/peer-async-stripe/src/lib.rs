//! Nothing: this package exists for its `decode` benchmark (see `benches/decode.rs`).
