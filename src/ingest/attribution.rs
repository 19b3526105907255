//! Reading an attribution line: its partial date, the occasion and, where named, the speaker.
//!
//! Dates are never invented: a part the text does not give stays unknown, and a part the text
//! contradicts is dropped with a warning rather than guessed.

use crate::model::{days_in_month, PartialDate, MONTH_NAMES};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What an attribution says, with findings placed by byte range in the attribution text.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub date: Option<PartialDate>,
    pub occasion: String,
    pub speaker: Option<String>,
    pub findings: Vec<Finding>,
}

/// A doubt about an attribution, placed in its text; the caller turns it into a diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub code: &'static str,
    pub span: Range<usize>,
    pub message: String,
    pub help: String,
}

const MONTH: &str = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

/// The date forms, most specific first; at the same position the earlier form wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    MonthDayYear,
    DayMonthYear,
    Iso,
    Chinese,
    /// The machine-translated `December 2017, 12`: month, year, then the month's number again.
    MonthYearNumber,
    /// The machine-translated `June 6, 22`: month, the month's number, then the day; no year.
    MonthNumberDay,
    MonthYear,
    MonthDay,
    Year,
}

static FORMS: LazyLock<Vec<(Form, Regex)>> = LazyLock::new(|| {
    let build = |pattern: String| Regex::new(&pattern).expect("date patterns are valid");
    vec![
        (Form::MonthDayYear, build(format!(r"\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"))),
        (Form::DayMonthYear, build(format!(r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTH},?\s+(?P<y>\d{{4}})\b"))),
        (Form::Iso, build(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?\b".into())),
        (Form::Chinese, build(r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?)?".into())),
        (Form::MonthYearNumber, build(format!(r"\b{MONTH}\s+(?P<y>\d{{4}}),\s*(?P<n>\d{{1,2}})\b"))),
        (Form::MonthNumberDay, build(format!(r"\b{MONTH}\s+(?P<n>\d{{1,2}}),\s*(?P<d>\d{{1,2}})\b"))),
        (Form::MonthYear, build(format!(r"\b{MONTH},?\s+(?P<y>\d{{4}})\b"))),
        (Form::MonthDay, build(format!(r"\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"))),
        // A bare number is read as a year only from 1500 to 2099: "1200 students" is no date.
        (Form::Year, build(r"\b(?P<y>1[5-9][0-9]{2}|20[0-9]{2})\b".into())),
    ]
});

static ORDINAL_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?P<y>\d{4})(?:st|nd|rd|th)\b").expect("valid pattern"));

static SPEAKER_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:On|In|At)\s+[^,]*,\s*)?(?P<who>[A-Z][\p{L}.\-]+(?:\s+[A-Z][\p{L}.\-]+){0,3})(?:'s|’s|\s+(?:said|says|sent|wrote|told|stressed|noted|pointed|emphasized|emphasised|delivered|addressed|gave|in|at|during|on))\b")
        .expect("valid pattern")
});

static SPEAKER_ZH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<who>[\p{Han}&&[^在致的给于]]{2,4}?)(?:同志)?(?:在|致|的|主持|出席|考察|给)")
        .expect("valid pattern")
});

static LEADING_PREPOSITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:on|in|at|dated|from)\b").expect("valid pattern"));
static TRAILING_PREPOSITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\s+(?:on|in|at|dated|from|of)$").expect("valid pattern"));

fn month_number(name: &str) -> u8 {
    let index = MONTH_NAMES.iter().position(|m| m[..3].eq_ignore_ascii_case(&name[..3])).unwrap_or(0);
    index as u8 + 1
}

/// Reads an attribution's text (the part after the dash).
pub fn read(text: &str) -> Reading {
    let mut findings = Vec::new();
    let found = find_date(text);
    let (date, date_span) = match found {
        Some((form, span, caps)) => {
            let help = correction_help(&text[..span.end]);
            let found = DateMatch { form, span: span.clone(), caps, text, help };
            (interpret(&found, &mut findings), Some(span))
        }
        None => (None, None),
    };
    let date = date.or_else(|| year_from_ordinal(text, date_span.is_some(), &mut findings));
    let occasion = occasion(text, date_span);
    let speaker = speaker(&occasion);
    Reading { date, occasion, speaker, findings }
}

type Captures = Vec<(&'static str, Range<usize>)>;

fn find_date(text: &str) -> Option<(Form, Range<usize>, Captures)> {
    let mut best: Option<(Form, Range<usize>, Captures)> = None;
    for (form, regex) in FORMS.iter() {
        for caps in regex.captures_iter(text) {
            let whole = caps.get(0).expect("group 0 always matches");
            if *form == Form::Year && text[whole.end()..].starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            if best.as_ref().is_some_and(|(_, span, _)| span.start <= whole.start()) {
                break;
            }
            let names = ["mon", "y", "m", "d", "n"];
            let groups = names.iter().filter_map(|n| caps.name(n).map(|m| (*n, m.range()))).collect();
            best = Some((*form, whole.range(), groups));
            break;
        }
    }
    best
}

fn group<'t>(caps: &Captures, text: &'t str, name: &str) -> Option<(&'t str, Range<usize>)> {
    caps.iter().find(|(n, _)| *n == name).map(|(_, r)| (&text[r.clone()], r.clone()))
}

fn number<T: std::str::FromStr>(caps: &Captures, text: &str, name: &str) -> Option<(T, Range<usize>)> {
    group(caps, text, name).and_then(|(s, r)| s.parse().ok().map(|v| (v, r)))
}

/// One date expression found in an attribution, with what interpreting it needs.
struct DateMatch<'t> {
    form: Form,
    /// Where the expression is in `text`.
    span: Range<usize>,
    caps: Captures,
    text: &'t str,
    /// The correction to suggest when a part of the date is doubtful.
    help: String,
}

impl DateMatch<'_> {
    fn group(&self, name: &str) -> Option<(&str, Range<usize>)> {
        group(&self.caps, self.text, name)
    }

    fn number<T: std::str::FromStr>(&self, name: &str) -> Option<(T, Range<usize>)> {
        number(&self.caps, self.text, name)
    }
}

fn interpret(m: &DateMatch, findings: &mut Vec<Finding>) -> Option<PartialDate> {
    let month = m.group("mon").map(|(name, _)| month_number(name)).or_else(|| m.number("m").map(|(n, _)| n));
    let year: Option<i32> = m.number("y").map(|(y, _)| y);
    match m.form {
        Form::MonthYearNumber => {
            let (repeated, span): (u8, _) = m.number("n")?;
            let (year, month) = (year?, month?);
            if repeated != month {
                findings.push(contradiction(span, repeated, month, year, &m.help));
            }
            Some(PartialDate::month(year, month))
        }
        Form::MonthNumberDay => {
            let (repeated, span): (u8, _) = m.number("n")?;
            let month = month?;
            if repeated == month {
                return without_year(m, month, m.number("d"), findings);
            }
            findings.push(Finding {
                code: "date-contradiction",
                span,
                message: format!(
                    "the number {repeated} does not match the month {} ({month}), so the day is unknown",
                    MONTH_NAMES[usize::from(month) - 1]
                ),
                help: m.help.clone(),
            });
            without_year(m, month, None, findings)
        }
        Form::MonthDay => without_year(m, month?, m.number("d"), findings),
        _ => {
            let year = year?;
            let Some(month) = month else { return Some(PartialDate::year(year)) };
            if !(1..=12).contains(&month) {
                let (_, span) = m.group("m")?;
                findings.push(Finding {
                    code: "date-contradiction",
                    span,
                    message: format!("{month} is not a month; only the year {year} is kept"),
                    help: m.help.clone(),
                });
                return Some(PartialDate::year(year));
            }
            Some(validate_day(PartialDate::month(year, month), m.number("d"), &m.help, findings))
        }
    }
}

/// A date that names a month (and maybe a day) but no year: the year comes from an ordinal
/// such as "the 2022th meeting", with a warning, or the quote stays undated.
fn without_year(
    m: &DateMatch,
    month: u8,
    day: Option<(u8, Range<usize>)>,
    findings: &mut Vec<Finding>,
) -> Option<PartialDate> {
    let Some((year, span)) = ordinal_year(m.text) else {
        findings.push(Finding {
            code: "date-without-year",
            span: m.span.clone(),
            message: "the date names no year, so the quote is undated".into(),
            help: m.help.clone(),
        });
        return None;
    };
    findings.push(ordinal_finding(year, span, m.text));
    Some(validate_day(PartialDate::month(year, month), day, &m.help, findings))
}

/// Adds the day to a year-month date when the month has such a day; warns and keeps the month otherwise.
fn validate_day(
    date: PartialDate,
    day: Option<(u8, Range<usize>)>,
    help: &str,
    findings: &mut Vec<Finding>,
) -> PartialDate {
    let (Some((day, span)), Some(month)) = (day, date.month) else { return date };
    if (1..=days_in_month(date.year, month)).contains(&day) {
        return PartialDate::day(date.year, month, day);
    }
    findings.push(Finding {
        code: "date-contradiction",
        span,
        message: format!("{} has no day {day}; only {} is kept", MONTH_NAMES[usize::from(month) - 1], date),
        help: help.to_string(),
    });
    date
}

fn contradiction(span: Range<usize>, repeated: u8, month: u8, year: i32, help: &str) -> Finding {
    let name = MONTH_NAMES[usize::from(month) - 1];
    Finding {
        code: "date-contradiction",
        span,
        message: format!(
            "the number {repeated} after \"{name} {year}\" contradicts the month ({name} is {month}); \
             only {} is kept and the day is unknown",
            PartialDate::month(year, month)
        ),
        help: help.to_string(),
    }
}

/// `text` ends where the date does; the suggested `match` is the date and a few words before it.
fn correction_help(text: &str) -> String {
    let start = text.char_indices().rev().filter(|(_, c)| c.is_whitespace()).nth(4).map_or(0, |(i, _)| i + 1);
    let snippet = &text[start..];
    format!(
        "if you know the date, add to studyguide.toml:\n[[corrections]]\nmatch = \"{}\"\ndate = \"YYYY-MM-DD\"",
        snippet.replace('\\', "\\\\").replace('"', "\\\"")
    )
}

fn ordinal_year(text: &str) -> Option<(i32, Range<usize>)> {
    let caps = ORDINAL_YEAR.captures(text)?;
    let m = caps.name("y")?;
    let year: i32 = m.as_str().parse().ok()?;
    (1000..=2200).contains(&year).then(|| (year, caps.get(0).map_or(m.range(), |w| w.range())))
}

fn ordinal_finding(year: i32, span: Range<usize>, text: &str) -> Finding {
    Finding {
        code: "year-from-ordinal",
        message: format!(
            "the year {year} is read from the ordinal \"{}\"; the date itself names no year",
            &text[span.clone()]
        ),
        span,
        help: "check the original; a [[corrections]] entry in studyguide.toml can set the date".into(),
    }
}

/// With no date expression at all, a year found only in an ordinal is still better than nothing.
fn year_from_ordinal(text: &str, had_date: bool, findings: &mut Vec<Finding>) -> Option<PartialDate> {
    if had_date {
        return None;
    }
    let (year, span) = ordinal_year(text)?;
    findings.push(ordinal_finding(year, span, text));
    Some(PartialDate::year(year))
}

/// The attribution without its date and the words that only tied the date in.
fn occasion(text: &str, date_span: Option<Range<usize>>) -> String {
    let Some(span) = date_span else { return tidy(text).to_string() };
    let before = tidy(&text[..span.start]);
    let before = TRAILING_PREPOSITION.replace(before, "");
    let before = if LEADING_PREPOSITION.is_match(&before) && before.split_whitespace().count() == 1 {
        ""
    } else {
        before.as_ref()
    };
    let after = tidy(&text[span.end..]);
    let after = LEADING_PREPOSITION.find(after).filter(|m| m.end() == after.len()).map_or(after, |_| "");
    match (before.is_empty(), after.is_empty()) {
        (true, _) => after.to_string(),
        (_, true) => before.to_string(),
        _ => {
            use crate::ingest::text::is_cjk;
            let cjk_join = before.chars().next_back().is_some_and(is_cjk) && after.chars().next().is_some_and(is_cjk);
            format!("{before}{}{after}", if cjk_join { "" } else { " " })
        }
    }
}

/// Trims white space and the punctuation that only separated a date from its neighbours.
fn tidy(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ",;:，；：、-—".contains(c))
}

fn speaker(occasion: &str) -> Option<String> {
    let caps = SPEAKER_EN.captures(occasion).or_else(|| SPEAKER_ZH.captures(occasion))?;
    let who = caps.name("who")?.as_str();
    let first_word = who.split_whitespace().next().unwrap_or_default();
    let not_a_name = ["The", "A", "An", "This", "His", "Her", "Their", "Speech", "Letter", "Remarks"];
    (!not_a_name.contains(&first_word)).then(|| who.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        read(text).date.map(|d| d.to_string())
    }

    fn codes(text: &str) -> Vec<&'static str> {
        read(text).findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn every_documented_form() {
        assert_eq!(date("Speech on March 31, 2020").as_deref(), Some("2020-03-31"));
        assert_eq!(date("Speech, 31 March 2020").as_deref(), Some("2020-03-31"));
        assert_eq!(date("Speech, March 2020").as_deref(), Some("2020-03"));
        assert_eq!(date("Speech, 2020-03-31").as_deref(), Some("2020-03-31"));
        assert_eq!(date("2020年3月31日在会议上的讲话").as_deref(), Some("2020-03-31"));
        assert_eq!(date("2020年3月在会议上的讲话").as_deref(), Some("2020-03"));
        assert_eq!(date("Letter of 2019").as_deref(), Some("2019"));
        assert_eq!(date("Speech to 1200 students").as_deref(), None);
        assert_eq!(date("Dec. 8th, 2017, speech").as_deref(), Some("2017-12-08"));
    }

    #[test]
    fn garbled_month_year_number_keeps_month_and_no_day() {
        let r = read("December 2017, 12, Xi Jinping's speech at the second collective study");
        assert_eq!(r.date.unwrap().to_string(), "2017-12");
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.occasion, "Xi Jinping's speech at the second collective study");
        assert_eq!(r.speaker.as_deref(), Some("Xi Jinping"));
    }

    #[test]
    fn contradicting_number_keeps_what_is_certain_and_warns_at_it() {
        let text = "Xi Jinping's speech during his inspection tour in Zhejiang on March 2020, 4";
        let r = read(text);
        assert_eq!(r.date.unwrap().to_string(), "2020-03");
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].code, "date-contradiction");
        assert_eq!(&text[r.findings[0].span.clone()], "4");
        assert_eq!(r.occasion, "Xi Jinping's speech during his inspection tour in Zhejiang");
    }

    #[test]
    fn year_only_in_an_ordinal_is_used_with_a_warning() {
        let text = "Xi Jinping's speech at the 2022th meeting of the Committee on June 6, 22";
        let r = read(text);
        assert_eq!(r.date.unwrap().to_string(), "2022-06-22");
        assert_eq!(codes(text), ["year-from-ordinal"]);
        assert_eq!(&text[r.findings[0].span.clone()], "2022th");
        assert_eq!(r.occasion, "Xi Jinping's speech at the 2022th meeting of the Committee");
    }

    #[test]
    fn leading_on_is_dropped_from_the_occasion() {
        let r = read("On February 2021, 2, Xi Jinping's speech at the 26th collective study session");
        assert_eq!(r.date.unwrap().to_string(), "2021-02");
        assert_eq!(r.occasion, "Xi Jinping's speech at the 26th collective study session");
        let r = read("On April 2023, 4, Xi Jinping sent a congratulatory letter to the Forum");
        assert_eq!(r.date.unwrap().to_string(), "2023-04");
        assert_eq!(r.occasion, "Xi Jinping sent a congratulatory letter to the Forum");
        assert_eq!(r.speaker.as_deref(), Some("Xi Jinping"));
    }

    #[test]
    fn never_invents_a_day() {
        assert_eq!(date("Speech, February 30, 2021").as_deref(), Some("2021-02"));
        assert_eq!(codes("Speech, February 30, 2021"), ["date-contradiction"]);
        assert_eq!(date("Speech, 2021-13-01").as_deref(), Some("2021"));
        assert_eq!(date("Remarks on April 4").as_deref(), None);
        assert_eq!(codes("Remarks on April 4"), ["date-without-year"]);
        let r = read("Speech at meeting #, March 5");
        assert_eq!(r.findings[0].span, 21..28, "at the date, not the start");
    }

    #[test]
    fn occasions_keep_their_spaces() {
        assert_eq!(read("Speech by José, March 2020, in Madrid").occasion, "Speech by José in Madrid");
        assert_eq!(read("Speech at the “Forum”, March 2021, Beijing").occasion, "Speech at the “Forum” Beijing");
    }

    #[test]
    fn no_date_at_all() {
        let r = read("A letter to the editors");
        assert_eq!(r.date, None);
        assert!(r.findings.is_empty());
        assert_eq!(r.occasion, "A letter to the editors");
        assert_eq!(r.speaker, None);
    }

    #[test]
    fn chinese_occasion_and_speaker() {
        let r = read("2017年12月8日，习近平在十九届中央政治局第二次集体学习时的讲话");
        assert_eq!(r.date.unwrap().to_string(), "2017-12-08");
        assert_eq!(r.occasion, "习近平在十九届中央政治局第二次集体学习时的讲话");
        assert_eq!(r.speaker.as_deref(), Some("习近平"));
        assert_eq!(read("2020年3月在会议上的讲话").speaker, None, "a place is not a speaker");
    }
}
