//! Nothing of its own: the crate exists to build async-stripe's resource crates.
