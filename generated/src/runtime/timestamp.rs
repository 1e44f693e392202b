use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A point in time as Stripe sends it: whole seconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The timestamp `seconds` after the Unix epoch (before it, when negative).
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds)
    }

    /// Seconds since the Unix epoch.
    pub const fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The current time, to the second (rounded down).
    pub fn now() -> Self {
        Self::from(SystemTime::now())
    }

    /// The same instant as a [`SystemTime`], or `None` when the platform's `SystemTime` cannot
    /// represent it (a timestamp billions of years away; on Windows, before the year 1601).
    pub fn to_system_time(self) -> Option<SystemTime> {
        let magnitude = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        }
    }
}

/// The whole second that contains `time` (rounded down, also before the epoch: half a second
/// before it is `-1`); saturates at the ends of `i64`, which no real clock reaches.
impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Self(i64::try_from(after.as_secs()).unwrap_or(i64::MAX)),
            Err(before) => {
                let before = before.duration();
                let seconds = before.as_secs() + u64::from(before.subsec_nanos() > 0);
                Self(
                    i64::try_from(seconds)
                        .map(|seconds| -seconds)
                        .unwrap_or(i64::MIN),
                )
            }
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_to_and_from_system_time() {
        let at = |seconds: u64| UNIX_EPOCH + Duration::from_secs(seconds);
        assert_eq!(
            Timestamp::from(at(1_680_714_349)),
            Timestamp::from_unix_seconds(1_680_714_349)
        );
        // Rounded down, on both sides of the epoch.
        assert_eq!(
            Timestamp::from(at(10) + Duration::from_millis(999)),
            Timestamp::from_unix_seconds(10)
        );
        assert_eq!(
            Timestamp::from(UNIX_EPOCH - Duration::from_millis(500)),
            Timestamp::from_unix_seconds(-1)
        );
        assert_eq!(
            Timestamp::from(UNIX_EPOCH - Duration::from_secs(86_400)),
            Timestamp::from_unix_seconds(-86_400)
        );
        for seconds in [0, 1_680_714_349, -86_400] {
            let timestamp = Timestamp::from_unix_seconds(seconds);
            let time = timestamp.to_system_time().unwrap();
            assert_eq!(Timestamp::from(time), timestamp);
        }
        // Whatever the platform, the extremes give an answer rather than a panic.
        let _ = Timestamp::from_unix_seconds(i64::MAX).to_system_time();
        let _ = Timestamp::from_unix_seconds(i64::MIN).to_system_time();
        assert!(Timestamp::now() > Timestamp::from_unix_seconds(1_700_000_000));
    }
}
