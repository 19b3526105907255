//! No input makes the reader panic, and every diagnostic points inside the text.

use proptest::prelude::*;
use studyguide::ingest;

fn source_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("——".to_string()),
        Just("--".to_string()),
        Just("# ".to_string()),
        Just("December 2017, 12".to_string()),
        Just("June 6, 22".to_string()),
        Just("the 2022th".to_string()),
        Just("<>th".to_string()),
        Just("2020年3月31日".to_string()),
        Just("(“\"".to_string()),
        Just("\u{FEFF}\u{A0}\u{3000}\t".to_string()),
        "[a-zA-Z0-9 .,]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn ingest_never_panics(text in source_like()) {
        let (_, diagnostics) = ingest::parse("seeds/p.txt", &text);
        let lines = ingest::text::lines(&text);
        for d in diagnostics {
            if d.line > 0 {
                let line = &lines[d.line - 1];
                prop_assert!(d.column >= 1 && d.column <= line.chars().count() + 1, "{d:?} in {line:?}");
            }
        }
    }

    #[test]
    fn decode_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = ingest::decode("seeds/p.txt", &bytes);
    }
}
