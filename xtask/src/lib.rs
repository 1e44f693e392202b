//! The library behind `cargo xtask`: Stripe's OpenAPI file read as typed data ([`openapi`]), the
//! comparison of `spec/` with it ([`audit`]), and the import of its resources into `spec/` YAML
//! ([`import`]). `main.rs` only parses the command line and calls these.

pub mod audit;
pub mod commands;
pub mod import;
pub mod openapi;
pub mod pairing;
pub mod whole_api;
