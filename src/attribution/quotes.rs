//! Quotation state: which words of a paragraph are inside quotation marks.
//!
//! A cue inside a quotation belongs to the quoted speaker's own words ("'…I believe we must talk,' Sullivan
//! said" is one attribution, to Sullivan), a sentence that starts inside an open quotation continues its
//! speaker, and `quote: direct | mixed | indirect` counts quoted words. Curly and guillemet marks say which way
//! they face; straight marks open when nothing of their kind is open. A quotation never crosses a paragraph, and
//! nesting deeper than four levels is not tracked, so a stray or hostile run of marks costs one pass.

use crate::syntax::tokenize::Word;

/// Which kind of mark, so a single quote inside a double one is nested, not a close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Double,
    Single,
    Angle,
}

const MAX_DEPTH: usize = 4;

/// Quotation state carried from sentence to sentence within a paragraph.
#[derive(Debug, Default, Clone)]
pub struct Quotes {
    open: Vec<Mark>,
}

impl Quotes {
    /// Forgets open quotations (at a paragraph break).
    pub fn reset(&mut self) {
        self.open.clear();
    }

    pub fn is_open(&self) -> bool {
        !self.open.is_empty()
    }

    /// Marks the words of one sentence: `out[i]` is true for words inside a quotation (marks excluded).
    pub fn mark(&mut self, text: &str, words: &[Word], out: &mut Vec<bool>) {
        out.clear();
        for (i, w) in words.iter().enumerate() {
            let form = &text[w.start as usize..w.end as usize];
            let before = text[..w.start as usize].chars().next_back();
            let after = text[w.end as usize..].chars().next();
            let glued_before = i > 0 && words[i - 1].joined;
            match self.role(form, before, after, glued_before) {
                Some((mark, true)) => {
                    out.push(false);
                    if self.open.len() < MAX_DEPTH {
                        self.open.push(mark);
                    }
                }
                Some((mark, false)) => {
                    out.push(false);
                    if let Some(p) = self.open.iter().rposition(|&m| m == mark) {
                        self.open.truncate(p);
                    }
                }
                None => out.push(self.is_open()),
            }
        }
    }

    /// Whether a word is a quotation mark, its kind, and whether it opens (`true`) or closes.
    fn role(
        &self,
        form: &str,
        before: Option<char>,
        after: Option<char>,
        glued_before: bool,
    ) -> Option<(Mark, bool)> {
        let open_of = |m: Mark| self.open.last() == Some(&m);
        let space_before = before.is_none_or(|c| c.is_whitespace() || "([{\u{2014}-".contains(c));
        let word_after = after.is_some_and(|c| !c.is_whitespace());
        match form {
            "\u{201c}" | "\u{201e}" => Some((Mark::Double, true)),
            "\u{201d}" => Some((Mark::Double, false)),
            "\u{ab}" | "\u{2039}" => Some((Mark::Angle, true)),
            "\u{bb}" | "\u{203a}" => Some((Mark::Angle, false)),
            "\"" | "``" | "''" => {
                if open_of(Mark::Double) && !(space_before && word_after) {
                    Some((Mark::Double, false))
                } else if open_of(Mark::Double) || space_before || word_after {
                    // An open double quote is closed by the next straight one even when spacing is odd.
                    Some((Mark::Double, !open_of(Mark::Double)))
                } else {
                    None
                }
            }
            "\u{2018}" | "\u{201a}" => Some((Mark::Single, true)),
            "\u{2019}" | "'" => {
                if glued_before {
                    // A possessive ("the States' ambassador") or clitic, not a quote.
                    None
                } else if open_of(Mark::Single) {
                    Some((Mark::Single, false))
                } else if space_before && word_after {
                    Some((Mark::Single, true))
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tokenize::tokenize;

    fn marks(text: &str) -> Vec<(String, bool)> {
        let mut words = Vec::new();
        tokenize(text, 0, text.len(), &mut words);
        let mut out = Vec::new();
        Quotes::default().mark(text, &words, &mut out);
        words
            .iter()
            .zip(out)
            .map(|(w, q)| (text[w.start as usize..w.end as usize].to_string(), q))
            .collect()
    }

    #[test]
    fn curly_straight_and_nested_quotes() {
        let m = marks("\u{201c}I believe it,\u{201d} Sullivan said.");
        assert!(m.iter().find(|(w, _)| w == "believe").unwrap().1);
        assert!(!m.iter().find(|(w, _)| w == "said").unwrap().1);
        let m = marks("He said \"we 'will' win\" today.");
        assert!(m.iter().find(|(w, _)| w == "will").unwrap().1);
        assert!(m.iter().find(|(w, _)| w == "win").unwrap().1);
        assert!(!m.iter().find(|(w, _)| w == "today").unwrap().1);
        let m = marks("The States' ambassador left.");
        assert!(m.iter().all(|(_, q)| !q));
    }

    #[test]
    fn runs_of_marks_stay_bounded() {
        let text = "\u{201c}".repeat(10_000) + " word";
        let m = marks(&text);
        assert!(m.last().unwrap().1);
    }
}
