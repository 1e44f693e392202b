//! The clock the client waits with: the timeout of each attempt, the deadline of a call, and
//! the pause between retries. Behind a trait so that a custom transport does not tie the crate
//! to tokio.

use std::future::Future;
use std::pin::pin;
use std::task::Poll;
use std::time::{Duration, Instant};

use super::http::BoxFuture;

/// The timer a [`Client`](crate::Client) sleeps and reads the time with. The default is
/// `TokioTimer` (the `tokio` cargo feature, which `reqwest` turns on); with another async
/// runtime, implement this for its timer and pass it to
/// [`ClientBuilder::timer`](crate::ClientBuilder::timer).
///
/// `now` and `sleep` must agree: after `sleep(d)` completes, `now()` is at least `d` later.
/// A test clock that jumps ahead when slept on must keep that too.
pub trait Timer: Send + Sync + 'static {
    /// A future that completes once `duration` has passed.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;

    /// The current time on this timer's clock (by default the system's monotonic clock).
    fn now(&self) -> Instant {
        Instant::now()
    }
}

#[cfg(feature = "tokio")]
pub use self::tokio_timer::TokioTimer;

#[cfg(feature = "tokio")]
mod tokio_timer {
    use std::time::{Duration, Instant};

    use super::{BoxFuture, Timer};

    /// tokio's timer: requests must then run inside a tokio runtime with the timer enabled.
    /// With tokio's paused test time, the client's waits and deadlines follow the paused clock.
    #[derive(Clone, Copy, Debug, Default)]
    pub struct TokioTimer;

    impl Timer for TokioTimer {
        fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
            Box::pin(tokio::time::sleep(duration))
        }

        fn now(&self) -> Instant {
            tokio::time::Instant::now().into_std()
        }
    }
}

/// The output of `future`, or `None` when `sleep` completes first. `future` is polled first,
/// so an answer that is already there wins over a timer that has already run out.
pub(crate) async fn timeout<T>(
    future: impl Future<Output = T>,
    mut sleep: BoxFuture<'static, ()>,
) -> Option<T> {
    let mut future = pin!(future);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Some(output));
        }
        sleep.as_mut().poll(cx).map(|()| None)
    })
    .await
}
