//! The model file: tag and label inventories, the tagger lexicon, the lemmatiser's tables and three quantised
//! weight tables, in one little-endian binary with a checksum.
//!
//! Everything a silently changed feature template could break is stored and checked on load (format version,
//! template version, hash seed, row counts), so an old model with new code fails loudly instead of producing
//! plausible garbage. The weight bytes are borrowed, not copied, which is what lets the embedded model load in
//! about a millisecond.

use std::borrow::Cow;

use super::key;
use super::lemma::Lemmatizer;
use super::tagger::{LexEntry, Lexicon};
use super::weights::{Table, stride};

const MAGIC: &[u8; 8] = b"CTSYNTAX";
/// Version of the file layout (2: row scales stored inside the rows).
pub const FORMAT: u32 = 2;
/// Version of the feature templates (tagger and parser): bump whenever a template changes.
pub const TEMPLATES: u32 = 1;

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{origin}: not a claimtrail syntax model (bad magic bytes)")]
    Magic { origin: String },
    #[error(
        "{origin}: model format {found}, template version {templates}, seed {seed:#x}; this build reads format \
         {FORMAT}, templates {TEMPLATES}, seed {:#x}: retrain it with `claimtrail train-syntax`",
        key::SEED
    )]
    Version {
        origin: String,
        found: u32,
        templates: u32,
        seed: u64,
    },
    #[error("{origin}: model file is truncated or corrupt ({what})")]
    Corrupt { origin: String, what: String },
    #[error("{origin}: checksum mismatch: the model file is corrupt")]
    Checksum { origin: String },
    // The I/O error is part of the message, not a `source`: error chains would print it twice.
    #[error("{path}: cannot read the syntax model: {error}")]
    Io { path: String, error: std::io::Error },
    #[error(
        "this claimtrail was built without a syntax model (data/syntax/en-ud.model.gz was missing at build \
         time); restore the file from git or train one with `claimtrail train-syntax`, then rebuild"
    )]
    NotEmbedded,
}

/// Everything the tagger, lemmatiser and parser need.
#[derive(Debug, Clone)]
pub struct Parts {
    pub upos_names: Vec<String>,
    pub xpos_names: Vec<String>,
    pub labels: Vec<String>,
    pub lexicon: Lexicon,
    pub lemmatizer: Lemmatizer,
    pub upos: Table,
    pub xpos: Table,
    pub parser: Table,
}

/// Serialises a model.
pub fn write(p: &Parts) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, FORMAT);
    put_u32(&mut out, TEMPLATES);
    out.extend_from_slice(&key::SEED.to_le_bytes());
    for list in [&p.upos_names, &p.xpos_names, &p.labels] {
        put_u32(&mut out, list.len() as u32);
        for s in list {
            put_str(&mut out, s);
        }
    }
    put_u32(&mut out, p.lexicon.forms.len() as u32);
    for (f, e) in &p.lexicon.forms {
        put_str(&mut out, f);
        put_u32(&mut out, e.upos_seen);
        out.extend_from_slice(&e.xpos_seen.to_le_bytes());
        out.push(e.upos_dict);
        out.push(e.xpos_dict);
    }
    let mut known: Vec<&String> = p.lemmatizer.known.iter().collect();
    known.sort();
    put_u32(&mut out, known.len() as u32);
    for k in known {
        put_str(&mut out, k);
    }
    let mut exc: Vec<(&(String, u8), &String)> = p.lemmatizer.exceptions.iter().collect();
    exc.sort();
    put_u32(&mut out, exc.len() as u32);
    for ((f, x), l) in exc {
        put_str(&mut out, f);
        out.push(*x);
        put_str(&mut out, l);
    }
    for t in [&p.upos, &p.xpos, &p.parser] {
        put_u32(&mut out, t.bits);
        put_u32(&mut out, t.classes as u32);
        put_u32(&mut out, t.stride as u32);
        out.extend_from_slice(&t.data);
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Reads a model from bytes that live as long as the program (the embedded model, or a file read once and
/// leaked). `origin` names the bytes in errors.
pub fn read(bytes: &'static [u8], origin: &str) -> Result<Parts, ModelError> {
    let corrupt = |what: &str| ModelError::Corrupt {
        origin: origin.to_string(),
        what: what.to_string(),
    };
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ModelError::Magic {
            origin: origin.to_string(),
        });
    }
    if bytes.len() < 32 {
        return Err(corrupt("header"));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut r = Reader {
        b: body,
        at: MAGIC.len(),
    };
    let found = r.u32().ok_or_else(|| corrupt("header"))?;
    let templates = r.u32().ok_or_else(|| corrupt("header"))?;
    let seed = r.u64().ok_or_else(|| corrupt("header"))?;
    if found != FORMAT || templates != TEMPLATES || seed != key::SEED {
        return Err(ModelError::Version {
            origin: origin.to_string(),
            found,
            templates,
            seed,
        });
    }
    if u64::from_le_bytes(sum.try_into().expect("8 bytes")) != checksum(body) {
        return Err(ModelError::Checksum {
            origin: origin.to_string(),
        });
    }
    let mut lists: Vec<Vec<String>> = Vec::new();
    for what in ["UPOS tags", "XPOS tags", "labels"] {
        let n = r.u32().ok_or_else(|| corrupt(what))?;
        let mut v = Vec::new();
        for _ in 0..n {
            v.push(r.string().ok_or_else(|| corrupt(what))?);
        }
        lists.push(v);
    }
    let labels = lists.pop().expect("three lists");
    let xpos_names = lists.pop().expect("three lists");
    let upos_names = lists.pop().expect("three lists");
    if upos_names.len() > 32 || xpos_names.len() > 64 || labels.is_empty() || labels.len() > 127 {
        return Err(corrupt("tag or label inventory"));
    }
    let n = r.u32().ok_or_else(|| corrupt("lexicon"))?;
    let mut forms = Vec::new();
    for _ in 0..n {
        let f = r.string().ok_or_else(|| corrupt("lexicon"))?;
        let e = LexEntry {
            upos_seen: r.u32().ok_or_else(|| corrupt("lexicon"))?,
            xpos_seen: r.u64().ok_or_else(|| corrupt("lexicon"))?,
            upos_dict: r.u8().ok_or_else(|| corrupt("lexicon"))?,
            xpos_dict: r.u8().ok_or_else(|| corrupt("lexicon"))?,
        };
        let bad = |t: u8, n: usize| t != super::tagger::NONE && t as usize >= n;
        if bad(e.upos_dict, upos_names.len()) || bad(e.xpos_dict, xpos_names.len()) {
            return Err(corrupt("lexicon tag"));
        }
        forms.push((f, e));
    }
    let mut lemmatizer = Lemmatizer::default();
    let n = r.u32().ok_or_else(|| corrupt("lemmas"))?;
    for _ in 0..n {
        lemmatizer
            .known
            .insert(r.string().ok_or_else(|| corrupt("lemmas"))?);
    }
    let n = r.u32().ok_or_else(|| corrupt("lemma exceptions"))?;
    for _ in 0..n {
        let f = r.string().ok_or_else(|| corrupt("lemma exceptions"))?;
        let x = r.u8().ok_or_else(|| corrupt("lemma exceptions"))?;
        let l = r.string().ok_or_else(|| corrupt("lemma exceptions"))?;
        lemmatizer.exceptions.insert((f, x), l);
    }
    let mut tables = Vec::new();
    for (what, classes) in [
        ("UPOS table", upos_names.len()),
        ("XPOS table", xpos_names.len()),
        ("parser table", 1 + 2 * labels.len()),
    ] {
        let bits = r.u32().ok_or_else(|| corrupt(what))?;
        let c = r.u32().ok_or_else(|| corrupt(what))? as usize;
        let s = r.u32().ok_or_else(|| corrupt(what))? as usize;
        if !(4..=24).contains(&bits) || c != classes || s != stride(c) {
            return Err(corrupt(what));
        }
        let data = r
            .take((1usize << bits) * (4 + s))
            .ok_or_else(|| corrupt(what))?;
        tables.push(Table {
            bits,
            classes: c,
            stride: s,
            data: Cow::Borrowed(data),
        });
    }
    if r.at != body.len() {
        return Err(corrupt("trailing bytes"));
    }
    let parser = tables.pop().expect("three tables");
    let xpos = tables.pop().expect("three tables");
    let upos = tables.pop().expect("three tables");
    Ok(Parts {
        upos_names,
        xpos_names,
        labels,
        lexicon: Lexicon::from_forms(forms),
        lemmatizer,
        upos,
        xpos,
        parser,
    })
}

/// A fixed 64-bit checksum (four interleaved FNV-style lanes, so it runs at memory speed on 40 MB).
pub fn checksum(b: &[u8]) -> u64 {
    let mut lanes = [0xcbf2_9ce4_8422_2325u64; 4];
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        for (k, lane) in lanes.iter_mut().enumerate() {
            let v = u64::from_le_bytes(c[k * 8..k * 8 + 8].try_into().expect("8 bytes"));
            *lane = (*lane ^ v).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    let mut h = key::mix(0, b.len() as u64);
    for lane in lanes {
        h = key::mix(h, lane);
    }
    for &x in chunks.remainder() {
        h = key::mix(h, u64::from(x));
    }
    h
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader {
    b: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.b.get(self.at..end)?;
        self.at = end;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn string(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
}
