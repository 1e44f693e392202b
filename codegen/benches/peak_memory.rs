//! Peak heap of the generator on the synthetic 1,000-resource spec: the most bytes live at once
//! during `codegen::generate`, counted by a global allocator that wraps the system one
//! (`peak_alloc`). The spec text itself is built first and is included in the baseline, not in
//! the peak attributed to the generator. Run with `cargo bench -p codegen --bench peak_memory`.

use codegen::Options;
use peak_alloc::PeakAlloc;

mod synthetic;

#[global_allocator]
static ALLOCATOR: PeakAlloc = PeakAlloc;

fn main() {
    // `cargo bench` passes `--bench`; a size can be given as well: `-- 100`.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|arg| arg.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10, 100, 1000]
    } else {
        sizes
    };
    println!("generator peak heap (bytes live at once during codegen::generate)");
    for n in sizes {
        let sources = synthetic::spec(n);
        let input: usize = sources.iter().map(|(_, file)| file.text.len()).sum();
        let baseline = ALLOCATOR.current_usage();
        ALLOCATOR.reset_peak_usage();
        let files = match codegen::generate(&sources, &Options::default()) {
            Ok(files) => files,
            Err(error) => panic!("the benchmark spec does not generate:\n{error}"),
        };
        let peak = ALLOCATOR.peak_usage().saturating_sub(baseline);
        let output: usize = files.iter().map(|file| file.contents.len()).sum();
        drop(files);
        drop(sources);
        println!(
            "{n:>5} resources: peak {:>8.1} MiB  (spec text {:.1} MiB, generated text {:.1} MiB)",
            mib(peak),
            mib(input),
            mib(output),
        );
    }
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
