//! Reading a guide from disk: settings and source texts. One of the two places that touch
//! the file system (the other writes the output).

use crate::diagnostics::{Diagnostic, Place};
use crate::render::theme::ThemeFiles;
use crate::settings::{Settings, FILE_NAME};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A guide's inputs, as read from its folder.
#[derive(Debug, Clone)]
pub struct Project {
    pub settings: Settings,
    /// Source texts by path relative to the root (`seeds/x.txt`), sorted by path.
    pub seeds: BTreeMap<String, String>,
    /// Markdown pages by path relative to `content/` (`themes/x.md`).
    pub content: BTreeMap<String, String>,
    /// The guide's own theme files, which override the built-in theme's.
    pub theme: ThemeFiles,
    /// The text of every file a diagnostic may point into, for showing the offending line.
    pub texts: BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("there is no guide folder at {0}")]
    NoGuide(String),
    #[error("cannot read {path}: {source}")]
    Io { path: String, source: std::io::Error },
    /// The settings file is invalid; its text comes along so the error can show the line.
    #[error("invalid settings")]
    Settings { diagnostic: Box<Diagnostic>, text: String },
}

/// Reads settings and seeds. Files that are not UTF-8 become error diagnostics, not failures,
/// so that one bad file does not hide the findings in the others.
pub fn load(root: &Path) -> Result<(Project, Vec<Diagnostic>), LoadError> {
    if !root.is_dir() {
        return Err(LoadError::NoGuide(root.display().to_string()));
    }
    let mut texts = BTreeMap::new();
    let settings_path = root.join(FILE_NAME);
    let settings = match read_optional(&settings_path)? {
        Some(text) => match Settings::parse(FILE_NAME, &text) {
            Ok(settings) => {
                texts.insert(FILE_NAME.to_string(), text);
                settings
            }
            Err(diagnostic) => return Err(LoadError::Settings { diagnostic: Box::new(diagnostic), text }),
        },
        None => Settings::default(),
    };
    let mut diagnostics = Vec::new();
    let mut seeds = BTreeMap::new();
    for path in files_under(&root.join("seeds"), "txt")? {
        let name = relative_name(root, &path);
        let bytes = std::fs::read(&path).map_err(|source| LoadError::Io { path: name.clone(), source })?;
        match crate::ingest::decode(&name, &bytes) {
            Ok(text) => {
                seeds.insert(name.clone(), text.to_string());
                texts.insert(name, text.to_string());
            }
            Err(diagnostic) => {
                texts.insert(name, String::from_utf8_lossy(&bytes).into_owned());
                diagnostics.push(diagnostic);
            }
        }
    }
    if seeds.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::warning("no-seeds", Place::whole_file("seeds/"), "no source texts (seeds/*.txt) found")
                .with_help("put a source text in seeds/, or run `studyguide init` to start a guide"),
        );
    }
    let mut content = BTreeMap::new();
    let content_dir = root.join("content");
    for path in files_under(&content_dir, "md")? {
        let name = relative_name(root, &path);
        let bytes = std::fs::read(&path).map_err(|source| LoadError::Io { path: name.clone(), source })?;
        match crate::ingest::decode(&name, &bytes) {
            Ok(text) => {
                content.insert(relative_name(&content_dir, &path), text.to_string());
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let theme = theme_files(root, &settings.theme)?;
    Ok((Project { settings, seeds, content, theme, texts }, diagnostics))
}

fn theme_files(root: &Path, name: &str) -> Result<ThemeFiles, LoadError> {
    let folder = root.join("themes").join(name);
    let mut files = ThemeFiles { folder: format!("themes/{name}"), ..ThemeFiles::default() };
    let templates = folder.join("templates");
    for path in files_under(&templates, "html")?.into_iter().chain(files_under(&templates, "xml")?) {
        let text = std::fs::read_to_string(&path)
            .map_err(|source| LoadError::Io { path: relative_name(root, &path), source })?;
        files.templates.insert(relative_name(&templates, &path), text);
    }
    let statics = folder.join("static");
    for path in files_under(&statics, "")? {
        let bytes =
            std::fs::read(&path).map_err(|source| LoadError::Io { path: relative_name(root, &path), source })?;
        files.statics.insert(relative_name(&statics, &path), bytes);
    }
    Ok(files)
}

fn read_optional(path: &Path) -> Result<Option<String>, LoadError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(LoadError::Io { path: path.display().to_string(), source }),
    }
}

/// Files below `dir` with the given extension (any, when empty), sorted; none when `dir` is absent.
fn files_under(dir: &Path, extension: &str) -> Result<Vec<PathBuf>, LoadError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.map_err(|e| LoadError::Io { path: dir.display().to_string(), source: e.into() })?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let matches = extension.is_empty() || entry.path().extension().is_some_and(|e| e == extension);
        if entry.file_type().is_file() && matches && !hidden {
            paths.push(entry.into_path());
        }
    }
    Ok(paths)
}

/// `root/seeds/x.txt` → `seeds/x.txt`, with forward slashes on every platform.
pub fn relative_name(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
