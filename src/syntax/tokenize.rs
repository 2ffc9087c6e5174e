//! Raw text → Universal Dependencies (UD) English words.
//!
//! The tagger and parser are trained on the UD English treebanks (EWT, GUM) and only ever see UD *words*,
//! so raw text must be cut exactly the way those treebanks cut it. A word that the treebanks would have
//! split (`don't` → `do` `n't`) reaches the models as an unknown form and damages its whole clause, while
//! a word split too eagerly (`e-mail` → `e` `-` `mail`) does the same to a compound. The rules here are the
//! treebank conventions (see the syntax design note, "Words, multiword tokens, and the tokenizer
//! mismatch"), refined against the EWT and GUM *training* splits; the short word lists below were derived
//! from those splits plus standard news abbreviations. Dev splits were only used to measure, test never.
//!
//! Design: one left-to-right pass. Whitespace and control characters cut the text into chunks; inside a
//! chunk a scanner recognises, in order, URLs, e-mail addresses, emoticons, words (letter/digit runs
//! glued by in-word joiners such as `.` `,` `:` `/` `-` `'` whose fate is decided locally), and
//! punctuation (with runs such as `...`, `!!`, `--` kept whole). Every decision looks at a bounded
//! window, or at a region that is then consumed, so the whole pass is linear in the input.
//! Words are byte spans into the untouched input: nothing is rewritten or normalised here.

/// One UD word: a byte span of the input text (always a sub-slice of the original text; words are never
/// rewritten). `joined` = this word and the next one form a single orthographic token (a multiword token
/// in CoNLL-U terms: "do"+"n't", "I"+"'m", "can"+"not", "gon"+"na", "Bush"+"'s"), i.e. a clitic split with no
/// whitespace between; hyphen splits ("Al" "-" "Zaman") are NOT joined (EWT writes them as separate tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: u32,
    pub end: u32,
    pub joined: bool,
}

/// Cuts text[start..end] (byte offsets on char boundaries) into UD words, appending to `out` (so callers reuse one
/// Vec). Offsets in the result are absolute (into `text`). Linear time, no panics on any &str (emoji, control
/// characters, combining marks, RTL text, 1 MB without spaces, 100k quote marks in a row).
///
/// Offsets that are out of range or not on a char boundary are clamped/moved forward to the next boundary
/// instead of panicking; text beyond `u32::MAX` bytes is ignored because offsets are `u32`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Word>) {
    let limit = text.len().min(u32::MAX as usize);
    let end = floor_boundary(text, end.min(limit));
    let start = ceil_boundary(text, start.min(end)).min(end);
    let mut t = Tokenizer {
        t: text,
        end,
        out,
        first_new: 0,
        open_single: false,
        email_fail_until: 0,
        group_end: 0,
    };
    t.first_new = t.out.len();
    let bytes = text.as_bytes();
    let mut i = start;
    while i < end {
        // ASCII fast path: printable ASCII (0x21..=0x7E) is never a separator, the rest of ASCII always is.
        let b = bytes[i];
        if b < 0x80 {
            if b <= b' ' || b == 0x7F {
                i += 1;
                continue;
            }
        } else {
            let (c, l) = char_at(text, i);
            if is_separator(c) {
                i += l;
                continue;
            }
        }
        let cs = i;
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                if b <= b' ' || b == 0x7F {
                    break;
                }
                i += 1;
            } else {
                let (c, l) = char_at(text, i);
                if is_separator(c) {
                    break;
                }
                i += l;
            }
        }
        t.chunk(cs, i);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Word lists (derived from the EWT/GUM training splits; lowercase unless noted).

/// Bound prefixes: a hyphen after one of these stays inside the word (`e-mail`, `co-workers`, `non-profit`),
/// as in EWT; every other letter-hyphen-letter compound is split with the hyphen as its own word.
const BOUND_PREFIXES: &[&str] = &[
    "e", "non", "mid", "anti", "re", "pro", "pre", "co", "cross", "post", "over", "multi", "ex",
    "sub", "semi", "counter", "mini", "psycho", "inter", "intra", "socio", "micro", "un", "arch",
    "ultra", "quasi", "pseudo", "hyper", "mega", "macro", "trans", "bi", "tri", "extra", "infra",
    "proto", "mis",
];

/// Abbreviations that keep their period (`Mr.`, `Inc.`, `Sept.`), matched case-sensitively as written here,
/// in all capitals, or in lowercase for the entries of [`ABBREV_LOWER`]. Single letters (`W.`) and dotted
/// forms (`U.S.`, `e.g.`, `Ph.D.`) are recognised by shape, not listed.
const ABBREV_CAP: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mssrs", "Mme", "Mlle", "Dr", "Drs", "Prof", "Rev", "Hon", "Gen",
    "Gens", "Col", "Lt", "Lts", "Capt", "Cmdr", "Comdr", "Sgt", "Sgts", "Maj", "Adm", "Brig",
    "Cpl", "Pvt", "Pfc", "Gov", "Sen", "Sens", "Rep", "Reps", "Pres", "Supt", "Insp", "Det",
    "Msgr", "Fr", "Esq", "St", "Sts", "Ste", "Mt", "Ft", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd",
    "Bros", "Assn", "Dept", "Univ", "Ave", "Blvd", "Rd", "Hwy", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur",
    "Thurs", "Fri", "Sat", "Ala", "Ariz", "Calif", "Colo", "Conn", "Fla", "Ga", "Kan", "Kans",
    "Ky", "La", "Md", "Mich", "Minn", "Mont", "Neb", "Nev", "Okla", "Ore", "Tenn", "Tex", "Va",
    "Vt", "Wis", "Wyo", "Vol", "Vols", "Fig", "Figs", "Ph", "Spec", "Attn", "Esp", "Sc", "Arrv",
    "Conf", "Para", "Sec", "Que", "Vs", "Cf", "Approx", "Etc", "Ass't",
];

/// Lowercase abbreviations that keep their period (`etc.`, `vs.`, `et al.`).
const ABBREV_LOWER: &[&str] = &[
    "etc", "vs", "al", "cf", "approx", "ca", "esp", "eg", "ie", "incl", "misc", "govt", "dept",
    "yrs", "hrs", "mins", "lbs", "lb", "oz", "sq", "viz", "aka", "arrv", "div", "ext", "tel", "mr",
    "mrs", "dr", "jr", "sr", "inc", "corp", "ltd", "st",
];

/// Abbreviations that keep their period only before a number (`No. 5`, `pp. 12`).
const ABBREV_BEFORE_NUMBER: &[&str] = &[
    "No", "no", "Nos", "nos", "NO", "pp", "vol", "Vol", "Art", "art",
];

/// Whole words that are one orthographic token but several UD words, with the length of each word in chars
/// (matched case-insensitively; `’` accepted wherever `'` is listed). Besides `cannot` and `gonna`-type
/// forms, this holds contractions written without their apostrophe (`dont` → `do` `nt`, as the treebanks
/// split them), only those that are not also ordinary words (so not `its`, `ill`, `id`, `lets`, `well`).
/// Kept sorted (checked by a test) so that duplicates show.
const MULTIWORD: &[(&str, &[usize])] = &[
    ("aint", &[2, 2]),
    ("arent", &[3, 2]),
    ("c'mon", &[3, 2]),
    ("cannot", &[3, 3]),
    ("cant", &[2, 2]),
    ("couldnt", &[5, 2]),
    ("didnt", &[3, 2]),
    ("doesnt", &[4, 2]),
    ("dont", &[2, 2]),
    ("dunno", &[2, 1, 2]),
    ("gimme", &[3, 2]),
    ("gonna", &[3, 2]),
    ("gotta", &[3, 2]),
    ("hadnt", &[3, 2]),
    ("hasnt", &[3, 2]),
    ("havent", &[4, 2]),
    ("i'ma", &[1, 2, 1]),
    ("im", &[1, 1]),
    ("isnt", &[2, 2]),
    ("ive", &[1, 2]),
    ("lemme", &[3, 2]),
    ("outta", &[3, 2]),
    ("shouldnt", &[6, 2]),
    ("thats", &[4, 1]),
    ("theres", &[5, 1]),
    ("theyre", &[4, 2]),
    ("wanna", &[3, 2]),
    ("wasnt", &[3, 2]),
    ("werent", &[4, 2]),
    ("whats", &[4, 1]),
    ("wont", &[2, 2]),
    ("wouldnt", &[5, 2]),
    ("y'all", &[2, 3]),
    ("youll", &[3, 2]),
    ("youre", &[3, 2]),
    ("youve", &[3, 2]),
];

/// Clitics split off after an apostrophe (`I|'m`, `we|'ll`, `Bush|'s`), lowercase, without the apostrophe.
const CLITICS: &[&str] = &["s", "m", "re", "ve", "ll", "d"];

/// Words that begin with an apostrophe rather than an opening quote (`'em`, `rock 'n roll`).
const APOSTROPHE_INITIAL: &[&str] = &["em", "n", "cause", "til", "tis", "twas", "bout", "round"];

/// Unit and letter suffixes that stay on a number (`19th`, `1970s`, `2nd`); any other letters glued to a
/// leading number are split off as EWT does (`5` `pm`, `10` `km`, `2` `k`).
const NUMBER_SUFFIXES: &[&str] = &["th", "st", "nd", "rd", "s", "d"];

/// Emoticons kept whole (ASCII), longest first where one is a prefix of another.
const EMOTICONS: &[&str] = &[
    ">:(", "(:", ":-)", ":-(", ";-)", ":-D", ":-P", ":-p", ":-/", ":'(", ":')", "^_^", "-_-",
    "o_O", "O_o", ":)", ":(", ";)", ":D", ":P", ":p", ":/", ":|", "=)", "=(", "=D", "^^", "<3",
    ":]", ":[", ":o", ":O", ";D", ":*",
];

/// URL starts (ASCII case-insensitive); the URL then runs to the end of its chunk minus trailing punctuation.
/// (`token` only probes at words starting with one of their first letters.)
const URL_PREFIXES: &[&str] = &[
    "http://", "https://", "ftp://", "file://", "www.", "mailto:",
];

// ---------------------------------------------------------------------------------------------------------
// Character classes.

/// Decodes the char at byte `i` (a char boundary, `i < text.len()`), with its UTF-8 length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    match text[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Characters that separate words and never belong to one: Unicode White_Space, control characters, and
/// invisible format characters (zero-width space, BOM, bidi marks) that would otherwise glue words.
#[inline]
fn is_separator(c: char) -> bool {
    if (c as u32) < 0x80 {
        return c.is_ascii_whitespace() || c.is_ascii_control();
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{61C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}')
}

/// Letters, digits, combining marks and other non-punctuation characters that make up words. Anything not
/// known to be punctuation or a symbol counts as a word character, so unlisted scripts and marks stay whole.
#[inline]
fn is_word_char(c: char) -> bool {
    if (c as u32) < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if c.is_alphanumeric() {
        return true;
    }
    !(is_separator(c) || is_punct_or_symbol(c))
}

/// Punctuation and symbol blocks (outside ASCII) whose characters are words of their own.
fn is_punct_or_symbol(c: char) -> bool {
    matches!(c,
        '\u{A1}'..='\u{AC}' | '\u{AE}'..='\u{B1}' | '\u{B4}' | '\u{B6}'..='\u{B8}' | '\u{BB}' | '\u{BF}'
        | '\u{D7}' | '\u{F7}' | '\u{37E}' | '\u{387}' | '\u{55A}'..='\u{55F}' | '\u{589}' | '\u{58A}'
        | '\u{5BE}' | '\u{5C0}' | '\u{5C3}' | '\u{5C6}' | '\u{5F3}' | '\u{5F4}' | '\u{60C}' | '\u{60D}'
        | '\u{61B}' | '\u{61E}' | '\u{61F}' | '\u{66A}'..='\u{66D}' | '\u{6D4}' | '\u{964}' | '\u{965}'
        | '\u{E3F}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20CF}'
        | '\u{2100}'..='\u{2BFF}' | '\u{2E00}'..='\u{2E7F}' | '\u{3000}'..='\u{3003}' | '\u{3008}'..='\u{3020}'
        | '\u{3030}' | '\u{30FB}' | '\u{FD3E}' | '\u{FD3F}' | '\u{FE10}'..='\u{FE19}' | '\u{FE30}'..='\u{FE6F}'
        | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}'
        | '\u{FFE0}'..='\u{FFEE}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Characters that extend a preceding symbol (emoji modifiers, variation selectors, tags, keycap).
#[inline]
fn is_symbol_extender(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}' | '\u{20E3}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '`')
}

#[inline]
fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`' | '\u{201B}')
}

/// Characters that may glue two letter/digit runs into one word, subject to the rules in `joiner_action`.
#[inline]
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ':'
            | '/'
            | '-'
            | '\''
            | '\u{2019}'
            | '`'
            | '&'
            | '_'
            | '@'
            | '*'
            | '\u{2010}'
            | '\u{2011}'
    )
}

/// Sentence-final punctuation that forms one word when repeated or mixed (`...`, `?!`, `!!!`).
#[inline]
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

fn eq_ci(s: &str, lower: &str) -> bool {
    s.len() == lower.len()
        && s.bytes()
            .zip(lower.bytes())
            .all(|(a, b)| a.to_ascii_lowercase() == b)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------------------
// The scanner.

struct Tokenizer<'a, 'o> {
    t: &'a str,
    /// End of the range being tokenized (a period before it is sentence-final).
    end: usize,
    out: &'o mut Vec<Word>,
    /// Index of the first word added by this call (earlier words are never modified).
    first_new: usize,
    /// An opening single quote was emitted and not yet closed, so a trailing `'` closes it rather than
    /// marking a possessive.
    open_single: bool,
    /// An e-mail probe that started before this offset has already failed; any probe starting earlier
    /// would scan the same characters and fail the same way (keeps e-mail detection linear).
    email_fail_until: usize,
    /// End of a digit group accepted as a whole (`713-853-3989`, `11/20/2026`) in the word being scanned:
    /// joiners before it are kept without asking again.
    group_end: usize,
}

/// What to do with a joiner character found between two word-character runs.
enum Joiner {
    /// Keep it inside the current word.
    Join,
    /// Cut: emit the word so far, the joiner as a word of its own, and start a new word after it.
    Split,
    /// Cut after the joiner: it ends the word so far (`Dr.` `Michael`).
    CutAfter,
    /// End the word before the joiner; the joiner is then handled as punctuation.
    Stop,
}

impl Tokenizer<'_, '_> {
    #[inline]
    fn ch(&self, i: usize, lim: usize) -> Option<(char, usize)> {
        if i < lim {
            Some(char_at(self.t, i))
        } else {
            None
        }
    }

    #[inline]
    fn prev(&self, i: usize, lo: usize) -> Option<char> {
        if i <= lo {
            return None;
        }
        self.t[lo..i].chars().next_back()
    }

    fn emit(&mut self, a: usize, b: usize, joined: bool) {
        if a < b {
            self.out.push(Word {
                start: a as u32,
                end: b as u32,
                joined,
            });
        }
    }

    /// Marks the last emitted word as joined to a word starting at `at` (only when adjacent).
    fn join_last_to(&mut self, at: usize) {
        if self.out.len() > self.first_new
            && let Some(w) = self.out.last_mut()
            && w.end as usize == at
        {
            w.joined = true;
        }
    }

    /// Tokenizes one chunk `[cs, ce)` (a maximal run without separators), token by token.
    fn chunk(&mut self, cs: usize, ce: usize) {
        let has_at = self.t.as_bytes()[cs..ce].contains(&b'@');
        let mut p = cs;
        while p < ce {
            let next = self.token(p, cs, ce, has_at);
            // Every step must make progress; fall back to one char if a rule failed to.
            p = if next > p {
                next
            } else {
                p + char_at(self.t, p).1
            };
        }
    }

    /// Emits the token(s) starting at `p` and returns the position after them.
    fn token(&mut self, p: usize, cs: usize, ce: usize, has_at: bool) -> usize {
        let (c, cl) = char_at(self.t, p);
        let prev = self.prev(p, cs);
        let at_word_start = prev.is_none_or(|x| !is_word_char(x));
        if at_word_start
            && matches!(c, 'h' | 'H' | 'f' | 'F' | 'w' | 'W' | 'm' | 'M')
            && let Some(e) = self.url(p, ce)
        {
            self.emit(p, e, false);
            return e;
        }
        if has_at
            && at_word_start
            && (is_word_char(c) || c == '.')
            && let Some(e) = self.email(p, ce)
        {
            self.emit(p, e, false);
            return e;
        }
        if is_word_char(c) {
            return self.word(p, p, ce);
        }
        if let Some(e) = self.emoticon(p, ce) {
            self.emit(p, e, false);
            return e;
        }
        let next = self.ch(p + cl, ce);
        let next_is_word = next.is_some_and(|(n, _)| is_word_char(n));
        match c {
            '\'' | '\u{2018}' | '\u{2019}' | '`' | '\u{201B}' => {
                self.single_quote(p, c, cl, prev, ce)
            }
            '.' if next_is_word
                && prev != Some('.')
                && at_word_start
                && self.short_extension(p + 1, ce) =>
            {
                // `.5`, `.doc`, `.NET`: a leading period glued to a short word or number belongs to it
                // (a longer word is more likely a missing space: `.|thank`).
                self.word(p, p + cl, ce)
            }
            '+' if at_word_start && next.is_some_and(|x| x.0.is_ascii_digit()) => {
                // `+44`, `+1`: a signed (phone) number.
                self.word(p, p + cl, ce)
            }
            '#' | '@' if next_is_word && at_word_start => {
                // Hashtags and handles stay whole; `#1` is "number 1" and splits.
                let n = next.map_or(' ', |x| x.0);
                if c == '#' && n.is_ascii_digit() {
                    self.emit(p, p + cl, false);
                    p + cl
                } else {
                    self.word(p, p + cl, ce)
                }
            }
            _ if is_terminal(c) => {
                let e = self.terminal_run(p, ce);
                self.emit(p, e, false);
                e
            }
            '"' => {
                // `""` written as one doubled quote is one word.
                let e = if next.is_some_and(|x| x.0 == '"') {
                    p + 2
                } else {
                    p + 1
                };
                self.emit(p, e, false);
                e
            }
            '-' | '*' | '=' | '_' | '~' | '+' | '#' | '<' | '>' | '^' | '|' | '\\' | '/' | ':'
            | ',' | ';' | '$' | '\u{2014}' | '\u{2013}' | '\u{2015}' => {
                // Runs of the same mark (`--`, `***`, `<<`, `$$`) are one word, and so are runs of mixed
                // line-drawing marks (`----==`, `===>`, `*~*~*`), which the treebanks keep whole.
                let art = |x: char| {
                    matches!(x, '-' | '=' | '_' | '*' | '~' | '+' | '<' | '>' | '|' | '^')
                };
                let mut e = p + cl;
                while let Some((n, nl)) = self.ch(e, ce) {
                    if n != c
                        && !(art(c) && art(n) && !(n == '>' && self.t.as_bytes()[e - 1] == b'<'))
                    {
                        break;
                    }
                    e += nl;
                }
                self.emit(p, e, false);
                e
            }
            _ => {
                // Any other punctuation or symbol is a word of its own, with its emoji modifiers
                // and zero-width-joiner sequences.
                let mut e = p + cl;
                while let Some((n, nl)) = self.ch(e, ce) {
                    if is_symbol_extender(n) {
                        e += nl;
                    } else if n == '\u{200D}' {
                        match self.ch(e + nl, ce) {
                            Some((m, ml)) if is_punct_or_symbol(m) => e += nl + ml,
                            _ => break,
                        }
                    } else if ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
                        && ('\u{1F1E6}'..='\u{1F1FF}').contains(&n)
                        && e == p + cl
                    {
                        // A regional-indicator pair is one flag.
                        e += nl;
                    } else {
                        break;
                    }
                }
                self.emit(p, e, false);
                e
            }
        }
    }

    /// A run of sentence-final marks (`?!`, `.?`, `!!!`) is one word, but an ellipsis of two or more dots
    /// is a word of its own (`...` `?`, `!!` `..`).
    fn terminal_run(&self, p: usize, ce: usize) -> usize {
        let b = self.t.as_bytes();
        let dots = b[p..ce].iter().take_while(|&&x| x == b'.').count();
        if dots >= 2 {
            return p + dots;
        }
        let mut e = p;
        while let Some((n, nl)) = self.ch(e, ce) {
            if !is_terminal(n) || e > p && n == '.' && b.get(e + 1) == Some(&b'.') {
                break;
            }
            e += nl;
        }
        e
    }

    /// Single quotes and apostrophes outside a word: a leading one is an opening quote unless it starts a
    /// known apostrophe word (`'90s`, `'em`, a detached `'s`); a trailing one is a closing quote, or the
    /// bare possessive `'` (joined to its noun) after an `s` when no single quote is open.
    fn single_quote(
        &mut self,
        p: usize,
        c: char,
        cl: usize,
        prev: Option<char>,
        ce: usize,
    ) -> usize {
        let next = self.ch(p + cl, ce);
        // Doubled single quotes (`''`, `‘’`, ``) are one double-quote word.
        if let Some((n, nl)) = next
            && is_single_quote(n)
            && (c != '\'' || n == '\'')
            && !(c == '\u{2019}' && prev.is_some_and(is_word_char))
        {
            self.emit(p, p + cl + nl, false);
            return p + cl + nl;
        }
        let prev_word = prev.is_some_and(is_word_char);
        if (!prev_word && is_apostrophe(c) || c == '\u{2018}')
            && let Some((n, _)) = next
            && is_word_char(n)
        {
            // Look at the following letter/digit run.
            let mut e = p + cl;
            while let Some((m, ml)) = self.ch(e, ce) {
                if !is_word_char(m) {
                    break;
                }
                e += ml;
            }
            let run = &self.t[p + cl..e];
            let rb = run.as_bytes();
            let decade = rb.len() == 2 && all_digits(run)
                || rb.len() == 3 && rb[..2].iter().all(u8::is_ascii_digit) && rb[2] == b's';
            let lower_ok = APOSTROPHE_INITIAL.iter().any(|w| eq_ci(run, w));
            let detached = CLITICS.iter().any(|w| eq_ci(run, w)) && prev.is_none();
            if c != '\u{2018}' && (decade || lower_ok || detached) {
                return self.word(p, e, ce);
            }
            self.open_single = true;
            self.emit(p, p + cl, false);
            return p + cl;
        }
        if prev_word && is_apostrophe(c) {
            let ends_s = matches!(prev, Some('s' | 'S'));
            if self.open_single {
                self.open_single = false;
            } else if ends_s {
                self.join_last_to(p);
            } else if self.extend_dropped_g(p, p + cl) {
                return p + cl;
            }
        } else if c == '\u{2019}' || c == '\'' {
            self.open_single = false;
        }
        self.emit(p, p + cl, false);
        p + cl
    }

    /// `nothin'`, `cookin'`: the apostrophe of a dropped `g` belongs to the word before it.
    fn extend_dropped_g(&mut self, p: usize, e: usize) -> bool {
        if self.out.len() <= self.first_new {
            return false;
        }
        let Some(last) = self.out.last_mut() else {
            return false;
        };
        let (ws, we) = (last.start as usize, last.end as usize);
        if we != p || we - ws < 4 || !self.t[ws..we].ends_with("in") {
            return false;
        }
        last.end = e as u32;
        true
    }

    /// URL starting at `p`: runs to the end of the chunk, minus trailing punctuation and unbalanced
    /// closing brackets.
    fn url(&self, p: usize, ce: usize) -> Option<usize> {
        let rest = &self.t.as_bytes()[p..ce];
        let hit = URL_PREFIXES.iter().any(|pre| {
            rest.len() > pre.len() && rest[..pre.len()].eq_ignore_ascii_case(pre.as_bytes())
        });
        if !hit {
            return None;
        }
        let mut opens = 0usize;
        let mut closes = 0usize;
        for &b in rest {
            match b {
                b'(' => opens += 1,
                b')' => closes += 1,
                _ => {}
            }
        }
        let mut e = ce;
        while let Some(c) = self.prev(e, p) {
            let trim = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '\u{201D}' | '\u{2019}' | ']'
                | '>' | '}' => true,
                ')' if closes > opens => {
                    closes -= 1;
                    true
                }
                _ => false,
            };
            if !trim {
                break;
            }
            e -= c.len_utf8();
        }
        (e > p + 4).then_some(e)
    }

    /// E-mail address starting at `p` (`local@domain.tld`, also the truncated `jsm...@host.com`).
    fn email(&mut self, p: usize, ce: usize) -> Option<usize> {
        if p < self.email_fail_until {
            return None;
        }
        let local_char =
            |c: char| is_word_char(c) || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'');
        let mut i = p;
        while let Some((c, l)) = self.ch(i, ce) {
            if !local_char(c) {
                break;
            }
            i += l;
        }
        let at = i;
        if i == p || self.ch(i, ce).map(|x| x.0) != Some('@') {
            self.email_fail_until = at.max(p + 1);
            return None;
        }
        i += 1;
        // Domain: word runs separated by single dots or hyphens; needs at least one dot.
        let mut last_word_end = 0;
        let mut dots = 0;
        while let Some((c, l)) = self.ch(i, ce) {
            if is_word_char(c) {
                i += l;
                last_word_end = i;
            } else if (c == '.' || c == '-')
                && last_word_end == i
                && self.ch(i + 1, ce).is_some_and(|x| is_word_char(x.0))
            {
                dots += usize::from(c == '.');
                i += 1;
            } else {
                break;
            }
        }
        if dots == 0 || last_word_end == 0 {
            self.email_fail_until = at.max(p + 1);
            return None;
        }
        Some(last_word_end)
    }

    /// ASCII emoticon at `p` not followed by a letter or digit (`:)`, `;-)`, `:P`), kept whole as the
    /// treebanks do instead of being cut into punctuation.
    fn emoticon(&self, p: usize, ce: usize) -> Option<usize> {
        let rest = &self.t.as_bytes()[p..ce];
        if rest.len() < 2
            || !matches!(
                rest[0],
                b':' | b';' | b'=' | b'>' | b'(' | b'^' | b'-' | b'o' | b'O' | b'<'
            )
        {
            return None;
        }
        for e in EMOTICONS {
            let e = e.as_bytes();
            if rest.starts_with(e) {
                let after = p + e.len();
                if self.ch(after, ce).is_none_or(|x| !is_word_char(x.0)) {
                    return Some(after);
                }
            }
        }
        None
    }

    /// Scans a word starting at `p` (its first run of word characters starts at `q`, after any leading mark
    /// already accepted by the caller such as `'`, `#`, `@`, `.`), splitting at joiners as the rules say.
    /// Returns the position after the word and after an abbreviation's period.
    fn word(&mut self, p: usize, q: usize, ce: usize) -> usize {
        let mut piece = p; // start of the word being built
        let mut run = q; // start of the current letter/digit run
        let mut i = q;
        self.group_end = 0;
        loop {
            while let Some((c, l)) = self.ch(i, ce) {
                if !is_word_char(c) {
                    break;
                }
                i += l;
            }
            // `i` ends a run of word characters.
            let Some((j, jl)) = self.ch(i, ce) else { break };
            if j == '$'
                && i > piece
                && self.t[piece..i].len() <= 3
                && self.t[piece..i].bytes().all(|b| b.is_ascii_uppercase())
            {
                // `US$`, `HK$`: the currency sign belongs to its country code.
                self.emit(piece, i + 1, false);
                return i + 1;
            }
            if !is_joiner(j) {
                break;
            }
            let next = self.ch(i + jl, ce);
            if j == '/'
                && i == piece + 1
                && matches!(self.t.as_bytes()[piece], b'w' | b'W')
                && !self.single_letter_slash(piece, i, ce)
            {
                // `w/` ("with") is one word, also when glued to its object (`w/` `it`).
                self.emit(piece, i + 1, false);
                if next.is_none_or(|x| !is_word_char(x.0)) {
                    return i + 1;
                }
                i += 1;
                piece = i;
                run = i;
                continue;
            }
            let Some((n, _)) = next else { break };
            if !is_word_char(n) {
                break;
            }
            match self.joiner_action(piece, run, i, j, jl, ce) {
                Joiner::Join => {
                    i += jl;
                    run = i;
                }
                Joiner::Split => {
                    self.piece(piece, i, false);
                    self.emit(i, i + jl, false);
                    i += jl;
                    piece = i;
                    run = i;
                }
                Joiner::CutAfter => {
                    self.piece(piece, i + jl, true);
                    i += jl;
                    piece = i;
                    run = i;
                }
                Joiner::Stop => break,
            }
        }
        // `i` is the end of the last piece; look for an abbreviation period and other glued marks.
        match self.ch(i, ce) {
            Some(('.', _)) if self.takes_period(piece, i, ce) => {
                self.piece(piece, i + 1, true);
                return i + 1;
            }
            Some(('-', _)) if i + 1 == ce && self.cut_off(piece, i) => {
                // A word broken off (`s-` `so`, `pre-` `and post-war`) keeps its hyphen.
                self.piece(piece, i + 1, true);
                return i + 1;
            }
            Some(('!', _)) if &self.t[piece..i] == "Yahoo" => {
                self.emit(piece, i + 1, false);
                return i + 1;
            }
            _ => {}
        }
        self.piece(piece, i, false);
        i
    }

    /// Decides the fate of joiner `j` at `i`, between the run `[run, i)` (inside the word `[piece, i)`) and
    /// the word character after it.
    fn joiner_action(
        &mut self,
        piece: usize,
        run: usize,
        i: usize,
        j: char,
        jl: usize,
        ce: usize,
    ) -> Joiner {
        if i < self.group_end {
            return Joiner::Join;
        }
        let left = &self.t[run..i];
        let after = i + jl;
        let left_digit = left.as_bytes().last().is_some_and(u8::is_ascii_digit);
        let right_digit = self.t.as_bytes().get(after).is_some_and(u8::is_ascii_digit);
        match j {
            // Periods inside words: `U.S`, `1.5`, `e.g`, `google.com`, `file.doc`.
            '.' => {
                if is_abbreviation(&self.t[piece..i]) && self.titlecase_word_at(after, ce) {
                    // A missing space after an abbreviation: `Dr.Michael`, `St.George`, `S.Korea`.
                    Joiner::CutAfter
                } else {
                    Joiner::Join
                }
            }
            ',' => {
                let b = self.t.as_bytes();
                let three = b.len() >= after + 3
                    && b[after..after + 3].iter().all(u8::is_ascii_digit)
                    && b.get(after + 3).is_none_or(|x| !x.is_ascii_digit());
                if left_digit && three {
                    // Thousands separator (`1,000`); `13,14` is a list.
                    Joiner::Join
                } else {
                    Joiner::Stop
                }
            }
            ':' => {
                if left_digit && right_digit {
                    Joiner::Join
                } else {
                    Joiner::Stop
                }
            }
            '/' => {
                // Kept in dates (`11/20/2026`) and slash abbreviations of single letters (`b/c`, `w/o`);
                // split in fractions, ranges and alternatives (`1/2`, `and/or`).
                if left_digit && right_digit && all_digits(left) && self.digit_groups(run, '/', ce)
                    || self.single_letter_slash(piece, i, ce)
                {
                    Joiner::Join
                } else {
                    Joiner::Split
                }
            }
            '-' | '\u{2010}' | '\u{2011}' => {
                // Kept after a bound prefix (`e-mail`) and inside phone/ZIP numbers; split otherwise.
                let prefix = BOUND_PREFIX_KEYS.contains(&lower_key(&self.t[piece..i]));
                if prefix
                    || left_digit
                        && right_digit
                        && all_digits(left)
                        && self.digit_groups(run, '-', ce)
                {
                    Joiner::Join
                } else {
                    Joiner::Split
                }
            }
            // `5'10` (feet and inches) splits.
            '\'' | '\u{2019}' | '`' if left_digit && right_digit => Joiner::Split,
            '*' if !left_digit && !right_digit => Joiner::Join, // `sh*t`
            '\'' | '\u{2019}' | '`' | '&' | '_' | '@' => Joiner::Join,
            _ => Joiner::Stop,
        }
    }

    /// `[piece, i)` keeps a final hyphen: a bound prefix (`pre-` `and post-war`) or a stuttered letter (`s-`).
    fn cut_off(&self, piece: usize, i: usize) -> bool {
        let w = &self.t[piece..i];
        BOUND_PREFIX_KEYS.contains(&lower_key(w))
            || w.len() == 1 && w.bytes().all(|b| b.is_ascii_lowercase())
    }

    /// A capitalised word of two or more letters starts at `i` (`Michael`, `Korea`, not `S` or `com`).
    fn titlecase_word_at(&self, i: usize, ce: usize) -> bool {
        let b = self.t.as_bytes();
        i + 2 < ce
            && b[i].is_ascii_uppercase()
            && b[i + 1].is_ascii_lowercase()
            && b[i + 2].is_ascii_lowercase()
    }

    /// A period at `i - 1` starting a word: kept with the word when it is a number or at most 4 letters.
    fn short_extension(&self, i: usize, ce: usize) -> bool {
        let b = self.t.as_bytes();
        if i < ce && b[i].is_ascii_digit() {
            return true;
        }
        let mut k = i;
        while k < ce && b[k].is_ascii_alphanumeric() && k - i <= 4 {
            k += 1;
        }
        k > i && k - i <= 4 && (k == ce || !is_word_char(char_at(self.t, k).0))
    }

    /// `[piece, i)` is one letter, followed by `/` and one letter that ends the word.
    fn single_letter_slash(&self, piece: usize, i: usize, ce: usize) -> bool {
        let b = self.t.as_bytes();
        i == piece + 1
            && b[piece].is_ascii_alphabetic()
            && i + 2 <= ce
            && b[i + 1].is_ascii_alphabetic()
            && self.ch(i + 2, ce).is_none_or(|x| !is_word_char(x.0))
    }

    /// Digit groups separated by `sep` starting at `run`: kept whole when they look like a phone number,
    /// ZIP+4, or date (`713-853-3989`, `345-9945`, `11/20/2026`, `5/18`), split when they look like a range
    /// or fraction (`1969-1970`, `3-4`, `1/2`).
    /// On success `self.group_end` is set to the end of the groups.
    fn digit_groups(&mut self, run: usize, sep: char, ce: usize) -> bool {
        let b = self.t.as_bytes();
        let mut lens = [0usize; 4];
        let mut vals = [0u32; 4];
        let mut n = 0;
        let mut i = run;
        while n < 4 {
            let s = i;
            let mut v = 0u32;
            while i < ce && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            if i == s {
                break;
            }
            lens[n] = i - s;
            vals[n] = v;
            n += 1;
            if i < ce && b[i] == sep as u8 && i + 1 < ce && b[i + 1].is_ascii_digit() {
                i += 1;
            } else {
                break;
            }
        }
        let keep = match n {
            0 | 1 => false,
            2 if sep == '-' => matches!((lens[0], lens[1]), (3, 4) | (5, 4) | (1, 4) | (3, 3)),
            2 => {
                (1..=12).contains(&vals[0])
                    && lens[0] <= 2
                    && lens[1] == 2
                    && (1..=31).contains(&vals[1])
            }
            _ => true,
        };
        if keep {
            self.group_end = i;
        }
        keep
    }

    /// Whether the period at `dot` (right after the word `[piece, dot)`) belongs to the word.
    fn takes_period(&self, piece: usize, dot: usize, ce: usize) -> bool {
        let w = &self.t[piece..dot];
        // `etc..` takes one period; `etc...` leaves the ellipsis whole.
        if let Some(('.', _)) = self.ch(dot + 1, ce)
            && let Some(('.', _)) = self.ch(dot + 2, ce)
        {
            return false;
        }
        if !is_abbreviation(w) {
            if in_keys(&ABBREV_BEFORE_NUMBER_KEYS, w) {
                return self.digit_follows(dot + 1);
            }
            return false;
        }
        // Sentence-final: the period ends the range (possibly before closing quotes/brackets), so it is
        // punctuation, as the treebanks write `etc` `.` at the end of a sentence.
        !self.ends_range_after(dot + 1)
    }

    /// A digit follows `i` after at most a few spaces (`No.` `5`).
    fn digit_follows(&self, mut i: usize) -> bool {
        for _ in 0..4 {
            let Some((c, l)) = self.ch(i, self.end) else {
                return false;
            };
            if c.is_ascii_digit() {
                return true;
            }
            if !c.is_whitespace() {
                return false;
            }
            i += l;
        }
        false
    }

    /// Whether only closing punctuation and whitespace (at most a few chars) remain before the range end.
    fn ends_range_after(&self, mut i: usize) -> bool {
        for _ in 0..8 {
            let Some((c, l)) = self.ch(i, self.end) else {
                return true;
            };
            if !(is_separator(c) || matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}')) {
                return false;
            }
            i += l;
        }
        false
    }

    /// Emits one word `[a, b)` after splitting multiword tokens: lexical ones (`cannot`, `gonna`), clitics
    /// (`n't`, `'s`, `'m`, `'re`, `'ve`, `'ll`, `'d`), and unit letters glued to a number (`5pm`).
    /// `has_period`: the word ends with an abbreviation period or kept hyphen, so only clitics apply.
    fn piece(&mut self, a: usize, b: usize, has_period: bool) {
        if a >= b {
            return;
        }
        let w = &self.t[a..b];
        if !has_period && let Some(parts) = multiword(w) {
            let mut s = a;
            let mut rest = w;
            for (k, &len) in parts.iter().enumerate() {
                let last = k + 1 == parts.len();
                // Parts are counted in chars: the input may hold a 3-byte `’` where the form has `'`.
                let blen: usize = rest.chars().take(len).map(char::len_utf8).sum();
                let e = if last { b } else { s + blen };
                self.emit(s, e, !last);
                rest = &rest[blen..];
                s = e;
            }
            return;
        }
        // Clitics, peeled from the end (`would|n't|'ve`); they all hold an apostrophe.
        let has_apostrophe = w.bytes().any(|x| x == b'\'' || x == b'`' || x == 0xE2);
        let mut cuts = [0usize; 4];
        let mut ncut = 0;
        let mut e = b;
        while has_apostrophe && ncut < 3 {
            match clitic_start(&self.t[a..e]) {
                Some(k) if k > 0 => {
                    e = a + k;
                    cuts[ncut] = e;
                    ncut += 1;
                }
                _ => break,
            }
        }
        if ncut > 0 {
            let mut s = a;
            for k in (0..ncut).rev() {
                self.emit(s, cuts[k], true);
                s = cuts[k];
            }
            self.emit(s, b, false);
            return;
        }
        // Number followed by unit letters: `5pm` → `5` `pm`, `7:30PM` → `7:30` `PM`; ordinals stay.
        if w.as_bytes()[0].is_ascii_digit() && !has_period {
            let bytes = w.as_bytes();
            let mut k = bytes.len();
            while k > 0 && bytes[k - 1].is_ascii_alphabetic() {
                k -= 1;
            }
            if k > 0
                && k < bytes.len()
                && bytes[..k]
                    .iter()
                    .all(|&x| x.is_ascii_digit() || matches!(x, b'.' | b',' | b':'))
                && bytes[k - 1].is_ascii_digit()
            {
                let suf = &w[k..];
                // Single letters are labels (`4A`, `220b`) except units and multipliers (`5m`, `2k`, `$5b`).
                let keep = NUMBER_SUFFIXES.iter().any(|s| eq_ci(suf, s))
                    || suf.len() == 1
                        && !matches!(
                            suf,
                            "K" | "M" | "B" | "C" | "F" | "m" | "k" | "b" | "x" | "t" | "f" | "p"
                        );
                if !keep {
                    self.emit(a, a + k, false);
                    self.emit(a + k, b, false);
                    return;
                }
            }
        }
        self.emit(a, b, false);
    }
}

/// Packs a word of 1 to 8 ASCII bytes into a `u64` key (little-endian, zero-padded; no word holds a NUL byte,
/// so keys are unique); 0 for anything longer or empty. Word-list lookups compare these keys instead of
/// strings: the lists are checked for most words, and string comparison dominated the profile.
const fn pack(b: &[u8]) -> u64 {
    if b.is_empty() || b.len() > 8 {
        return 0;
    }
    let mut k = 0u64;
    let mut i = 0;
    while i < b.len() {
        k |= (b[i] as u64) << (8 * i);
        i += 1;
    }
    k
}

/// The keys of a word list, computed at compile time.
const fn keys<const N: usize>(list: &[&str]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N {
        out[i] = pack(list[i].as_bytes());
        i += 1;
    }
    out
}

const MULTIWORD_KEYS: [u64; MULTIWORD.len()] = {
    let mut out = [0u64; MULTIWORD.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = pack(MULTIWORD[i].0.as_bytes());
        i += 1;
    }
    out
};
const ABBREV_CAP_KEYS: [u64; ABBREV_CAP.len()] = keys(ABBREV_CAP);
const ABBREV_LOWER_KEYS: [u64; ABBREV_LOWER.len()] = keys(ABBREV_LOWER);
const ABBREV_BEFORE_NUMBER_KEYS: [u64; ABBREV_BEFORE_NUMBER.len()] = keys(ABBREV_BEFORE_NUMBER);
const BOUND_PREFIX_KEYS: [u64; BOUND_PREFIXES.len()] = keys(BOUND_PREFIXES);

/// Key of `w` lowercased (ASCII only; `’` read as `'`), 0 if it has no key.
fn lower_key(w: &str) -> u64 {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 10 {
        return 0;
    }
    let mut buf = [0u8; 8];
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if n == 8 {
            return 0;
        }
        if b[i] < 0x80 {
            buf[n] = b[i].to_ascii_lowercase();
            i += 1;
        } else if b[i..].starts_with("\u{2019}".as_bytes()) {
            buf[n] = b'\'';
            i += 3;
        } else {
            return 0;
        }
        n += 1;
    }
    pack(&buf[..n])
}

/// The parts of `w` if it is one of the [`MULTIWORD`] forms (ASCII case-insensitive, `’` for `'`).
fn multiword(w: &str) -> Option<&'static [usize]> {
    // Cheap filter on the first letter before building the key (this runs for nearly every word).
    let first = w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
    if !matches!(
        first,
        b'a' | b'c' | b'd' | b'g' | b'h' | b'i' | b'l' | b'o' | b's' | b't' | b'w' | b'y'
    ) {
        return None;
    }
    let key = lower_key(w);
    if key == 0 {
        return None;
    }
    MULTIWORD_KEYS
        .iter()
        .position(|&k| k == key)
        .map(|i| MULTIWORD[i].1)
}

/// Whether `w` (exact case) has a key among `keys`.
fn in_keys(keys: &[u64], w: &str) -> bool {
    let k = pack(w.as_bytes());
    k != 0 && keys.contains(&k)
}

/// If `w` ends with a clitic, the byte offset where the clitic starts (works on bytes: the apostrophes
/// `'` `’` `` ` `` and the ASCII clitic letters are matched exactly, so every offset returned is a char boundary).
fn clitic_start(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    // Length in bytes of an apostrophe ending at `end` (exclusive), if any.
    let apos_before = |end: usize, backtick: bool| -> usize {
        if end >= 1 && (b[end - 1] == b'\'' || backtick && b[end - 1] == b'`') {
            1
        } else if end >= 3 && &b[end - 3..end] == "\u{2019}".as_bytes() {
            3
        } else {
            0
        }
    };
    // n't / n’t
    if b.len() >= 2 && b[b.len() - 1].eq_ignore_ascii_case(&b't') {
        let al = apos_before(b.len() - 1, false);
        if al > 0 {
            let n = b.len() - 1 - al;
            if n >= 2 && b[n - 1].eq_ignore_ascii_case(&b'n') {
                return Some(n - 1);
            }
        }
    }
    // 's 'm 're 've 'll 'd
    for cl in CLITICS {
        let cb = cl.as_bytes();
        if b.len() <= cb.len() || !b[b.len() - cb.len()..].eq_ignore_ascii_case(cb) {
            continue;
        }
        let al = apos_before(b.len() - cb.len(), *cl == "s");
        if al == 0 {
            continue;
        }
        let k = b.len() - cb.len() - al;
        if k == 0 {
            return None;
        }
        // `1960's`, `E500's`: plurals of numbers keep their apostrophe.
        if *cl == "s" && b[k - 1].is_ascii_digit() {
            return None;
        }
        if apos_before(k, true) > 0 {
            return None;
        }
        return Some(k);
    }
    None
}

/// Abbreviations that keep their period: listed forms, single letters (initials), and dotted forms whose
/// segments are at most two letters (`U.S`, `e.g`, `Ph.D`, `a.m`).
fn is_abbreviation(w: &str) -> bool {
    if w.is_empty() || w.len() > 12 {
        return false;
    }
    let mut chars = w.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if w.contains('.') {
        return w
            .split('.')
            .all(|s| !s.is_empty() && s.len() <= 2 && s.chars().all(char::is_alphabetic));
    }
    if in_keys(&ABBREV_CAP_KEYS, w) || in_keys(&ABBREV_LOWER_KEYS, w) {
        return true;
    }
    if w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase()) {
        return ABBREV_CAP.iter().any(|a| a.eq_ignore_ascii_case(w));
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<Word> {
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &mut out);
        out
    }

    /// Words separated by spaces, with `+` between the parts of a multiword token (`do+n't`).
    fn render(s: &str) -> String {
        let mut r = String::new();
        let mut glue = false;
        for w in words(s) {
            if !r.is_empty() {
                r.push(if glue { '+' } else { ' ' });
            }
            r.push_str(&s[w.start as usize..w.end as usize]);
            glue = w.joined;
        }
        r
    }

    fn check(s: &str, expected: &str) {
        assert_eq!(render(s), expected, "input: {s:?}");
        invariants(s, 0, s.len());
    }

    /// Every word is a non-empty, in-order, non-overlapping sub-span on char boundaries without
    /// whitespace or control characters, and `joined` only links adjacent words.
    fn invariants(s: &str, start: usize, end: usize) {
        let mut out = vec![Word {
            start: 7,
            end: 7,
            joined: true,
        }]; // pre-existing content is kept
        tokenize(s, start, end, &mut out);
        assert_eq!(
            out[0],
            Word {
                start: 7,
                end: 7,
                joined: true
            }
        );
        let ws = &out[1..];
        let mut last = start;
        for (k, w) in ws.iter().enumerate() {
            let (a, b) = (w.start as usize, w.end as usize);
            assert!(a < b, "empty word in {s:?}");
            assert!(a >= last && b <= end, "out of order or range in {s:?}");
            assert!(s.is_char_boundary(a) && s.is_char_boundary(b));
            assert!(
                !s[a..b].chars().any(|c| c.is_whitespace() || c.is_control()),
                "{:?}",
                &s[a..b]
            );
            if w.joined {
                assert!(
                    k + 1 < ws.len() && ws[k + 1].start == w.end,
                    "joined to a non-adjacent word in {s:?}"
                );
            }
            last = b;
        }
    }

    #[test]
    fn clitics_with_both_apostrophes() {
        check("I don't know.", "I do+n't know .");
        check("I don’t know.", "I do+n’t know .");
        check("We can't, they won't.", "We ca+n't , they wo+n't .");
        check("She can’t and he won’t", "She ca+n’t and he wo+n’t");
        check("I'm sure you're right", "I+'m sure you+'re right");
        check("I’m sure they’ve left", "I+’m sure they+’ve left");
        check("We'll see what he'd say", "We+'ll see what he+'d say");
        check("It's fine, it’s done", "It+'s fine , it+’s done");
        check("DON'T SHOUT", "DO+N'T SHOUT");
        check("You should've asked", "You should+'ve asked");
        check("It wouldn't've mattered", "It would+n't+'ve mattered");
        check("Let's go, y'all", "Let+'s go , y'+all");
        check("ain't", "ai+n't");
    }

    #[test]
    fn lexical_multiwords() {
        check("You cannot stay", "You can+not stay");
        check("Cannot", "Can+not");
        check(
            "I'm gonna try, wanna come? You gotta",
            "I+'m gon+na try , wan+na come ? You got+ta",
        );
        check("I dunno", "I du+n+no");
        check("c'mon", "c'm+on");
        check("c’mon", "c’m+on");
        // Apostrophe-less contractions that are not words themselves.
        check("i dont care", "i do+nt care");
        check("its fine", "its fine");
    }

    #[test]
    fn possessives() {
        check("Bush's plan", "Bush+'s plan");
        check("the minister’s office", "the minister+’s office");
        check("the senators' votes", "the senators+' votes");
        check("the senators’ votes", "the senators+’ votes");
        check("Charles' book", "Charles+' book");
        // A closing single quote is not a possessive.
        check(
            "a so-called 'expert witness'",
            "a so - called ' expert witness '",
        );
        check("‘just the facts’", "‘ just the facts ’");
        // Plurals of numbers and names with inner apostrophes stay whole.
        check("the 1990's boom", "the 1990's boom");
        check("O'Brien's view", "O'Brien+'s view");
        check(
            "rock 'n' roll in the '90s and ’80s",
            "rock 'n ' roll in the '90s and ’80s",
        );
        check("o'clock", "o'clock");
        check("nothin' doin'", "nothin' doin'");
    }

    #[test]
    fn hyphens_and_bound_prefixes() {
        check("Al-Zaman", "Al - Zaman");
        check(
            "a well-known, long-term plan",
            "a well - known , long - term plan",
        );
        check(
            "send an e-mail to co-workers",
            "send an e-mail to co-workers",
        );
        check(
            "pre-owned non-profit post-war re-election",
            "pre-owned non-profit post-war re-election",
        );
        check("Anti-war and anti-Trump", "Anti-war and anti-Trump");
        check("pre- and post-war", "pre- and post-war");
        check("a 10-year-old", "a 10 - year - old");
        check("pages 10-12", "pages 10 - 12");
        check(
            "call 713-555-0199 or 555-0100",
            "call 713-555-0199 or 555-0100",
        );
        check("the U.S.-led force", "the U.S. - led force");
        check("He left -- quickly—then", "He left -- quickly — then");
        check("1990–2000", "1990 – 2000");
    }

    #[test]
    fn abbreviations() {
        check("Mr. Smith met Dr. Jones", "Mr. Smith met Dr. Jones");
        check("the U.S. and U.K. economies", "the U.S. and U.K. economies");
        check(
            "fruit, e.g. apples, i.e. food",
            "fruit , e.g. apples , i.e. food",
        );
        check(
            "Acme Inc. and Foo Corp. agreed",
            "Acme Inc. and Foo Corp. agreed",
        );
        check("on Sept. 5 at 3 p.m. sharp", "on Sept. 5 at 3 p.m. sharp");
        check("John F. Kennedy", "John F. Kennedy");
        check("No. 5 and pp. 12", "No. 5 and pp. 12");
        // Sentence-final: the period is punctuation of its own, as in the treebanks.
        check("apples, pears, etc.", "apples , pears , etc .");
        check("We met at 5 p.m.", "We met at 5 p.m .");
        check("He said no.", "He said no .");
        check("Not an abbreviation. Next", "Not an abbreviation . Next");
        check("etc.. and etc...", "etc. . and etc ...");
        check("Dr.Michael", "Dr. Michael");
    }

    #[test]
    fn numbers_currency_percent_time() {
        check("It cost $1,000.50 or 5%.", "It cost $ 1,000.50 or 5 % .");
        check("US$5 and €3 and £2m", "US$ 5 and € 3 and £ 2 m");
        check("at 3:30 or 10:45pm", "at 3:30 or 10:45 pm");
        check("on 11/20/2026 and 5/18", "on 11/20/2026 and 5/18");
        check("1/2 cup", "1 / 2 cup");
        check(
            "the 19th and 2nd in the 1970s",
            "the 19th and 2nd in the 1970s",
        );
        check("a 5km run", "a 5 km run");
        check("-5 and +44", "- 5 and +44");
        check("3.14 and .5", "3.14 and .5");
        check("items 1,2 and 1,000", "items 1 , 2 and 1,000");
        check("5'10 tall", "5 ' 10 tall");
        check("45° north", "45 ° north");
    }

    #[test]
    fn urls_and_emails() {
        check(
            "See https://example.com/a-b?x=1&y=2.",
            "See https://example.com/a-b?x=1&y=2 .",
        );
        check("(see www.example.org/path)", "( see www.example.org/path )");
        check(
            "Mail jane.doe-smith@mail.example.co.uk now",
            "Mail jane.doe-smith@mail.example.co.uk now",
        );
        check("<info@example.com>", "< info@example.com >");
        check("visit example.com today", "visit example.com today");
        check(
            "follow @newsdesk and #Election2026",
            "follow @newsdesk and #Election2026",
        );
        check("ranked #1", "ranked # 1");
    }

    #[test]
    fn ellipsis_and_punctuation_runs() {
        check("Wait... what?!", "Wait ... what ?!");
        check("Wait…what", "Wait … what");
        check("Really?!? No!!!", "Really ?!? No !!!");
        check("so...?", "so ... ?");
        check("-----", "-----");
        check("==> <<quoted>>", "==> << quoted >>");
    }

    #[test]
    fn quotes_and_brackets() {
        check("\"Yes,\" she said.", "\" Yes , \" she said .");
        check("“No comment,” he said.", "“ No comment , ” he said .");
        check("(as [sic] noted)", "( as [ sic ] noted )");
        check("``Hello''", "`` Hello ''");
        check("'Tis", "'Tis");
    }

    #[test]
    fn emoticons_and_emoji() {
        check("great :) thanks :-(", "great :) thanks :-(");
        check("fun:)", "fun :)");
        check("nice😀👍🏽 ok", "nice 😀 👍🏽 ok");
        check("family 👨‍👩‍👧 flag 🇺🇸🇫🇷", "family 👨‍👩‍👧 flag 🇺🇸 🇫🇷");
        check("love ❤️", "love ❤️");
    }

    #[test]
    fn scripts_and_marks() {
        // Combining marks stay inside their word; RTL text is cut at spaces and its punctuation.
        check("cafe\u{301} ole\u{301}", "cafe\u{301} ole\u{301}");
        check("مرحبا، عالم؟", "مرحبا ، عالم ؟");
        check("日本語のテキスト。", "日本語のテキスト 。");
        check("naïve façade", "naïve façade");
    }

    #[test]
    fn control_characters_and_whitespace() {
        check("a\u{0}b\u{7}c\u{1b}[0m", "a b c [ 0 m");
        check(
            "one\u{a0}two\u{2003}three\u{3000}four",
            "one two three four",
        );
        check("zero\u{200b}width\u{feff}bom", "zero width bom");
        check("tab\tnew\nline\r\n", "tab new line");
        check("", "");
        check(" \t\n\u{a0}\u{2028} ", "");
    }

    #[test]
    fn offsets_with_nonzero_start() {
        let text = "Skip this. I don't know, Mr. Smith. Tail";
        let start = text.find("I don't").unwrap();
        let end = text.find(" Tail").unwrap();
        let mut out = vec![];
        tokenize(text, start, end, &mut out);
        let got: Vec<&str> = out
            .iter()
            .map(|w| &text[w.start as usize..w.end as usize])
            .collect();
        assert_eq!(got, ["I", "do", "n't", "know", ",", "Mr.", "Smith", "."]);
        assert_eq!(out[0].start as usize, start);
        assert!(out[1].joined && !out[2].joined);
        invariants(text, start, end);
        // Out-of-range and non-boundary offsets are clamped, not a panic.
        let s = "héllo wörld";
        invariants(s, 2, 9);
        let mut out = vec![];
        tokenize(s, 2, 9, &mut out);
        tokenize(s, 9, 2, &mut out);
        tokenize(s, 0, 1000, &mut out);
        tokenize(s, 1000, 2000, &mut out);
        assert!(out.iter().all(|w| s.is_char_boundary(w.start as usize) && s.is_char_boundary(w.end as usize)));
    }

    #[test]
    fn appends_without_touching_existing_words() {
        let text = "Bush's";
        let mut out = vec![Word {
            start: 0,
            end: 4,
            joined: false,
        }];
        tokenize(text, 4, text.len(), &mut out);
        assert_eq!(
            out[0],
            Word {
                start: 0,
                end: 4,
                joined: false
            }
        );
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn word_lists_are_well_formed() {
        assert!(
            MULTIWORD.windows(2).all(|w| w[0].0 < w[1].0),
            "MULTIWORD must be sorted and unique"
        );
        for (form, parts) in MULTIWORD {
            assert_eq!(form.chars().count(), parts.iter().sum::<usize>(), "{form}");
            assert!(form.len() <= 8 && *form == form.to_lowercase());
        }
        for list in [
            BOUND_PREFIXES,
            ABBREV_CAP,
            ABBREV_LOWER,
            ABBREV_BEFORE_NUMBER,
        ] {
            assert!(
                list.iter()
                    .all(|w| !w.is_empty() && w.len() <= 8 && w.is_ascii())
            );
        }
        assert!(BOUND_PREFIXES.iter().all(|w| *w == w.to_lowercase()));
    }

    /// A small deterministic generator (no external crates) for property-style checks.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    #[test]
    fn property_random_text() {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "don't",
            "’",
            "'",
            "‘",
            "\"",
            "“",
            "”",
            "s",
            "-",
            "--",
            ".",
            "...",
            "…",
            ",",
            "1",
            "2,000",
            "3:30",
            "/",
            "@",
            "#",
            "$",
            "%",
            "e-mail",
            "U.S.",
            "Mr.",
            "http://x.y/z",
            "a@b.cc",
            ":)",
            "(",
            ")",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{0}",
            "\u{7f}",
            "\u{85}",
            "\u{a0}",
            "\u{200b}",
            "\u{200d}",
            "\u{301}",
            "é",
            "😀",
            "🏽",
            "\u{fe0f}",
            "🇺",
            "مرحبا",
            "،",
            "日本",
            "。",
            "cannot",
            "gonna",
            "n't",
            "'s",
            "_",
            "&",
            "*",
            "+",
            "=",
            "<",
            ">",
            "[",
            "]",
            "!",
            "?",
            "in'",
            "’90s",
            "x/y",
            "5pm",
            "w/",
        ];
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..3000 {
            let n = (rng.next() % 24) as usize;
            let mut s = String::new();
            for _ in 0..n {
                let r = rng.next();
                if r.is_multiple_of(5) {
                    // Any code point, weighted towards the BMP.
                    let cp = if r.is_multiple_of(2) {
                        (r >> 8) % 0x1_0000
                    } else {
                        (r >> 8) % 0x11_0000
                    };
                    s.push(char::from_u32(cp as u32).unwrap_or('\u{FFFD}'));
                } else {
                    s.push_str(PIECES[((r >> 8) % PIECES.len() as u64) as usize]);
                }
            }
            invariants(&s, 0, s.len());
            // Sub-ranges on char boundaries.
            let bounds: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            let a = bounds[(rng.next() % bounds.len() as u64) as usize];
            let b = bounds[(rng.next() % bounds.len() as u64) as usize];
            invariants(&s, a.min(b), a.max(b));
            // Every non-separator char of the range is covered by a word (nothing is silently dropped).
            let ws = words(&s);
            let covered: usize = ws.iter().map(|w| (w.end - w.start) as usize).sum();
            let visible: usize = s
                .chars()
                .filter(|&c| !is_separator(c))
                .map(char::len_utf8)
                .sum();
            assert_eq!(covered, visible, "{s:?}");
        }
    }

    #[test]
    fn pathological_inputs_are_linear() {
        // Each input is ~1 MB: linear work takes milliseconds (a second unoptimised), a quadratic rule
        // would take minutes to hours, so a generous bound cannot flake on a busy machine.
        let inputs = [
            "a".repeat(1 << 20),
            "'".repeat(1 << 20),
            "\"".repeat(100_000),
            "’".repeat(100_000),
            "a-".repeat(1 << 19),
            "1-".repeat(1 << 19),
            "1/".repeat(1 << 19),
            "a.".repeat(1 << 19),
            "a'".repeat(1 << 19),
            "'a".repeat(1 << 19),
            "a@".repeat(1 << 19),
            "a-b.".repeat(1 << 18) + "@x",
            ".".repeat(1 << 20),
            "😀".repeat(1 << 18),
            "\u{301}".repeat(1 << 19),
            "1,".repeat(1 << 19),
            "http://".repeat(1 << 17),
            ":)".repeat(1 << 19),
        ];
        for s in &inputs {
            let t = std::time::Instant::now();
            let mut out = Vec::new();
            tokenize(s, 0, s.len(), &mut out);
            let head: String = s.chars().take(8).collect();
            assert!(t.elapsed().as_secs_f64() < 20.0, "slow on {head:?}...");
            assert!(out.iter().all(|w| w.start < w.end));
        }
    }
}
