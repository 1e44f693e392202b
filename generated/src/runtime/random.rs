//! Randomness for idempotency keys and retry jitter, from the standard library alone.
//!
//! `RandomState` seeds its SipHash keys from the operating system's random source once per
//! thread and changes them for every new instance, so hashing a counter with a fresh instance
//! gives unpredictable, non-repeating 64-bit values. That is plenty for keys that only need to
//! be unique and for jitter; it is not meant for cryptographic secrets.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// 64 random bits.
pub(crate) fn random_u64() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(now) = SystemTime::now().duration_since(UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    hasher.finish()
}

/// A fresh version-4 UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`), used as an idempotency key.
pub(crate) fn uuid_v4() -> String {
    let high = random_u64();
    let low = random_u64();
    let high = (high & !0xF000) | 0x4000; // version 4
    let low = (low & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xFFFF,
        high & 0xFFFF,
        low >> 48,
        low & 0xFFFF_FFFF_FFFF
    )
}

/// A uniformly random fraction in `[0, 1)`.
pub(crate) fn random_fraction() -> f64 {
    // The top 53 bits fill an f64's mantissa exactly.
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn uuids_are_well_formed_and_unique() {
        let keys: HashSet<String> = (0..1000).map(|_| uuid_v4()).collect();
        assert_eq!(keys.len(), 1000);
        for key in &keys {
            let groups: Vec<&str> = key.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{key}");
            assert!(
                key.chars().all(|c| c == '-' || c.is_ascii_hexdigit()),
                "{key}"
            );
            assert!(groups[2].starts_with('4'), "{key}");
            assert!(
                matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
                "{key}"
            );
        }
    }

    #[test]
    fn fractions_stay_in_range_and_vary() {
        let values: Vec<f64> = (0..1000).map(|_| random_fraction()).collect();
        assert!(values.iter().all(|value| (0.0..1.0).contains(value)));
        assert!(
            values.iter().any(|value| *value < 0.5) && values.iter().any(|value| *value >= 0.5)
        );
    }
}
