//! The study-guide model: what the pipeline's stages hand each other, and what
//! `guide.json` publishes. Field names here are a public contract.

use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// A date that keeps only what the text says: a year, maybe a month, maybe a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        Self { year, month: None, day: None }
    }

    pub fn month(year: i32, month: u8) -> Self {
        Self { year, month: Some(month), day: None }
    }

    pub fn day(year: i32, month: u8, day: u8) -> Self {
        Self { year, month: Some(month), day: Some(day) }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking month and day ranges.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month = match parts.next() {
            None => return Some(Self::year(year)),
            Some(m) => m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?,
        };
        let day = match parts.next() {
            None => return Some(Self::month(year, month)),
            Some(d) => d.parse::<u8>().ok().filter(|d| (1..=days_in_month(year, month)).contains(d))?,
        };
        parts.next().is_none().then_some(Self::day(year, month, day))
    }

    /// Two dates are compatible when one says nothing that contradicts the other
    /// (2017-12 and 2017-12-08 are; 2017-12-08 and 2017-12-09 are not).
    pub fn is_compatible(&self, other: &Self) -> bool {
        fn agree<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
        }
        self.year == other.year
            && agree(self.month, other.month)
            && (self.month.is_none() || other.month.is_none() || agree(self.day, other.day))
    }

    /// The more specific of two compatible dates.
    pub fn most_specific(self, other: Self) -> Self {
        if other.precision() > self.precision() {
            other
        } else {
            self
        }
    }

    fn precision(&self) -> u8 {
        u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }

    /// A label for readers: "2020", "March 2020", "31 March 2020".
    pub fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {} {}", d, MONTH_NAMES[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTH_NAMES[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Ord for PartialDate {
    /// Less specific dates sort before more specific ones within the same period.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.year, self.month, self.day).cmp(&(other.year, other.month, other.day))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Where a piece of the model came from, for readers and for diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub id: String,
    pub text: String,
    pub paragraphs: Vec<String>,
    pub attribution: String,
    pub date: Option<PartialDate>,
    pub occasion: String,
    pub speaker: Option<String>,
    /// Why the date or occasion differs from the text, when a correction applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correction: Option<String>,
    pub source: SourceRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Theme {
    pub slug: String,
    pub title: String,
    pub url: String,
    pub quotes: Vec<Quote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub date: Option<PartialDate>,
    pub occasion: String,
    pub quotes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub term: String,
    pub quotes: Vec<String>,
}

/// The whole guide, after study: what pages are generated from and what `guide.json` holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guide {
    pub title: String,
    pub preface: Vec<String>,
    pub themes: Vec<Theme>,
    pub events: Vec<Event>,
    pub terms: Vec<Term>,
}

impl Guide {
    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.themes.iter().flat_map(|t| t.quotes.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_keep_only_given_parts() {
        assert_eq!(PartialDate::parse_iso("2020").unwrap().to_string(), "2020");
        assert_eq!(PartialDate::parse_iso("2020-03").unwrap().to_string(), "2020-03");
        assert_eq!(PartialDate::parse_iso("2020-03-31").unwrap().to_string(), "2020-03-31");
        assert!(PartialDate::parse_iso("2020-02-30").is_none());
        assert!(PartialDate::parse_iso("2020-13").is_none());
        assert!(PartialDate::parse_iso("20-01").is_none());
        assert!(PartialDate::parse_iso("2020-01-01-01").is_none());
    }

    #[test]
    fn compatibility_is_about_contradiction() {
        let dec = PartialDate::month(2017, 12);
        assert!(dec.is_compatible(&PartialDate::day(2017, 12, 8)));
        assert!(PartialDate::year(2017).is_compatible(&dec));
        assert!(!PartialDate::day(2017, 12, 8).is_compatible(&PartialDate::day(2017, 12, 9)));
        assert!(!dec.is_compatible(&PartialDate::month(2018, 12)));
    }

    #[test]
    fn human_labels() {
        assert_eq!(PartialDate::day(2020, 3, 31).human(), "31 March 2020");
        assert_eq!(PartialDate::month(2017, 12).human(), "December 2017");
        assert_eq!(PartialDate::year(2017).human(), "2017");
    }
}
