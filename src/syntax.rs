//! The syntax layer: UD tokens, part-of-speech tags, lemmas and a labelled dependency tree for each sentence.
//!
//! Attribution needs to know *who* is the subject of "said" eight words away behind an appositive, and whether
//! "report" has a clausal complement ("banks report that profits fell") or an object ("banks report profits").
//! Word patterns cannot tell; a dependency tree can. The pipeline is the classic fast one for linear models:
//! - [`tokenize`] cuts raw text into the words Universal Dependencies treebanks use (`do|n't`, `Al|-|Zaman`),
//!   keeping byte offsets;
//! - [`tagger`] predicts UPOS and Penn XPOS with two greedy averaged perceptrons, [`lemma`] adds lemmas;
//! - [`parser`] builds a labelled tree with a greedy arc-hybrid transition parser.
//!
//! The trained model (`data/syntax/en-ud.model.gz`, see `NOTICE`) is decompressed at build time and embedded;
//! [`train`] retrains it deterministically from the UD English treebanks. Design notes and measured accuracy:
//! `docs/syntax.md`.

pub mod conllu;
mod key;
mod lemma;
mod model;
mod parser;
mod simd;
mod tagger;
pub mod tokenize;
pub mod train;
mod weights;
mod word;

use std::sync::OnceLock;

pub use model::ModelError;
use model::Parts;
use parser::{Input, Labels};
use tagger::{Atoms, Set};

/// Head index of a sentence's root word.
pub const ROOT: u32 = u32::MAX;

/// The embedded model (empty when `data/syntax/en-ud.model.gz` was missing at build time; see `build.rs`).
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/en-ud.model"));

/// Universal part-of-speech tags, in the order the model stores them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn as_str(self) -> &'static str {
        [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
        ][self as usize]
    }

    pub fn parse(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// Universal dependency relations (the part of a label before `:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dep {
    Acl,
    Advcl,
    Advmod,
    Amod,
    Appos,
    Aux,
    Case,
    Cc,
    Ccomp,
    Clf,
    Compound,
    Conj,
    Cop,
    Csubj,
    Dep,
    Det,
    Discourse,
    Dislocated,
    Expl,
    Fixed,
    Flat,
    Goeswith,
    Iobj,
    List,
    Mark,
    Nmod,
    Nsubj,
    Nummod,
    Obj,
    Obl,
    Orphan,
    Parataxis,
    Punct,
    Reparandum,
    Root,
    Vocative,
    Xcomp,
}

impl Dep {
    fn parse(s: &str) -> Dep {
        match s {
            "acl" => Dep::Acl,
            "advcl" => Dep::Advcl,
            "advmod" => Dep::Advmod,
            "amod" => Dep::Amod,
            "appos" => Dep::Appos,
            "aux" => Dep::Aux,
            "case" => Dep::Case,
            "cc" => Dep::Cc,
            "ccomp" => Dep::Ccomp,
            "clf" => Dep::Clf,
            "compound" => Dep::Compound,
            "conj" => Dep::Conj,
            "cop" => Dep::Cop,
            "csubj" => Dep::Csubj,
            "det" => Dep::Det,
            "discourse" => Dep::Discourse,
            "dislocated" => Dep::Dislocated,
            "expl" => Dep::Expl,
            "fixed" => Dep::Fixed,
            "flat" => Dep::Flat,
            "goeswith" => Dep::Goeswith,
            "iobj" => Dep::Iobj,
            "list" => Dep::List,
            "mark" => Dep::Mark,
            "nmod" => Dep::Nmod,
            "nsubj" => Dep::Nsubj,
            "nummod" => Dep::Nummod,
            "obj" => Dep::Obj,
            "obl" => Dep::Obl,
            "orphan" => Dep::Orphan,
            "parataxis" => Dep::Parataxis,
            "punct" => Dep::Punct,
            "reparandum" => Dep::Reparandum,
            "root" => Dep::Root,
            "vocative" => Dep::Vocative,
            "xcomp" => Dep::Xcomp,
            _ => Dep::Dep,
        }
    }
}

/// A trained tagger, lemmatiser and parser.
#[derive(Debug)]
pub struct Model {
    parts: Parts,
    labels: Labels,
    /// Universal relation and subtype of each label.
    deps: Vec<(Dep, String)>,
}

/// One sentence's analysis: per word, its tags, head (index into the sentence, or [`ROOT`]) and label.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub upos: Vec<Upos>,
    pub xpos: Vec<u8>,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
}

impl Analysis {
    /// The head of word `i`, `None` for the root.
    pub fn head_of(&self, i: usize) -> Option<usize> {
        let h = self.head[i];
        (h != ROOT).then_some(h as usize)
    }

    /// The dependents of word `i`, in order (a scan of the sentence: for the occasional query, not a walk).
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.head
            .iter()
            .enumerate()
            .filter(move |&(_, &h)| h as usize == i && h != ROOT)
            .map(|(d, _)| d)
    }
}

/// A span of raw text analysed: its UD words (byte spans into the text) and their analysis.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub words: Vec<tokenize::Word>,
    pub analysis: Analysis,
}

impl Parsed {
    /// The text of word `i`.
    pub fn form<'t>(&self, text: &'t str, i: usize) -> &'t str {
        let w = self.words[i];
        &text[w.start as usize..w.end as usize]
    }
}

/// Buffers reused from sentence to sentence, so analysing allocates nothing once they have grown.
#[derive(Debug, Default)]
pub struct Scratch {
    atoms: Vec<Atoms>,
    atom_scratch: tagger::Scratch,
    tags: Vec<u8>,
    scores: Vec<f32>,
    inputs: Vec<Input>,
    parser: parser::Scratch,
}

impl Model {
    /// The model compiled into this binary, loaded once.
    pub fn embedded() -> Result<&'static Model, &'static ModelError> {
        static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                if EMBEDDED.is_empty() {
                    return Err(ModelError::NotEmbedded);
                }
                Model::from_static(EMBEDDED, "embedded model (data/syntax/en-ud.model.gz)")
            })
            .as_ref()
    }

    /// Loads a model file (plain or gzip-compressed), e.g. one just trained, without rebuilding.
    pub fn load(path: &std::path::Path) -> Result<Model, ModelError> {
        let io = |error| ModelError::Io {
            path: path.display().to_string(),
            error,
        };
        let raw = std::fs::read(path).map_err(io)?;
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out)
                .map_err(io)?;
            out
        } else {
            raw
        };
        // A loaded model lives until the process ends (tables borrow its bytes, as they do the embedded one).
        Model::from_static(Vec::leak(bytes), &path.display().to_string())
    }

    pub(crate) fn from_static(bytes: &'static [u8], origin: &str) -> Result<Model, ModelError> {
        Model::from_parts(model::read(bytes, origin)?, origin)
    }

    fn from_parts(parts: Parts, origin: &str) -> Result<Model, ModelError> {
        let corrupt = |what: &str| ModelError::Corrupt {
            origin: origin.to_string(),
            what: what.to_string(),
        };
        if parts
            .upos_names
            .iter()
            .map(String::as_str)
            .ne(Upos::ALL.iter().map(|u| u.as_str()))
        {
            return Err(corrupt("UPOS inventory"));
        }
        let root = parts
            .labels
            .iter()
            .position(|l| l == "root")
            .ok_or_else(|| corrupt("no root label"))?;
        let deps = parts
            .labels
            .iter()
            .map(|l| {
                let (base, sub) = l.split_once(':').unwrap_or((l, ""));
                (Dep::parse(base), sub.to_string())
            })
            .collect();
        Ok(Model {
            labels: Labels {
                count: parts.labels.len(),
                root: root as u8,
            },
            deps,
            parts,
        })
    }

    /// Tags one sentence given as its words (UPOS and XPOS only; `head` and `label` are left empty).
    pub fn tag(&self, forms: &[&str], out: &mut Analysis, s: &mut Scratch) {
        let p = &self.parts;
        s.atoms.clear();
        for f in forms {
            s.atoms.push(Atoms::of(f, &p.lexicon, &mut s.atom_scratch));
        }
        tagger::tag(&p.upos, &s.atoms, Set::Upos, &mut s.tags, &mut s.scores);
        out.upos.clear();
        out.upos
            .extend(s.tags.iter().map(|&t| Upos::ALL[(t as usize).min(16)]));
        tagger::tag(&p.xpos, &s.atoms, Set::Xpos, &mut out.xpos, &mut s.scores);
        out.head.clear();
        out.label.clear();
    }

    /// Tags and parses one sentence given as its words.
    pub fn analyse(&self, forms: &[&str], out: &mut Analysis, s: &mut Scratch) {
        let p = &self.parts;
        self.tag(forms, out, s);
        s.inputs.clear();
        s.inputs.extend(
            s.atoms
                .iter()
                .zip(&s.tags)
                .zip(&out.xpos)
                .map(|((a, &t), &x)| Input { w: a.lower, t, x }),
        );
        parser::parse(&p.parser, self.labels, &s.inputs, &mut s.parser);
        let n = forms.len() as u32;
        out.head.clear();
        out.head.extend(
            s.parser
                .state
                .head
                .iter()
                .map(|&h| if h == n { ROOT } else { h }),
        );
        out.label.clear();
        out.label.extend_from_slice(&s.parser.state.label);
    }

    /// Tokenizes `text[start..end]` (one sentence) into UD words, then tags and parses them.
    pub fn parse_span(
        &self,
        text: &str,
        start: usize,
        end: usize,
        out: &mut Parsed,
        s: &mut Scratch,
    ) {
        out.words.clear();
        tokenize::tokenize(text, start, end, &mut out.words);
        let forms: Vec<&str> = out
            .words
            .iter()
            .map(|w| &text[w.start as usize..w.end as usize])
            .collect();
        self.analyse(&forms, &mut out.analysis, s);
    }

    /// The lemma of a word given its XPOS index.
    pub fn lemma(&self, form: &str, xpos: u8) -> String {
        self.parts
            .lemmatizer
            .lemma(form, xpos, self.xpos_name(xpos))
    }

    pub fn xpos_name(&self, x: u8) -> &str {
        self.parts
            .xpos_names
            .get(x as usize)
            .map_or("_", String::as_str)
    }

    /// The full label (`nsubj:pass`).
    pub fn label_name(&self, l: u8) -> &str {
        self.parts
            .labels
            .get(l as usize)
            .map_or("dep", String::as_str)
    }

    /// The universal relation of a label and its subtype (`""` when none).
    pub fn dep(&self, l: u8) -> (Dep, &str) {
        self.deps
            .get(l as usize)
            .map_or((Dep::Dep, ""), |(d, s)| (*d, s.as_str()))
    }
}
