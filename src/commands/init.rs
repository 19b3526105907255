//! `studyguide init`: a new guide, or the default theme written out for editing.

use crate::render::theme::{BUILTIN_STATIC, BUILTIN_TEMPLATES};
use std::path::{Path, PathBuf};

const SETTINGS: &str = r#"# Settings for this study guide. Every key is optional; see the README for all of them.
title = "My study guide"
description = ""
# Where the site will be published; links also work from any sub-path and from the file system.
base_url = "/"
language = "en"

[index]
# Terms that always go in the index, and other spellings that count as mentions.
terms = []
aliases = {}

# Fix what a source got wrong without editing the source:
# [[corrections]]
# match = "on March 2020, 4"
# date = "2020-04-01"
# note = "the tour ran from March 29 to April 1, 2020"
"#;

const EXAMPLE_SEED: &str = "A short example of a source text. Paragraphs before the first heading are the preface.

Reading closely

Reading is to the mind what exercise is to the body.

——Richard Steele, The Tatler, no. 147, March 18, 1710

Study without desire spoils the memory, and it retains nothing that it takes in.

——Leonardo da Vinci, notebooks, 1490

Learning together

Tell me and I forget, teach me and I may remember, involve me and I learn.

——Attributed; a lecture on education, 2019-05-06
";

const GITIGNORE: &str = "/public/\n/.public.*\n";

/// What `init` did, file by file.
#[derive(Debug, Default)]
pub struct Created {
    pub written: Vec<PathBuf>,
    pub kept: Vec<PathBuf>,
}

/// Scaffolds a guide in `dir`; files that already exist are kept as they are.
pub fn guide(dir: &Path) -> std::io::Result<Created> {
    let files: [(&str, &[u8]); 3] = [
        ("studyguide.toml", SETTINGS.as_bytes()),
        ("seeds/example.txt", EXAMPLE_SEED.as_bytes()),
        (".gitignore", GITIGNORE.as_bytes()),
    ];
    write_new(dir, &files)
}

/// Writes the built-in theme to `dir/themes/default/` for editing; existing files are kept.
pub fn eject_theme(dir: &Path) -> std::io::Result<Created> {
    let templates =
        BUILTIN_TEMPLATES.iter().map(|(name, text)| (format!("themes/default/templates/{name}"), text.as_bytes()));
    let statics = BUILTIN_STATIC.iter().map(|(name, bytes)| (format!("themes/default/static/{name}"), *bytes));
    let files: Vec<(String, &[u8])> = templates.chain(statics).collect();
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    write_new(dir, &files)
}

fn write_new(dir: &Path, files: &[(&str, &[u8])]) -> std::io::Result<Created> {
    let mut created = Created::default();
    for (name, bytes) in files {
        let path = dir.join(name);
        if path.exists() {
            created.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        created.written.push(path);
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffolds_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "mine\n").unwrap();
        let created = guide(dir.path()).unwrap();
        assert_eq!(created.written.len(), 2);
        assert_eq!(std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(), "mine\n");
        crate::settings::Settings::parse("studyguide.toml", SETTINGS).expect("the scaffolded settings are valid");
        let ejected = eject_theme(dir.path()).unwrap();
        assert_eq!(ejected.written.len(), BUILTIN_TEMPLATES.len() + BUILTIN_STATIC.len());
    }

    #[test]
    fn example_seed_reads_cleanly() {
        let (source, found) = crate::ingest::parse("seeds/example.txt", EXAMPLE_SEED);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(source.themes.len(), 2);
    }
}
