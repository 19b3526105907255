//! studyguide: source texts of quoted passages in, a study website out.
//!
//! The pipeline's stages are modules, each a function of its inputs: [`ingest`] reads source
//! texts, [`study`] turns them into one [`model::Guide`] with events and terms. [`project`]
//! reads a guide's folder; [`pipeline`] strings the stages together.

pub mod build;
pub mod commands;
pub mod content;
pub mod diagnostics;
pub mod generate;
pub mod ingest;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod project;
pub mod render;
pub mod settings;
pub mod study;
