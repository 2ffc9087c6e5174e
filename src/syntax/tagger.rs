//! Part-of-speech tagging: two greedy averaged perceptrons (UPOS, then Penn XPOS) over the same 31 features.
//!
//! Left to right, each word's tag is chosen from hashed features of the word, its neighbours and the tagger's own
//! previous decisions. Frequent words that nearly always carry one tag skip the model (the tag dictionary); the
//! *ambiguity class* of a word (the set of tags seen with it in training) tells the model which choices are live,
//! which helps most on words it has seen only a few times.

use rustc_hash::FxHashMap;

use super::key::{self, Rng};
use super::weights::{Table, TrainTable, argmax};
use super::word::{normalise, prefix, shape, suffix};

/// Sentinel for "no dictionary tag" and "no previous tag".
pub const NONE: u8 = u8::MAX;

/// Which of the two tag sets a tagger predicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    Upos,
    Xpos,
}

/// What the lexicon knows about a frequent form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LexEntry {
    /// Bit set of UPOS tags seen with the form (forms seen at least 3 times).
    pub upos_seen: u32,
    /// Bit set of XPOS tags seen with the form.
    pub xpos_seen: u64,
    /// The UPOS tag to assign without the model, or [`NONE`].
    pub upos_dict: u8,
    /// The XPOS tag to assign without the model, or [`NONE`].
    pub xpos_dict: u8,
}

/// Forms the training data saw often enough to say something about, keyed by the hash of the normalised form.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: FxHashMap<u64, LexEntry>,
    /// The forms themselves, sorted, for writing the model file.
    pub forms: Vec<(String, LexEntry)>,
}

/// Forms seen this often get an ambiguity class.
const AMBIGUITY_MIN: u32 = 3;
/// Forms seen this often, with [`DICT_SHARE`] of them one tag, are tagged from the dictionary.
const DICT_MIN: u32 = 20;
const DICT_SHARE: f64 = 0.97;

impl Lexicon {
    /// Builds the lexicon from tagged sentences (form, UPOS index, XPOS index per word).
    pub fn build<'a>(sentences: impl Iterator<Item = (&'a [String], &'a [u8], &'a [u8])>) -> Self {
        // Per form: how often each UPOS and each XPOS tag was seen with it.
        type Counts = (FxHashMap<u8, u32>, FxHashMap<u8, u32>);
        let mut counts: FxHashMap<String, Counts> = FxHashMap::default();
        let mut norm = String::new();
        for (forms, upos, xpos) in sentences {
            for ((f, &u), &x) in forms.iter().zip(upos).zip(xpos) {
                normalise(f, &mut norm);
                let e = counts.entry(norm.clone()).or_default();
                *e.0.entry(u).or_default() += 1;
                *e.1.entry(x).or_default() += 1;
            }
        }
        let mut forms: Vec<(String, LexEntry)> = Vec::new();
        for (form, (u, x)) in counts {
            let total: u32 = u.values().sum();
            if total < AMBIGUITY_MIN {
                continue;
            }
            let dict = |m: &FxHashMap<u8, u32>| {
                let (&tag, &n) = m.iter().max_by_key(|&(t, n)| (*n, std::cmp::Reverse(*t)))?;
                (total >= DICT_MIN && f64::from(n) >= DICT_SHARE * f64::from(total)).then_some(tag)
            };
            forms.push((
                form,
                LexEntry {
                    upos_seen: u.keys().fold(0, |m, &t| m | 1 << t),
                    xpos_seen: x.keys().fold(0, |m, &t| m | 1u64 << (t & 63)),
                    upos_dict: dict(&u).unwrap_or(NONE),
                    xpos_dict: dict(&x).unwrap_or(NONE),
                },
            ));
        }
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        Self::from_forms(forms)
    }

    /// Indexes a sorted form list (as read from a model file).
    pub fn from_forms(forms: Vec<(String, LexEntry)>) -> Self {
        let entries = forms.iter().map(|(f, e)| (key::string(f), *e)).collect();
        Lexicon { entries, forms }
    }
}

/// The atoms of one word that every feature template draws on, computed once per word.
#[derive(Debug, Clone, Copy, Default)]
pub struct Atoms {
    /// Normalised form, case kept.
    pub norm: u64,
    /// Lowercased normalised form (also the parser's word atom).
    pub lower: u64,
    pub suffix: [u64; 4],
    pub prefix1: u64,
    pub prefix2: u64,
    pub prefix3: u64,
    pub shape: u64,
    pub hyphen: bool,
    pub first_shape: u64,
    pub lex: LexEntry,
}

/// Reusable buffers for computing atoms.
#[derive(Debug, Default)]
pub struct Scratch {
    norm: String,
    lower: String,
    shape: String,
}

impl Atoms {
    pub fn of(form: &str, lexicon: &Lexicon, s: &mut Scratch) -> Self {
        normalise(form, &mut s.norm);
        s.lower.clear();
        for c in s.norm.chars() {
            s.lower.extend(c.to_lowercase());
        }
        shape(form, &mut s.shape);
        let lower = &s.lower;
        let norm_key = key::string(&s.norm);
        Atoms {
            norm: norm_key,
            lower: key::string(lower),
            suffix: [1, 2, 3, 4].map(|n| key::string(suffix(lower, n))),
            prefix1: key::string(prefix(&s.norm, 1)),
            prefix2: key::string(prefix(lower, 2)),
            prefix3: key::string(prefix(lower, 3)),
            shape: key::string(&s.shape),
            hyphen: s.norm.contains('-'),
            first_shape: u64::from(s.shape.chars().next().unwrap_or(' ')),
            lex: lexicon.entries.get(&norm_key).copied().unwrap_or(LexEntry {
                upos_dict: NONE,
                xpos_dict: NONE,
                ..LexEntry::default()
            }),
        }
    }

    fn seen(&self, set: Set) -> u64 {
        match set {
            Set::Upos => u64::from(self.lex.upos_seen),
            Set::Xpos => self.lex.xpos_seen,
        }
    }

    fn dict(&self, set: Set) -> u8 {
        match set {
            Set::Upos => self.lex.upos_dict,
            Set::Xpos => self.lex.xpos_dict,
        }
    }
}

/// Number of tagger feature templates.
pub const FEATURES: usize = 31;

/// The absent-neighbour atom (before the first or after the last word).
const EDGE: u64 = 0x6564_6765;

/// Rows of the 31 features for word `i` given the two previous tags.
fn features(w: &[Atoms], i: usize, set: Set, p1: u8, p2: u8, bits: u32, out: &mut [u32; FEATURES]) {
    let at = |j: isize| -> Option<&Atoms> { if j < 0 { None } else { w.get(j as usize) } };
    let i_ = i as isize;
    let lower = |j: isize| at(j).map_or(EDGE, |a| a.lower);
    let suf3 = |j: isize| at(j).map_or(EDGE, |a| a.suffix[2]);
    let shp = |j: isize| at(j).map_or(EDGE, |a| a.shape);
    let amb = |j: isize| at(j).map_or(EDGE, |a| a.seen(set));
    let a = &w[i];
    let (p1, p2) = (u64::from(p1), u64::from(p2));
    let keys: [u64; FEATURES] = [
        key::key(0, &[]),
        key::key(1, &[a.norm]),
        key::key(2, &[a.lower]),
        key::key(3, &[a.suffix[0]]),
        key::key(4, &[a.suffix[1]]),
        key::key(5, &[a.suffix[2]]),
        key::key(6, &[a.suffix[3]]),
        key::key(7, &[a.prefix1]),
        key::key(8, &[a.prefix2]),
        key::key(9, &[a.prefix3]),
        key::key(10, &[a.shape]),
        key::key(11, &[u64::from(a.hyphen)]),
        key::key(12, &[u64::from(i == 0), a.first_shape]),
        key::key(13, &[lower(i_ - 2)]),
        key::key(14, &[lower(i_ - 1)]),
        key::key(15, &[lower(i_ + 1)]),
        key::key(16, &[lower(i_ + 2)]),
        key::key(17, &[suf3(i_ - 1)]),
        key::key(18, &[suf3(i_ + 1)]),
        key::key(19, &[shp(i_ - 1)]),
        key::key(20, &[shp(i_ + 1)]),
        key::key(21, &[lower(i_ - 1), a.lower]),
        key::key(22, &[a.lower, lower(i_ + 1)]),
        key::key(23, &[amb(i_ - 1)]),
        key::key(24, &[amb(i_)]),
        key::key(25, &[amb(i_ + 1)]),
        key::key(26, &[amb(i_ + 2)]),
        key::key(27, &[amb(i_), amb(i_ + 1)]),
        key::key(28, &[p1]),
        key::key(29, &[p1, p2]),
        key::key(30, &[p1, a.lower]),
    ];
    for (o, k) in out.iter_mut().zip(keys) {
        *o = key::row(k, bits);
    }
}

/// Tags a sentence with one trained table; `out` receives one tag index per word.
pub fn tag(table: &Table, w: &[Atoms], set: Set, out: &mut Vec<u8>, scores: &mut Vec<f32>) {
    out.clear();
    let mut rows = [0u32; FEATURES];
    scores.resize(table.stride, 0.0);
    let (mut p1, mut p2) = (NONE, NONE);
    for i in 0..w.len() {
        let t = match w[i].dict(set) {
            NONE => {
                features(w, i, set, p1, p2, table.bits, &mut rows);
                scores.fill(0.0);
                table.score(&rows, scores);
                argmax(&scores[..table.classes], |_| true).unwrap_or(0) as u8
            }
            d => d,
        };
        out.push(t);
        p2 = p1;
        p1 = t;
    }
}

/// Trains one tagger: `epochs` passes over the sentences, reshuffled each epoch with `seed`. Each item is a
/// sentence's atoms and its gold tags in the chosen set.
pub fn train(
    data: &[(Vec<Atoms>, Vec<u8>)],
    set: Set,
    classes: usize,
    bits: u32,
    epochs: usize,
    seed: u64,
) -> Table {
    let mut table = TrainTable::new(bits, classes);
    let mut rng = Rng::new(seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rows = [0u32; FEATURES];
    let mut scores = vec![0i32; table.stride];
    let mut t: u64 = 0;
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (w, gold) = &data[s];
            let (mut p1, mut p2) = (NONE, NONE);
            for i in 0..w.len() {
                let g = gold[i];
                let pred = match w[i].dict(set) {
                    NONE => {
                        t += 1;
                        features(w, i, set, p1, p2, bits, &mut rows);
                        table.score(&rows, &mut scores);
                        let p = best(&scores[..classes]);
                        if p != g as usize {
                            table.update(&rows, g as usize, 1, t);
                            table.update(&rows, p, -1, t);
                        }
                        p as u8
                    }
                    d => d,
                };
                p2 = p1;
                p1 = pred;
            }
        }
    }
    table.quantise(t)
}

/// Index of the highest integer score (ties to the lowest index).
pub fn best(scores: &[i32]) -> usize {
    let mut b = 0;
    for (c, &s) in scores.iter().enumerate() {
        if s > scores[b] {
            b = c;
        }
    }
    b
}
