//! Themes: Tera templates and static files. The default theme is compiled into the binary;
//! a file of the same name in the guide's `themes/<name>/` overrides the built-in one.

use crate::diagnostics::{Diagnostic, Place};
use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The default theme, as shipped: (name, text).
pub const BUILTIN_TEMPLATES: [(&str, &str); 9] = [
    ("base.html", include_str!("../../themes/default/templates/base.html")),
    ("home.html", include_str!("../../themes/default/templates/home.html")),
    ("theme.html", include_str!("../../themes/default/templates/theme.html")),
    ("timeline.html", include_str!("../../themes/default/templates/timeline.html")),
    ("terms.html", include_str!("../../themes/default/templates/terms.html")),
    ("page.html", include_str!("../../themes/default/templates/page.html")),
    ("print.html", include_str!("../../themes/default/templates/print.html")),
    ("handout.html", include_str!("../../themes/default/templates/handout.html")),
    ("404.html", include_str!("../../themes/default/templates/404.html")),
];

pub const BUILTIN_STATIC: [(&str, &[u8]); 1] = [("style.css", include_bytes!("../../themes/default/static/style.css"))];

/// A theme's files as found in the guide: `templates/*.html` and `static/**`, relative to the theme folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeFiles {
    /// Folder of the theme in the guide, for diagnostics: `themes/default`.
    pub folder: String,
    pub templates: BTreeMap<String, String>,
    pub statics: BTreeMap<String, Vec<u8>>,
}

/// Tera with the built-in templates, overridden by the guide's, and where each came from.
pub struct Templates {
    tera: tera::Tera,
    sources: BTreeMap<String, (String, String)>,
}

impl Templates {
    pub fn load(files: &ThemeFiles) -> Result<Self, Diagnostic> {
        let mut sources: BTreeMap<String, (String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), (format!("(built-in theme) templates/{name}"), text.to_string())))
            .collect();
        for (name, text) in &files.templates {
            sources.insert(name.clone(), (format!("{}/templates/{name}", files.folder), text.clone()));
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_text);
        tera.add_raw_templates(sources.iter().map(|(name, (_, text))| (name.as_str(), text.as_str())))
            .map_err(|error| template_diagnostic(&error, &sources))?;
        Ok(Self { tera, sources })
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(name, context).map_err(|error| template_diagnostic(&error, &self.sources))
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }
}

/// Tera's default escaper also escapes `/`, which makes every URL unreadable; these five suffice.
fn escape_text(text: &str) -> String {
    crate::generate::escape_html(text)
}

/// Turns a Tera error into a diagnostic naming the template file and, where known, the line.
fn template_diagnostic(error: &tera::Error, sources: &BTreeMap<String, (String, String)>) -> Diagnostic {
    static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"'([^']+\.(?:html|xml))'").expect("valid"));
    static AT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"--> (\d+):(\d+)").expect("valid"));
    static VARIABLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"Variable `([^`]+)`").expect("valid"));
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        chain.push(inner.to_string());
        source = inner.source();
    }
    let full = chain.join("\n");
    let name = NAME.captures_iter(&full).last().map(|c| c[1].to_string()).unwrap_or_default();
    let (file, text) = sources.get(&name).cloned().unwrap_or_else(|| (name.clone(), String::new()));
    let (line, column, message, help) = match AT.captures(&full) {
        // A parse error: pest's report ends with "= what was expected".
        Some(at) => {
            let expected = full.lines().rev().find_map(|l| l.trim().strip_prefix("= ")).unwrap_or("syntax error");
            let message = format!("{name} does not parse: {expected}");
            let help = "check the tags around this place: {{ … }}, {% … %} and {# … #} must each be closed";
            (at[1].parse().unwrap_or(0), at[2].parse().unwrap_or(0), message, help)
        }
        // Tera does not say where a render error happened; the first use of the variable is the best guess.
        None => {
            let place = VARIABLE.captures(&full).and_then(|c| {
                let (index, line) = text.lines().enumerate().find(|(_, l)| l.contains(&c[1]))?;
                Some((index + 1, line[..line.find(&c[1])?].chars().count() + 1))
            });
            let (line, column) = place.unwrap_or((0, 0));
            let message = chain.last().map_or("template error", |m| m.lines().next().unwrap_or_default()).trim();
            let help = "templates receive `root`, `site` and `page` (and `theme` on theme pages and handouts); \
                        the README lists every variable";
            (line, column, message.to_string(), help)
        }
    };
    Diagnostic::error("template", Place::new(&file, line, column, 1), message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_theme_loads() {
        let templates = Templates::load(&ThemeFiles::default()).expect("the built-in theme is valid");
        assert!(templates.has("base.html"));
    }

    #[test]
    fn syntax_errors_name_template_and_line() {
        let files = ThemeFiles {
            folder: "themes/default".into(),
            templates: BTreeMap::from([(
                "page.html".into(),
                "{% extends \"base.html\" %}\n\n{% block content %}{{ oops(\n{% endblock content %}".into(),
            )]),
            statics: BTreeMap::new(),
        };
        let err = Templates::load(&files).err().expect("a broken template is an error");
        assert_eq!(err.file, "themes/default/templates/page.html");
        assert_eq!(err.line, 4, "where the parser stopped");
    }

    #[test]
    fn render_errors_name_template_and_line_of_the_variable() {
        let files = ThemeFiles {
            folder: "themes/default".into(),
            templates: BTreeMap::from([("page.html".into(), "line one\n{{ no_such_thing }}\n".into())]),
            statics: BTreeMap::new(),
        };
        let templates = Templates::load(&files).unwrap();
        let err = templates.render("page.html", &tera::Context::new()).unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("themes/default/templates/page.html", 2));
        assert!(err.message.contains("no_such_thing"), "{}", err.message);
    }
}
