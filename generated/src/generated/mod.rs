// placeholder until the generator writes this file
/// The Stripe API version.
pub const API_VERSION: &str = "2026-07-29.dahlia";
