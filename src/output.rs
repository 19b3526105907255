//! Writing: generated Markdown into `content/`, and the built site swapped in whole. The other
//! place (with [`crate::project`]) that touches the disk.

use crate::content::Plan;
use crate::render::Output;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Marks an output folder as studyguide's, so a later build may replace it.
pub const MARKER: &str = ".studyguide";
const MARKER_TEXT: &str = "This folder is built by studyguide and replaced whole on every build.\n";

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("refusing to build into {path}: {why}")]
    Refused { path: String, why: String, help: String },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io { path: path.display().to_string(), source }
}

/// Refuses an output folder that would destroy something: the guide itself, a folder above
/// it, or (unless `force`) a folder of files studyguide did not make.
pub fn check_output_folder(root: &Path, out: &Path, force: bool) -> Result<(), WriteError> {
    let root = root.canonicalize().map_err(io_error(root))?;
    let out_abs = absolute(out)?;
    if root.starts_with(&out_abs) {
        return Err(WriteError::Refused {
            path: out.display().to_string(),
            why: "it is the guide's folder or a folder that contains it, and building replaces it whole".into(),
            help: "choose an output folder inside or beside the guide, such as public/".into(),
        });
    }
    for inputs in ["seeds", "content", "themes"] {
        if out_abs.starts_with(root.join(inputs)) {
            return Err(WriteError::Refused {
                path: out.display().to_string(),
                why: format!("it is inside the guide's {inputs}/ folder, which holds its inputs"),
                help: "choose an output folder outside seeds/, content/ and themes/, such as public/".into(),
            });
        }
    }
    if out_abs.exists() && !out_abs.is_dir() {
        return Err(WriteError::Refused {
            path: out.display().to_string(),
            why: "it is a file".into(),
            help: "choose a folder".into(),
        });
    }
    if !out_abs.exists() || force {
        return Ok(());
    }
    let is_empty = out_abs.read_dir().map_err(io_error(out))?.next().is_none();
    if !is_empty && !out_abs.join(MARKER).exists() {
        return Err(WriteError::Refused {
            path: out.display().to_string(),
            why: "it holds files that studyguide did not make, and building replaces the folder whole".into(),
            help: "choose another output folder, empty this one, or pass --force to replace it".into(),
        });
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf, WriteError> {
    if let Ok(canonical) = path.canonicalize() {
        return Ok(canonical);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let parent = parent.canonicalize().map_err(io_error(parent))?;
    Ok(parent.join(path.file_name().unwrap_or_default()))
}

/// Writes the generated pages that changed and removes stale ones. Each file is written
/// beside its target and renamed over it, so a killed build never leaves half a page.
pub fn write_content(root: &Path, plan: &Plan) -> Result<(), WriteError> {
    let content = root.join("content");
    for page in &plan.writes {
        let target = content.join(&page.path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        let partial = target.with_extension("md.partial");
        std::fs::write(&partial, &page.text).map_err(io_error(&partial))?;
        std::fs::rename(&partial, &target).map_err(io_error(&target))?;
    }
    for rel in &plan.removals {
        let target = content.join(rel);
        std::fs::remove_file(&target).map_err(io_error(&target))?;
    }
    Ok(())
}

/// Writes the site into a fresh folder beside `out`, then swaps it in. A failure before the
/// swap leaves the previous site as it was.
pub fn write_site(out: &Path, output: &Output) -> Result<(), WriteError> {
    let out = absolute(out)?;
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    std::fs::create_dir_all(&parent).map_err(io_error(&parent))?;
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let previous = parent.join(format!(".{name}.old-{}", std::process::id()));
    remove_leftovers(&parent, &name);
    if let Err(error) = fill(&staging, output) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    let replaced = swap_in(&staging, &out, &previous)?;
    let _ = std::fs::remove_dir_all(replaced);
    Ok(())
}

/// Puts `staging` where `out` is and returns where the replaced site went. On Linux the two
/// folders trade places in one atomic step, so a reader (or a kill) never finds `out` missing;
/// elsewhere `out` first moves aside to `previous`.
fn swap_in(staging: &Path, out: &Path, previous: &Path) -> Result<PathBuf, WriteError> {
    if out.exists() {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{renameat_with, RenameFlags, CWD};
            if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
                return Ok(staging.to_path_buf());
            }
        }
        std::fs::rename(out, previous).map_err(io_error(out))?;
    }
    std::fs::rename(staging, out).map_err(io_error(out))?;
    Ok(previous.to_path_buf())
}

/// A build killed between writing and swapping leaves its staging folder behind; the next build
/// clears it (and any previous site not yet removed).
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let prefixes = [format!(".{name}.new-"), format!(".{name}.old-")];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn fill(folder: &Path, output: &Output) -> Result<(), WriteError> {
    std::fs::create_dir_all(folder).map_err(io_error(folder))?;
    let mut folders: Vec<PathBuf> =
        output.keys().filter_map(|p| Path::new(p).parent().map(|d| folder.join(d))).collect();
    folders.dedup();
    for dir in &folders {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    }
    output.par_iter().try_for_each(|(path, bytes)| {
        let target = folder.join(path);
        std::fs::write(&target, bytes).map_err(io_error(&target))
    })?;
    let marker = folder.join(MARKER);
    std::fs::write(&marker, MARKER_TEXT).map_err(io_error(&marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(files: &[(&str, &str)]) -> Output {
        files.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())).collect()
    }

    #[test]
    fn swaps_in_a_whole_new_site_and_drops_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &output(&[("index.html", "one"), ("old/index.html", "stale")])).unwrap();
        write_site(&out, &output(&[("index.html", "two")])).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        assert!(out.join(MARKER).exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn a_killed_build_leaves_nothing_behind_after_the_next() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".public.new-999999/themes")).unwrap();
        write_site(&dir.path().join("public"), &output(&[("index.html", "x")])).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["public"]);
    }

    #[test]
    fn refuses_dangerous_output_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("guide");
        std::fs::create_dir_all(root.join("seeds")).unwrap();
        assert!(check_output_folder(&root, &root, true).is_err(), "the guide itself");
        assert!(check_output_folder(&root, dir.path(), true).is_err(), "a parent of the guide");
        assert!(check_output_folder(&root, &root.join("content"), true).is_err(), "inputs, even forced");
        assert!(check_output_folder(&root, &root.join("themes/x/out"), true).is_err(), "inputs, even forced");
        let mine = root.join("mine");
        std::fs::create_dir_all(&mine).unwrap();
        assert!(check_output_folder(&root, &mine, false).is_ok(), "an empty folder");
        std::fs::write(mine.join("a.txt"), "x").unwrap();
        assert!(check_output_folder(&root, &mine, false).is_err(), "not ours");
        assert!(check_output_folder(&root, &mine, true).is_ok(), "not ours, but forced");
        assert!(check_output_folder(&root, &root.join("public"), false).is_ok(), "new folder");
        std::fs::write(root.join("notes.txt"), "important").unwrap();
        assert!(check_output_folder(&root, &root.join("notes.txt"), true).is_err(), "a file, even forced");
        write_site(&root.join("public"), &output(&[("index.html", "x")])).unwrap();
        assert!(check_output_folder(&root, &root.join("public"), false).is_ok(), "ours");
    }
}
