//! From bytes to paragraphs: decoding, normalising white space and line ends, and
//! remembering where every character of a joined paragraph stood in the file.

use crate::diagnostics::{Diagnostic, Place};

/// Decodes a source file, or says where its first invalid byte is.
pub fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    std::str::from_utf8(bytes).map_err(|error| {
        let offset = error.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        // Lines as `lines` counts them: CR alone ends a line too.
        let valid = valid.replace("\r\n", "\n").replace('\r', "\n");
        let (line, column) = crate::diagnostics::line_column(&valid, valid.len());
        Diagnostic::error(
            "invalid-utf8",
            Place::new(file, line, column, 1),
            format!("{file} is not valid UTF-8: invalid byte 0x{:02X} at byte offset {offset}", bytes[offset]),
        )
        .with_help("save the file as UTF-8 (most editors offer \"Save with encoding\")")
    })
}

/// Maps a character that only separates words (tab, NBSP, full-width space, …) to a plain space.
/// Every character maps to exactly one, so columns in the normalised text are the file's columns.
fn normalise_char(c: char) -> char {
    match c {
        '\t' | '\u{A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{FEFF}' => ' ',
        other => other,
    }
}

/// The file's lines with BOM, line ends and odd spaces normalised.
pub fn lines(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        lines.push(rest[..end].chars().map(normalise_char).collect());
        rest = &rest[end..];
        rest = rest.strip_prefix("\r\n").or_else(|| rest.strip_prefix(['\r', '\n'])).unwrap_or(rest);
    }
    lines
}

/// Where a run of a paragraph's text starts in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    offset: usize,
    line: usize,
    column: usize,
}

/// Lines between blank lines, joined (hard wraps are soft), with runs of spaces collapsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// 1-based line of the first line.
    pub line: usize,
    pub line_count: usize,
    segments: Vec<Segment>,
}

impl Paragraph {
    /// The 1-based line and character column of a byte offset in `text`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let index = self.segments.partition_point(|s| s.offset <= offset).saturating_sub(1);
        let segment = self.segments.get(index).copied().unwrap_or(Segment { offset: 0, line: self.line, column: 1 });
        let chars = self.text.get(segment.offset..offset).map_or(0, |s| s.chars().count());
        (segment.line, segment.column + chars)
    }

    /// The place of a byte range of `text`, for a diagnostic.
    pub fn place<'a>(&self, file: &'a str, range: std::ops::Range<usize>) -> Place<'a> {
        let (line, column) = self.position(range.start);
        let width = self.text.get(range).map_or(1, |s| s.chars().count());
        Place::new(file, line, column, width)
    }
}

/// Chinese, Japanese and Korean characters (and full-width forms), which are written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x2FA1F)
}

/// Splits normalised lines into paragraphs.
pub fn paragraphs(lines: &[String]) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    for (index, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            paragraphs.extend(current.take());
            continue;
        }
        let paragraph = current.get_or_insert_with(|| Paragraph {
            text: String::new(),
            line: index + 1,
            line_count: 0,
            segments: Vec::new(),
        });
        append_line(paragraph, index + 1, line);
    }
    paragraphs.extend(current);
    paragraphs
}

fn append_line(paragraph: &mut Paragraph, line_number: usize, line: &str) {
    let first_char = line.trim_start().chars().next();
    let joins_cjk = paragraph.text.chars().next_back().is_some_and(is_cjk) && first_char.is_some_and(is_cjk);
    if !paragraph.text.is_empty() && !joins_cjk {
        paragraph.text.push(' ');
    }
    paragraph.line_count += 1;
    let mut seen_word = false;
    let mut gap = 0;
    for (index, c) in line.chars().enumerate() {
        if c == ' ' {
            gap += 1;
            continue;
        }
        if seen_word && gap > 0 {
            paragraph.text.push(' ');
        }
        // A single space keeps text and file columns in step; anything else starts a new run.
        if !seen_word || gap > 1 {
            paragraph.segments.push(Segment { offset: paragraph.text.len(), line: line_number, column: index + 1 });
        }
        paragraph.text.push(c);
        seen_word = true;
        gap = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Paragraph {
        let mut ps = paragraphs(&lines(text));
        assert_eq!(ps.len(), 1, "{ps:?}");
        ps.remove(0)
    }

    #[test]
    fn line_ends_bom_and_spaces_are_normalised() {
        assert_eq!(lines("\u{FEFF}a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(lines("a\u{A0}b\u{3000}c\td"), ["a b c d"]);
        assert_eq!(lines("a\r\n\r\nb"), ["a", "", "b"]);
    }

    #[test]
    fn hard_wraps_are_soft_and_spaces_collapse() {
        let p = one("  one  two\n three\n");
        assert_eq!(p.text, "one two three");
        assert_eq!(p.line, 1);
        assert_eq!(p.line_count, 2);
    }

    #[test]
    fn cjk_lines_join_without_a_space() {
        assert_eq!(one("大数据\n治理").text, "大数据治理");
        assert_eq!(one("big\n治理").text, "big 治理");
    }

    #[test]
    fn positions_map_back_to_the_file() {
        let p = one("\n  one  two\n three four\n");
        let at = |needle: &str| p.position(p.text.find(needle).unwrap());
        assert_eq!(at("one"), (2, 3));
        assert_eq!(at("two"), (2, 8));
        assert_eq!(at("three"), (3, 2));
        assert_eq!(at("four"), (3, 8));
        assert_eq!(at("wo"), (2, 9));
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let p = one("——March 2020, 4");
        assert_eq!(p.position(p.text.find('4').unwrap()), (1, 15));
    }

    #[test]
    fn invalid_utf8_names_file_and_offset() {
        let err = decode("seeds/x.txt", b"ok\nab\xFFcd").unwrap_err();
        assert!(err.message.contains("seeds/x.txt"));
        assert!(err.message.contains("byte offset 5"), "{}", err.message);
        assert_eq!((err.line, err.column), (2, 3));
    }
}
