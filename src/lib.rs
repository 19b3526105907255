//! studyguide: source texts of quoted passages in, a study website out.
//!
//! The pipeline's stages are modules, each a function of its inputs:
//! [`ingest`] reads source texts, [`study`] builds the guide's events and terms.

pub mod diagnostics;
pub mod ingest;
pub mod model;
