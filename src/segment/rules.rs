//! claimtrail's own rules, applied around sentencex: where its boundaries are wrong for news, we move,
//! merge or re-split them here. Each rule is a small pass over the sentence spans of one unit of text (a
//! paragraph, or one item of an inline list), so the whole pipeline stays linear in the input length.
//!
//! Spans are `(start, end)` byte offsets into the document, already trimmed of whitespace.

use std::collections::HashSet;
use std::sync::LazyLock;

use sentencex::languages::{English, Language};

use super::lists;

/// Sentences longer than this (in bytes) that contain a quote mark or bracket are re-segmented with those
/// marks ignored.
///
/// sentencex never splits inside what it takes for a quotation or bracket pair, so one stray `"` (an inch
/// mark, a typo, a quotation that opens in one paragraph and closes in another) pairs with a mark far away
/// and swallows everything in between: on the 10 MB benchmark corpus, sentences of 5,000 to 70,000 bytes.
/// Real quoted passages that must stay whole (`“A. B.” she said`) are short; a sentence beyond this length
/// is a mispairing far more often than a single sentence, and splitting a long quotation at its own
/// sentence ends is the right fallback for a fact-checker anyway.
pub(super) const LONG_SENTENCE: usize = 600;

/// Titles that never end a sentence (`data/abbreviations.txt`).
pub(super) static TITLES: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| parse_word_list(include_str!("../../data/abbreviations.txt")));

/// Words that continue a sentence after "a.m."/"p.m." (`data/after_clock_time.txt`).
static AFTER_CLOCK_TIME: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| parse_word_list(include_str!("../../data/after_clock_time.txt")));

/// Parses a word list: one entry per line, `#` starts a comment, blank lines are ignored.
pub(super) fn parse_word_list(src: &'static str) -> HashSet<&'static str> {
    src.lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|entry| !entry.is_empty())
        .collect()
}

/// Segments one unit of text (`doc[start..end]`, no paragraph break inside) and appends its sentence spans.
/// Long units are first cut into pieces (see [`super::chunks`]).
pub(super) fn segment_unit(doc: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    super::chunks::for_each_piece(doc, start, end, |s, e| segment_piece(doc, s, e, out));
}

/// Segments one piece of a unit and appends its sentence spans.
fn segment_piece(doc: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let first = out.len();
    // A leading list marker is hidden from sentencex (see `lists::leading_marker_len`) and put back.
    let marker = lists::leading_marker_len(&doc[start..end]);
    if too_many_pairing_marks(&doc[start + marker..end]) {
        resplit_masked(doc, start + marker, end, out);
    } else {
        push_sentencex_spans(doc, start + marker, end, out);
    }
    if marker > 0 {
        match out.get_mut(first) {
            Some(span) => span.0 = start,
            None => out.push((start, start + doc[start..start + marker].trim_end().len())),
        }
    }
    resplit_long_quoted(doc, first, out);
    let unit = &mut out[first..];
    let kept = merge_spans(doc, unit);
    out.truncate(first + kept);
    move_ellipsis_after_period(doc, &mut out[first..]);
    let kept = attach_leading_closers(doc, &mut out[first..]);
    out.truncate(first + kept);
    split_leading_parenthetical(doc, first, out);
    split_after_full_month(doc, first, out);
}

/// A sentence cannot start with a closing bracket or quote (`(Its name (long) is.) Then`, where sentencex
/// pairs the inner brackets and splits before the outer `)`): the closers go to the end of the previous
/// sentence. Compacts `spans` in place (a sentence of only closers disappears) and returns how many remain.
fn attach_leading_closers(doc: &str, spans: &mut [(usize, usize)]) -> usize {
    const CLOSERS: [char; 5] = [')', ']', '}', '”', '»'];
    let mut kept = 0;
    for i in 0..spans.len() {
        let (start, end) = spans[i];
        let text = &doc[start..end];
        let rest = text.trim_start_matches(CLOSERS);
        if i > 0 && rest.len() < text.len() && doc[spans[kept - 1].1..start].trim().is_empty() {
            let closers_end = end - rest.len();
            spans[kept - 1].1 = closers_end;
            let body = rest.trim_start();
            if body.is_empty() {
                continue;
            }
            spans[kept] = (end - body.len(), end);
        } else {
            spans[kept] = (start, end);
        }
        kept += 1;
    }
    kept
}

/// Runs sentencex on `doc[start..end]` and appends the trimmed, non-empty sentences as spans.
fn push_sentencex_spans(doc: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let unit = &doc[start..end];
    for piece in (English {}).segment(unit) {
        // sentencex returns sub-slices of its input: the pointer difference is the offset.
        let offset = start + (piece.as_ptr() as usize - unit.as_ptr() as usize);
        let lead = piece.len() - piece.trim_start().len();
        let core = piece.trim();
        if !core.is_empty() {
            out.push((offset + lead, offset + lead + core.len()));
        }
    }
}

/// Pieces with more pairing marks than this are segmented with the marks blanked out.
///
/// Why: sentencex looks for the closing partner of each opening mark by scanning on, so a run of marks that
/// never close (640,000 `«`, an unterminated piece of text a chunk cut cannot shorten) costs time quadratic in
/// its length: 31–39 s. Ordinary pieces are cut long before they hold this many marks (see
/// [`super::chunks`]), so this only changes text no reader would call prose.
const MAX_PAIRING_MARKS: usize = 1024;

/// Whether `text` has more than [`MAX_PAIRING_MARKS`] pairing marks; stops counting at the limit.
fn too_many_pairing_marks(text: &str) -> bool {
    text.chars()
        .filter(|&c| is_pairing_mark(c))
        .nth(MAX_PAIRING_MARKS)
        .is_some()
}

/// Quote marks and brackets that sentencex pairs (its `QUOTE_PAIRS` and `PARENS_REGEX`).
fn is_pairing_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '《'
            | '》'
            | '「'
            | '」'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '<'
            | '>'
            | '（'
            | '）'
    )
}

/// Re-segments over-long sentences that contain quote marks or brackets, with those marks blanked out (see
/// [`LONG_SENTENCE`]). Spans from `first` on are replaced in place.
fn resplit_long_quoted(doc: &str, first: usize, out: &mut Vec<(usize, usize)>) {
    let needs =
        |&(s, e): &(usize, usize)| e - s > LONG_SENTENCE && doc[s..e].contains(is_pairing_mark);
    if !out[first..].iter().any(needs) {
        return;
    }
    let spans: Vec<(usize, usize)> = out.drain(first..).collect();
    for (s, e) in spans {
        if needs(&(s, e)) {
            resplit_masked(doc, s, e, out);
        } else {
            out.push((s, e));
        }
    }
}

/// Segments `doc[start..end]` with every pairing mark replaced by spaces of the same byte length (so offsets
/// are unchanged), then places each cut in the original text: after the closing marks that stick to the end
/// of a sentence (`killer.”`), before the opening marks of the next one (`“Next`).
fn resplit_masked(doc: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let original = &doc[start..end];
    let masked: String = original
        .chars()
        .flat_map(|c| {
            let n = if is_pairing_mark(c) { c.len_utf8() } else { 0 };
            let keep = if n == 0 { Some(c) } else { None };
            keep.into_iter().chain(std::iter::repeat_n(' ', n))
        })
        .collect();
    let mut cuts = Vec::new();
    for piece in (English {}).segment(&masked) {
        let piece_end = piece.as_ptr() as usize - masked.as_ptr() as usize + piece.len();
        if piece_end < masked.len() {
            cuts.push(place_cut(original, piece_end));
        }
    }
    let mut from = 0;
    for cut in cuts.into_iter().chain(std::iter::once(original.len())) {
        if cut <= from {
            continue;
        }
        let piece = &original[from..cut];
        let lead = piece.len() - piece.trim_start().len();
        let core = piece.trim();
        if !core.is_empty() {
            out.push((start + from + lead, start + from + lead + core.len()));
        }
        from = cut;
    }
}

/// Moves a cut found in the masked text to the right place in the original: the masked marks just before
/// `cut` became whitespace, so the cut may sit after an opening quote of the next sentence. Within the run of
/// whitespace and marks before `cut`, the cut goes at the first whitespace (marks before it close the
/// previous sentence; marks after it open the next).
///
/// sentencex swallows at most about 30 bytes of whitespace after a terminator, so a cut can land inside a
/// run of blanked multi-byte marks, which is inside a character of the original: it moves back to a boundary.
fn place_cut(original: &str, cut: usize) -> usize {
    let mut cut = cut.min(original.len());
    while !original.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &original[..cut];
    let run_start = head
        .trim_end_matches(|c: char| c.is_whitespace() || is_pairing_mark(c))
        .len();
    head[run_start..]
        .find(char::is_whitespace)
        .map_or(cut, |i| run_start + i)
}

/// Merges a sentence with the next one where sentencex split too eagerly; compacts `spans` in place and
/// returns how many remain.
fn merge_spans(doc: &str, spans: &mut [(usize, usize)]) -> usize {
    if spans.is_empty() {
        return 0;
    }
    let mut kept = 0;
    for i in 1..spans.len() {
        let (start, end) = spans[kept];
        let next = spans[i];
        if should_merge(&doc[start..end], &doc[next.0..next.1]) {
            spans[kept].1 = next.1;
        } else {
            kept += 1;
            spans[kept] = next;
        }
    }
    kept + 1
}

/// Whether `current` and `next` are one sentence.
fn should_merge(current: &str, next: &str) -> bool {
    // `1.` / `a)` cut off the start of the item it introduces (also inline: "…government. 7. We believe…").
    if lists::is_marker_only(current) {
        return true;
    }
    let Some(body) = current.strip_suffix('.') else {
        return false;
    };
    let last = body.rsplit(char::is_whitespace).next().unwrap_or_default();
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    // "Ms. Lee": a title before a name.
    if TITLES.contains(last) {
        return true;
    }
    // "at 10 a.m. Tuesday", "9 p.m. ET".
    if matches!(last, "a.m" | "p.m" | "A.M" | "P.M") {
        let word = next
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default();
        return AFTER_CLOCK_TIME.contains(word);
    }
    false
}

/// `compounds. . . . The practice` is a sentence ending in a period followed by an ellipsis that opens the
/// next sentence (Golden Rule 48); sentencex keeps the four dots together. When a sentence that is not the
/// last of its unit ends in a period stuck to a word followed by ` . . .`, the ellipsis moves to the next
/// sentence. A spaced `period . . . .` (Golden Rule 45) is a four-dot ending and stays.
fn move_ellipsis_after_period(doc: &str, spans: &mut [(usize, usize)]) {
    const SPACED_ELLIPSIS: &str = " . . .";
    for i in 0..spans.len().saturating_sub(1) {
        let (start, end) = spans[i];
        let Some(head) = doc[start..end].strip_suffix(SPACED_ELLIPSIS) else {
            continue;
        };
        let Some(word) = head.strip_suffix('.') else {
            continue;
        };
        if word.is_empty() || word.ends_with(|c: char| c.is_whitespace() || c == '.') {
            continue;
        }
        spans[i].1 = start + head.len();
        spans[i + 1].0 = start + head.len() + 1;
    }
}

/// `(Applause.) Thank you.` and `(It was.) Then he left.`: sentencex does not split after a parenthesis that
/// closes a sentence of its own. When a sentence starts with `(`, and the first `)` closes it right after a
/// terminator and is followed by a capitalised word, the parenthesis becomes a sentence. Spans from `first`
/// on are rewritten only when some sentence needs it.
fn split_leading_parenthetical(doc: &str, first: usize, out: &mut Vec<(usize, usize)>) {
    let cut = |&(s, e): &(usize, usize)| -> Option<usize> {
        let text = &doc[s..e];
        let inner = text.strip_prefix('(')?;
        let close = inner.find([')', '('])?;
        let (body, rest) = (&inner[..close], &inner[close..]);
        let after = rest.strip_prefix(')')?;
        let next = after.trim_start();
        let ok = body.ends_with(['.', '!', '?'])
            && after.len() > next.len()
            && next
                .trim_start_matches(['"', '“', '‘', '\''])
                .starts_with(|c: char| c.is_uppercase());
        ok.then(|| s + 1 + close + 1)
    };
    split_at_cuts(doc, first, out, |span| cut(span).into_iter().collect());
}

/// Splits the sentences from `first` on at the byte offsets `cuts` gives for each (in increasing order); the
/// whitespace after a cut starts no sentence. Spans are rewritten only when some sentence has a cut, so the
/// common case costs one scan and no allocation.
fn split_at_cuts(
    doc: &str,
    first: usize,
    out: &mut Vec<(usize, usize)>,
    cuts: impl Fn(&(usize, usize)) -> Vec<usize>,
) {
    if !out[first..].iter().any(|span| !cuts(span).is_empty()) {
        return;
    }
    let spans: Vec<(usize, usize)> = out.drain(first..).collect();
    for span in spans {
        let mut start = span.0;
        for at in cuts(&span) {
            out.push((start, at));
            start = at + (doc[at..span.1].len() - doc[at..span.1].trim_start().len());
        }
        out.push((start, span.1));
    }
}

/// "The bridge opens in May. Officials disagree." is two sentences, but sentencex lists `may` among its
/// abbreviations (for the modal? for "May." as a month abbreviation, which it never is) and keeps them together,
/// merging two claims into one hash. "May" is the only full month name in that list, so a period after the word
/// "May" followed by a capitalised word (or an opening quote or bracket) ends the sentence. "May 5" and a
/// number after the period ("May. 5") are left alone.
fn split_after_full_month(doc: &str, first: usize, out: &mut Vec<(usize, usize)>) {
    let cuts = |&(s, e): &(usize, usize)| -> Vec<usize> {
        let text = &doc[s..e];
        text.match_indices("May.")
            .filter(|&(i, _)| {
                let before = text[..i].chars().next_back();
                let after = &text[i + 4..];
                let next = after.trim_start();
                !before.is_some_and(char::is_alphanumeric)
                    && after.len() > next.len()
                    && next
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || "\"“‘'(".contains(c))
            })
            .map(|(i, _)| s + i + 4)
            .collect()
    };
    split_at_cuts(doc, first, out, cuts);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(doc: &str) -> Vec<&str> {
        let mut out = Vec::new();
        segment_unit(doc, 0, doc.len(), &mut out);
        out.iter().map(|&(s, e)| &doc[s..e]).collect()
    }

    #[test]
    fn news_style_periods() {
        // Full month names end sentences; abbreviated ones before a day or year do not.
        assert_eq!(
            texts("The bridge opens in May. Officials disagree."),
            ["The bridge opens in May.", "Officials disagree."]
        );
        assert_eq!(
            texts("It closed in May. \"We will see,\" he said."),
            ["It closed in May.", "\"We will see,\" he said."]
        );
        assert_eq!(
            texts("Theresa May. She resigned."),
            ["Theresa May.", "She resigned."]
        );
        for one in [
            "The vote is on May 5. ",
            "He arrived in Sept. 2024 and left soon after.",
            "The meeting moved to Aug. 3 at noon.",
            "He lives at No. 5 Main Street.",
            "Acme Inc. said profits rose.",
        ] {
            assert_eq!(texts(one), [one.trim_end()], "{one}");
        }
        for (two, first) in [
            (
                "The vote was held in March. Turnout was low.",
                "The vote was held in March.",
            ),
            ("We met in June. It rained.", "We met in June."),
            (
                "The concert ends in July. Tickets are sold out.",
                "The concert ends in July.",
            ),
            (
                "The policy came from the U.S. The rest followed.",
                "The policy came from the U.S.",
            ),
        ] {
            assert_eq!(texts(two)[0], first, "{two}");
        }
    }

    #[test]
    fn word_lists_load() {
        assert!(TITLES.contains("Ms"));
        assert!(AFTER_CLOCK_TIME.contains("Tuesday"));
        assert!(
            TITLES
                .iter()
                .chain(AFTER_CLOCK_TIME.iter())
                .all(|w| !w.contains(char::is_whitespace))
        );
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            texts("Mrs. Jones and Ms. Lee agreed. They left."),
            ["Mrs. Jones and Ms. Lee agreed.", "They left."]
        );
    }

    #[test]
    fn clock_time_before_day_or_zone() {
        assert_eq!(
            texts("It starts at 10 a.m. Tuesday in Kyiv. Come."),
            ["It starts at 10 a.m. Tuesday in Kyiv.", "Come."]
        );
        assert_eq!(
            texts("He left at 6 P.M. Mr. Smith stayed."),
            ["He left at 6 P.M.", "Mr. Smith stayed."]
        );
    }

    #[test]
    fn ellipsis_after_a_period_opens_the_next_sentence() {
        assert_eq!(
            texts("It ended. . . . Then more."),
            ["It ended.", ". . . Then more."]
        );
        assert_eq!(
            texts("It ended . . . . Then more."),
            ["It ended . . . .", "Then more."]
        );
    }

    #[test]
    fn a_dense_run_of_quote_marks_is_segmented_with_the_marks_blanked() {
        let run = "«".repeat(MAX_PAIRING_MARKS + 1);
        assert!(too_many_pairing_marks(&run));
        assert!(!too_many_pairing_marks(&run[..run.len() - 2]));
        let doc = format!("{run} The talks failed. Officials left.");
        let got = texts(&doc);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].starts_with('«') && got[0].ends_with("failed."),
            "{got:?}"
        );
        assert_eq!(got[1], "Officials left.");
    }

    #[test]
    fn stray_quote_does_not_swallow_a_paragraph() {
        let filler = "The committee met again and the members discussed the budget at length. ";
        let doc = format!(
            "He bought a 5\" screen. {}She said \"yes.\" Done.",
            filler.repeat(12)
        );
        let got = texts(&doc);
        assert!(got.len() > 10, "{got:?}");
        assert!(got.iter().all(|s| s.len() < LONG_SENTENCE), "{got:?}");
        assert_eq!(got.last(), Some(&"Done."));
        assert!(got.contains(&"She said \"yes.\""), "{got:?}");
    }

    #[test]
    fn parenthetical_sentence_stands_alone() {
        assert_eq!(
            texts("We will win. (Applause.) Thank you."),
            ["We will win.", "(Applause.)", "Thank you."]
        );
        assert_eq!(texts("(It grew.) and then"), ["(It grew.) and then"]);
        assert_eq!(
            texts("(Its name (long) is.) Then it"),
            ["(Its name (long) is.)", "Then it"]
        );
        assert_eq!(texts("(See note (b).) More."), ["(See note (b).)", "More."]);
    }

    #[test]
    fn inline_item_number_joins_its_item() {
        assert_eq!(
            texts(
                "It will not recognize that government. 7. We believe all nations should be free."
            ),
            [
                "It will not recognize that government.",
                "7. We believe all nations should be free."
            ]
        );
    }

    #[test]
    fn masked_cut_inside_a_multibyte_mark_does_not_panic() {
        // Over LONG_SENTENCE bytes with a quote mark, so it is re-split with the marks blanked; the run of
        // blanked curly quotes after "again." is longer than the whitespace sentencex swallows.
        let doc = format!(
            "He said \"{}again. {} Next one here.\" Done.",
            "the council met ".repeat(40),
            "“”".repeat(20)
        );
        let got = texts(&doc);
        assert!(got.len() >= 2, "{got:?}");
        assert!(got.iter().all(|s| doc.contains(s)));
    }

    #[test]
    fn cut_placement_keeps_quotes_with_their_sentence() {
        let s = "He said “no.” “Yes,” she said.";
        assert_eq!(
            place_cut(s, "He said “no.” ".len() + "“".len()),
            "He said “no.”".len()
        );
    }
}
