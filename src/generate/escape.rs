//! Source text is data: these make sure no quote can change Markdown structure.

/// Escapes text for a Markdown paragraph: every character that could open emphasis, a link,
/// HTML, an entity, a table cell or a heading attribute becomes a literal.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '{' | '}' | '$' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a whole paragraph: [`inline`], plus what only matters at the start of a line
/// (headings, lists, block quotes, thematic breaks, ordered-list numbers).
pub fn paragraph(text: &str) -> String {
    let escaped = inline(text);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    let after_digits = escaped[digits..].chars().next();
    if escaped.starts_with(['+', '-', '=', '!', ':']) {
        format!("\\{escaped}")
    } else if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// Escapes text for an HTML attribute value or element in raw HTML blocks.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(markdown: &str) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(markdown));
        html
    }

    #[test]
    fn markup_in_quotes_stays_text() {
        let hostile = "<script>alert(1)</script> *a* _b_ [c](d) `e` &amp; | f | {{ g }} ~~h~~";
        let html = render(&paragraph(hostile));
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; *a* _b_ [c](d) `e` &amp;amp; | f | {{ g }} ~~h~~</p>\n"
        );
    }

    #[test]
    fn a_hash_never_closes_a_heading() {
        assert_eq!(render(&format!("### {}", inline("Meeting #"))), "<h3>Meeting #</h3>\n");
    }

    #[test]
    fn line_start_constructs_stay_text() {
        for text in ["# not a heading", "- not a list", "+ no", "1. not a list", "> not a quote", "--- no"] {
            let html = render(&paragraph(text));
            assert_eq!(html, format!("<p>{}</p>\n", text.replace('>', "&gt;")), "{text}");
        }
    }
}
