//! Stripe's webhook signature scheme. The `Stripe-Signature` header holds `t=<timestamp>` and
//! one or more `v1=<signature>`, each the hex HMAC-SHA256 of `"{t}.{payload}"` keyed with the
//! endpoint's signing secret. Several `v1` signatures appear while a secret is being rolled;
//! any one may match. Other schemes (`v0`, in test mode) are ignored, as Stripe's own libraries
//! ignore them.

use std::time::Duration;

use ring::hmac;
use subtle::ConstantTimeEq;

use super::error::WebhookError;
use crate::Timestamp;

/// Checks that `signature_header` (the `Stripe-Signature` header) signs `payload` with `secret`,
/// and that its timestamp is within `tolerance` of `now`, before or after.
///
/// [`construct_event`](super::construct_event) does this, then decodes the event; call this
/// alone to verify a payload you decode some other way.
pub fn verify_signature(
    payload: &[u8],
    signature_header: &str,
    secret: &str,
    tolerance: Duration,
    now: Timestamp,
) -> Result<(), WebhookError> {
    if secret.is_empty() {
        return Err(WebhookError::EmptySecret);
    }
    let header = parse(signature_header)?;
    let expected = signature(secret, header.timestamp_text, payload);
    // `ct_eq` takes the same time whatever the bytes, so the time taken does not tell an
    // attacker how much of a guessed signature was right. (A length mismatch returns at once:
    // the length of a signature is no secret.)
    let matches = header
        .v1
        .iter()
        .any(|candidate| bool::from(candidate.as_bytes().ct_eq(&expected)));
    if !matches {
        return Err(WebhookError::NoMatchingSignature);
    }
    let now = now.unix_seconds();
    if now.abs_diff(header.timestamp) > tolerance.as_secs() {
        return Err(WebhookError::TimestampOutsideTolerance {
            timestamp: header.timestamp,
            now,
            tolerance,
        });
    }
    Ok(())
}

/// A `Stripe-Signature` header signing `payload` with `secret` at `timestamp`, as Stripe would
/// send it: for testing webhook handlers.
///
/// ```
/// use stripe_client::Timestamp;
/// use stripe_client::webhook::generate_test_header;
///
/// let header = generate_test_header(b"{}", "whsec_test", Timestamp::from_unix_seconds(1_700_000_000));
/// assert!(header.starts_with("t=1700000000,v1="));
/// ```
pub fn generate_test_header(payload: &[u8], secret: &str, timestamp: Timestamp) -> String {
    let timestamp = timestamp.unix_seconds().to_string();
    let signature = signature(secret, &timestamp, payload);
    // Hex digits are ASCII.
    let signature = String::from_utf8_lossy(&signature);
    format!("t={timestamp},v1={signature}")
}

/// The parts of a `Stripe-Signature` header that matter.
struct SignatureHeader<'h> {
    /// `t` as written, which is what was signed.
    timestamp_text: &'h str,
    /// `t` in seconds since the Unix epoch.
    timestamp: i64,
    /// Every `v1` signature, in order.
    v1: Vec<&'h str>,
}

fn parse(header: &str) -> Result<SignatureHeader<'_>, WebhookError> {
    let malformed = |reason| WebhookError::MalformedHeader { reason };
    if header.trim().is_empty() {
        return Err(malformed("it is empty"));
    }
    let mut timestamp = None;
    let mut v1 = Vec::new();
    // Empty items (a trailing comma) are skipped, as Stripe's libraries skip them.
    for item in header
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let Some((key, value)) = item.split_once('=') else {
            return Err(malformed("an item is not `key=value`"));
        };
        match key {
            "t" => {
                if timestamp.is_some() {
                    return Err(malformed("it has more than one `t`"));
                }
                let seconds = value
                    .bytes()
                    .all(|byte| byte.is_ascii_digit())
                    .then(|| value.parse::<i64>().ok())
                    .flatten()
                    .ok_or(malformed("`t` is not a number of seconds"))?;
                timestamp = Some((value, seconds));
            }
            "v1" => v1.push(value),
            _ => {}
        }
    }
    let Some((timestamp_text, timestamp)) = timestamp else {
        return Err(malformed("it has no `t=` timestamp"));
    };
    if v1.is_empty() {
        return Err(WebhookError::NoV1Signature);
    }
    Ok(SignatureHeader {
        timestamp_text,
        timestamp,
        v1,
    })
}

/// The `v1` signature of `payload` at `timestamp`: HMAC-SHA256 of `"{timestamp}.{payload}"`, in
/// lowercase hex.
fn signature(secret: &str, timestamp: &str, payload: &[u8]) -> [u8; 64] {
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let mut context = hmac::Context::with_key(&key);
    context.update(timestamp.as_bytes());
    context.update(b".");
    context.update(payload);
    let tag = context.sign();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut hex = [0; 64];
    for (pair, byte) in hex.chunks_exact_mut(2).zip(tag.as_ref()) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 0xf)];
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Stripe's scheme: HMAC-SHA256 keyed with the secret's full text, `whsec_` included, over
    /// `"{t}.{payload}"`, in lowercase hex. The expected value was computed independently:
    /// `printf '%s' '1492774577.{"id":"evt_1"}' | openssl dgst -sha256 -hmac whsec_test_secret`.
    #[test]
    fn signs_timestamp_dot_payload_with_the_whole_secret() {
        let signature = signature("whsec_test_secret", "1492774577", b"{\"id\":\"evt_1\"}");
        assert_eq!(
            std::str::from_utf8(&signature).unwrap(),
            "799c4ba7bb339f3c8601adfd112f0e477c930a268be1243d341abb8286501c2f"
        );
    }

    #[test]
    fn reads_every_v1_signature_and_ignores_other_schemes() {
        let header = parse("t=12,v0=aa,v1=bb, v1=cc ,").unwrap();
        assert_eq!(header.timestamp, 12);
        assert_eq!(header.timestamp_text, "12");
        assert_eq!(header.v1, ["bb", "cc"]);
    }

    #[test]
    fn tells_malformed_headers_apart() {
        let reason = |header| match parse(header) {
            Err(WebhookError::MalformedHeader { reason }) => reason,
            Err(other) => panic!("{header:?}: {other:?}"),
            Ok(_) => panic!("{header:?} parsed"),
        };
        assert_eq!(reason(""), "it is empty");
        assert_eq!(reason("v1=aa"), "it has no `t=` timestamp");
        assert_eq!(reason("t=1,t=2,v1=aa"), "it has more than one `t`");
        assert_eq!(reason("t=-1,v1=aa"), "`t` is not a number of seconds");
        assert_eq!(reason("t=,v1=aa"), "`t` is not a number of seconds");
        assert_eq!(
            reason("t=99999999999999999999,v1=aa"),
            "`t` is not a number of seconds"
        );
        assert_eq!(reason("garbage"), "an item is not `key=value`");
        assert!(matches!(
            parse("t=1,v0=aa"),
            Err(WebhookError::NoV1Signature)
        ));
    }
}
