//! The generator end to end in process: parse, decode, validate, lower, emit and format, with
//! nothing written to disk (`codegen::generate`). Run with `cargo bench -p codegen --bench generate`.
//!
//! Budgets (BENCHMARKS.md): the shipped spec in at most 5 ms; 1,000 resources in at most 1 s,
//! with the time per resource at 1,000 within 1.5x of that at 100.

use std::path::Path;

use codegen::{Options, OutputFile, Sources};

mod synthetic;

fn main() {
    divan::main();
}

/// Lines of generated Rust, for the throughput column.
fn lines(files: &[OutputFile]) -> usize {
    files.iter().map(|file| file.contents.lines().count()).sum()
}

fn generate(sources: &Sources) -> Vec<OutputFile> {
    match codegen::generate(sources, &Options::default()) {
        Ok(files) => files,
        Err(error) => panic!("the benchmark spec does not generate:\n{error}"),
    }
}

/// The spec shipped in `spec/`, read once outside the timed loop.
#[divan::bench(sample_count = 200)]
fn shipped_spec(bencher: divan::Bencher<'_, '_>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let sources = Sources::read_dir(&dir, "spec").expect("the shipped spec is readable");
    let lines = lines(&generate(&sources));
    bencher
        .counter(divan::counter::ItemsCount::new(lines))
        .bench(|| generate(divan::black_box(&sources)));
}

/// Synthetic specs of `n` resources (see `synthetic`), built once outside the timed loop. The
/// counter is resources, so divan's `item/s` column compares per-resource cost across sizes.
#[divan::bench(args = [10, 100, 1000], sample_count = 10, sample_size = 1)]
fn synthetic_resources(bencher: divan::Bencher<'_, '_>, n: usize) {
    let sources = synthetic::spec(n);
    generate(&sources);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| generate(divan::black_box(&sources)));
}
