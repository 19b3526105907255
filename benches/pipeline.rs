//! Pipeline benchmarks: reading the seed, reading a 20,000-quote source, and generating and
//! rendering the seed's site in memory.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use studyguide::settings::Settings;

const SEED: &str = include_str!("../seeds/governance-of-data.txt");

/// A source of `themes` × `per_theme` quotes in the seed's format, with varied dates.
fn large_source(themes: usize, per_theme: usize) -> String {
    let mut text = String::from("A preface.\n\n");
    for t in 0..themes {
        text.push_str(&format!("Theme number {t} on data and governance\n\n"));
        for q in 0..per_theme {
            let month = ["January", "March", "June", "December"][q % 4];
            text.push_str(&format!(
                "Quote {q} of theme {t}: big data and cloud computing serve the people, and data governance \
                 needs international data cooperation across the digital economy.\n\n\
                 ——{month} {}, {}, speech at meeting {q} of the committee\n\n",
                2000 + q % 24,
                q % 12 + 1
            ));
        }
    }
    text
}

fn read(c: &mut Criterion) {
    c.bench_function("ingest+study seed", |b| {
        b.iter(|| {
            let (source, _) = studyguide::ingest::parse("seeds/s.txt", black_box(SEED));
            studyguide::study::study(&[source], &Settings::default())
        })
    });
    let large = large_source(200, 100);
    let mut group = c.benchmark_group("large");
    group.sample_size(10);
    group.bench_function("ingest+study 20,000 quotes", |b| {
        b.iter(|| {
            let (source, _) = studyguide::ingest::parse("seeds/l.txt", black_box(&large));
            studyguide::study::study(&[source], &Settings::default())
        })
    });
    group.finish();
}

fn render(c: &mut Criterion) {
    let (source, _) = studyguide::ingest::parse("seeds/s.txt", SEED);
    let settings = Settings::default();
    let (guide, _) = studyguide::study::study(&[source], &settings);
    let templates = studyguide::render::theme::Templates::load(&Default::default()).expect("built-in theme");
    c.bench_function("generate+render seed site", |b| {
        b.iter(|| {
            let pages: Vec<_> = studyguide::generate::pages(&guide)
                .iter()
                .map(|g| studyguide::content::parse(&g.path, &g.text).expect("generated pages parse"))
                .collect();
            let theme = Default::default();
            let input = studyguide::render::Input {
                guide: &guide,
                settings: &settings,
                pages: &pages,
                templates: &templates,
                theme: &theme,
            };
            studyguide::render::site(&input).expect("the seed renders")
        })
    });
}

criterion_group!(benches, read, render);
criterion_main!(benches);
