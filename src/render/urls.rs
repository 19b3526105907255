//! Relative links between published files, shared by the Markdown renderer and the link check.

use regex::Regex;
use std::sync::LazyLock;

/// Whether a link names a scheme (`https:`, `mailto:`), i.e. leaves the site.
pub fn has_scheme(link: &str) -> bool {
    static SCHEME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-zA-Z][a-zA-Z0-9+.-]*:").expect("valid"));
    SCHEME.is_match(link)
}

/// Joins a relative link to the folder of the file `from`; `None` when it climbs above the root.
/// A trailing `/` on the link is kept, so folder links stay recognisable.
pub fn join(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    Some(if link.ends_with('/') && !joined.is_empty() { format!("{joined}/") } else { joined })
}

/// From a published path to the site root: "" → "", `themes/x/` → `../../`.
pub fn relative_root(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Decodes `%XX` escapes, as in `about%20me.md`; invalid UTF-8 leaves the text as it was.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// Encodes what may not stand in a URL path as `%XX`, keeping `/` and unreserved characters.
pub fn percent_encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_links() {
        assert_eq!(join("themes/a.md", "../timeline.md").as_deref(), Some("timeline.md"));
        assert_eq!(join("a/index.html", "./b/").as_deref(), Some("a/b/"));
        assert_eq!(join("index.html", "../up"), None);
        assert_eq!(join("index.html", "").as_deref(), Some(""));
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("about%20me.md"), "about me.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_encode_path("about me/é/"), "about%20me/%C3%A9/");
    }

    #[test]
    fn schemes_and_roots() {
        assert!(has_scheme("mailto:x@y") && has_scheme("https://x") && !has_scheme("a/b:c"));
        assert_eq!(relative_root("themes/x/"), "../../");
        assert_eq!(relative_root(""), "");
    }
}
