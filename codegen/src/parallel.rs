//! Runs one job per input on every core, keeping the inputs' order in the results. The stages
//! that work file by file (decoding, validating, lowering, emitting and formatting) share it: a
//! whole-API spec has hundreds of files, and a stage left on one core bounds the run however
//! fast the others are. The light stages (validating, lowering) take another core only when the
//! spec is large enough to repay starting a thread.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// `job(state, input)` for every input, on up to as many threads as there are cores, in the
/// order of `inputs`. Each thread makes its own `state` with `init` (for values that are not
/// `Send`, such as syn's); threads take the next input as they finish one, so a large file
/// does not hold up the small ones behind it. A panic in a job is raised again here.
pub fn map<T, S, R>(
    inputs: &[T],
    init: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    map_on(cores(), inputs, init, job)
}

/// Bytes of spec text a thread of a light stage must have to repay its start (page faults for
/// its stack and its malloc arena, then trimming them). Measured on two cores: at 270 KB of
/// spec a second thread checking and lowering gained nothing, at 910 KB it gained 10%, and on
/// the shipped spec (60 KB) it lost.
const LIGHT_BYTES_PER_THREAD: usize = 256 * 1024;

/// [`map`] for a stage that does little per byte of spec (validation, lowering), given the
/// spec's size: it starts a thread only for each 256 KiB of it, up to one per core, so a small
/// spec runs on the caller's thread alone.
pub fn map_light<T, R>(inputs: &[T], spec_bytes: usize, job: impl Fn(&T) -> R + Sync) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    map_on(
        light_threads(spec_bytes, cores()),
        inputs,
        || (),
        |(), input| job(input),
    )
}

/// The threads a light stage uses for `spec_bytes` of spec on `cores` cores.
fn light_threads(spec_bytes: usize, cores: usize) -> usize {
    (spec_bytes / LIGHT_BYTES_PER_THREAD).clamp(1, cores)
}

/// [`map`] on at most `threads` threads, the caller's among them.
fn map_on<T, S, R>(
    threads: usize,
    inputs: &[T],
    init: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(index) else {
                return done;
            };
            done.push((index, job(&mut state, input)));
        }
    };
    let threads = threads.min(inputs.len());
    let mut results: Vec<(usize, R)> = if threads <= 1 {
        worker()
    } else {
        thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(worker)).collect();
            let mut results = worker();
            for helper in helpers {
                match helper.join() {
                    Ok(done) => results.extend(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            results
        })
    };
    results.sort_unstable_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// The cores this process may use, asked once: `available_parallelism` reads the cgroup's
/// quota from three files at every call (27 µs here, four times a run, on a shipped spec that
/// generates in about 6 ms).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| thread::available_parallelism().map_or(1, usize::from))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn keeps_the_order_of_the_inputs() {
        let inputs: Vec<usize> = (0..1000).collect();
        // Uneven jobs, so that threads finish out of order.
        let results = map(
            &inputs,
            || (),
            |_, &n| {
                if n % 7 == 0 {
                    thread::yield_now();
                }
                n * 2
            },
        );
        assert_eq!(results, inputs.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn makes_state_once_per_thread_and_runs_every_job_once() {
        let inits = AtomicUsize::new(0);
        let seen = Mutex::new(Vec::new());
        let inputs: Vec<usize> = (0..100).collect();
        map(
            &inputs,
            || inits.fetch_add(1, Ordering::Relaxed),
            |_, &n| seen.lock().unwrap().push(n),
        );
        let threads = thread::available_parallelism().map_or(1, usize::from);
        assert!(inits.load(Ordering::Relaxed) <= threads);
        let mut seen = seen.into_inner().unwrap();
        seen.sort_unstable();
        assert_eq!(seen, inputs);
    }

    #[test]
    fn a_light_stage_takes_a_thread_per_256_kib_of_spec_up_to_every_core() {
        let kib = 1024;
        assert_eq!(light_threads(0, 8), 1);
        assert_eq!(light_threads(511 * kib, 8), 1);
        assert_eq!(light_threads(512 * kib, 8), 2);
        assert_eq!(light_threads(600 * kib, 8), 2);
        assert_eq!(light_threads(usize::MAX, 8), 8);
        assert_eq!(light_threads(usize::MAX, 1), 1);
        // Whatever the threads, the results are in the inputs' order.
        let inputs: Vec<usize> = (0..100).collect();
        let results = map_light(&inputs, usize::MAX, |&n| n + 1);
        assert_eq!(results, (1..=100).collect::<Vec<_>>());
    }

    #[test]
    fn no_inputs_no_results() {
        let results: Vec<()> = map(&[] as &[u8], || (), |_, _| ());
        assert!(results.is_empty());
    }

    #[test]
    #[should_panic(expected = "job 3 failed")]
    fn a_panic_in_a_job_reaches_the_caller() {
        let inputs: Vec<usize> = (0..8).collect();
        map(&inputs, || (), |_, &n| assert_ne!(n, 3, "job 3 failed"));
    }
}
