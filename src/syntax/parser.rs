//! Dependency parsing: a greedy arc-hybrid transition parser whose one averaged perceptron picks the transition
//! and the relation label together.
//!
//! The buffer holds words `0..n` followed by an artificial ROOT (index `n`) as its *last* item. SHIFT pushes the
//! buffer front; LEFT-l makes the buffer front the head of the stack top; RIGHT-l makes the second stack word the
//! head of the top. ROOT may take a dependent only when the stack holds exactly one word, and only as `root`. So
//! every sentence takes exactly `2n` transitions and the result is always one projective, single-rooted tree: no
//! repair step, and no input can make the parser loop.

use super::key;
use super::weights::{Table, TrainTable};

/// "No word here" in head, child and position slots.
pub const NO: u32 = u32::MAX;

/// Number of parser feature templates.
pub const FEATURES: usize = 101;

/// What the parser reads of each word: its lowercased form atom and its predicted tags.
#[derive(Debug, Clone, Copy)]
pub struct Input {
    pub w: u64,
    pub t: u8,
    pub x: u8,
}

/// The label inventory: the transition classes are SHIFT, then LEFT-l and RIGHT-l for every label `l`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub count: usize,
    pub root: u8,
}

impl Labels {
    pub fn classes(&self) -> usize {
        1 + 2 * self.count
    }
}

/// A transition, decoded from a class index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Shift,
    Left(u8),
    Right(u8),
}

impl Move {
    pub fn of(class: usize, labels: Labels) -> Move {
        if class == 0 {
            Move::Shift
        } else if class <= labels.count {
            Move::Left((class - 1) as u8)
        } else {
            Move::Right((class - 1 - labels.count) as u8)
        }
    }
}

/// A parser configuration plus the partial tree, with what the features read kept per word so every template is
/// O(1): the two outermost children on each side, child counts and label sets.
#[derive(Debug, Default, Clone)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// Index of the buffer front; `n` is ROOT.
    pub b: usize,
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    vl: Vec<u8>,
    vr: Vec<u8>,
    sl: Vec<u64>,
    sr: Vec<u64>,
}

impl State {
    /// Resets to the initial configuration for `n` words, reusing the allocations.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [&mut self.lc1, &mut self.lc2, &mut self.rc1, &mut self.rc2] {
            v.clear();
            v.resize(n + 1, NO);
        }
        self.head.clear();
        self.head.resize(n, NO);
        self.label.clear();
        self.label.resize(n, 0);
        for v in [&mut self.vl, &mut self.vr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.sl, &mut self.sr] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    pub fn done(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l { self.stack[l - 1 - k] } else { NO }
    }

    fn bf(&self, k: usize) -> u32 {
        let i = self.b + k;
        if i <= self.n { i as u32 } else { NO }
    }

    /// Which kinds of transition are legal: (shift, left, right); `left` is LEFT onto ROOT when the buffer front
    /// is ROOT, and then only with the root label.
    pub fn legal(&self) -> (bool, bool, bool) {
        let k = self.stack.len();
        let shift = self.b < self.n;
        let left = k >= 1 && (self.b < self.n || k == 1);
        let right = k >= 2;
        (shift, left, right)
    }

    /// Whether class `c` is legal.
    pub fn allows(&self, c: usize, labels: Labels, legal: (bool, bool, bool)) -> bool {
        match Move::of(c, labels) {
            Move::Shift => legal.0,
            Move::Left(l) => legal.1 && ((self.b == self.n) == (l == labels.root)),
            Move::Right(l) => legal.2 && l != labels.root,
        }
    }

    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            Move::Left(l) => {
                let d = self.stack.pop().expect("LEFT needs a stack word");
                self.attach(self.b as u32, d, l);
            }
            Move::Right(l) => {
                let d = self.stack.pop().expect("RIGHT needs two stack words");
                let h = *self.stack.last().expect("RIGHT needs two stack words");
                self.attach(h, d, l);
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, l: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        let bit = 1u64 << (l & 63);
        if d < h {
            self.lc2[hu] = self.lc1[hu];
            self.lc1[hu] = d;
            self.vl[hu] = self.vl[hu].saturating_add(1);
            self.sl[hu] |= bit;
        } else {
            self.rc2[hu] = self.rc1[hu];
            self.rc1[hu] = d;
            self.vr[hu] = self.vr[hu].saturating_add(1);
            self.sr[hu] |= bit;
        }
    }
}

// Atoms for positions that are not words.
const NONE_W: u64 = 0x6e6f_6e65;
const ROOT_W: u64 = 0x726f_6f74;
const NONE_T: u64 = 200;
const ROOT_T: u64 = 201;
const NONE_L: u64 = 300;

/// Distance bucket: 1, 2, 3, 4, 5–7, 8–10, 11+.
fn bucket(d: u32) -> u64 {
    match d {
        0..=4 => u64::from(d),
        5..=7 => 5,
        8..=10 => 6,
        _ => 7,
    }
}

/// Rows of the 101 features of a configuration (the templates of `../shared/SYNTAX.md`, in its order).
pub fn features(st: &State, words: &[Input], bits: u32, out: &mut [u32; FEATURES]) {
    let n = st.n as u32;
    let w = |p: u32| -> u64 {
        if p == NO {
            NONE_W
        } else if p == n {
            ROOT_W
        } else {
            words[p as usize].w
        }
    };
    let t = |p: u32| -> u64 {
        if p == NO {
            NONE_T
        } else if p == n {
            ROOT_T
        } else {
            u64::from(words[p as usize].t)
        }
    };
    let x = |p: u32| -> u64 {
        if p == NO {
            NONE_T
        } else if p == n {
            ROOT_T
        } else {
            u64::from(words[p as usize].x)
        }
    };
    let l = |p: u32| -> u64 {
        if p == NO || p == n || st.head[p as usize] == NO {
            NONE_L
        } else {
            u64::from(st.label[p as usize])
        }
    };
    let child = |v: &Vec<u32>, p: u32| if p == NO { NO } else { v[p as usize] };
    let count = |v: &Vec<u8>, p: u32| {
        if p == NO {
            99
        } else {
            u64::from(v[p as usize])
        }
    };
    let set = |v: &Vec<u64>, p: u32| if p == NO { u64::MAX } else { v[p as usize] };

    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.bf(0), st.bf(1), st.bf(2));
    let (s0w, s0t, s1w, s1t, b0w, b0t) = (w(s0), t(s0), w(s1), t(s1), w(b0), t(b0));
    let (b1w, b1t, b2w, b2t, s2w, s2t) = (w(b1), t(b1), w(b2), t(b2), w(s2), t(s2));
    let (s0x, s1x, b0x, b1x) = (x(s0), x(s1), x(b0), x(b1));
    let lc1s0 = child(&st.lc1, s0);
    let rc1s0 = child(&st.rc1, s0);
    let lc1b0 = child(&st.lc1, b0);
    let rc1s1 = child(&st.rc1, s1);
    let lc1s1 = child(&st.lc1, s1);
    let lc2s0 = child(&st.lc2, s0);
    let rc2s0 = child(&st.rc2, s0);
    let lc2b0 = child(&st.lc2, b0);
    let d = if s0 == NO || b0 == NO {
        0
    } else if b0 == n {
        8
    } else {
        bucket(b0 - s0)
    };
    let d1 = if s0 == NO || s1 == NO {
        0
    } else {
        bucket(s0 - s1)
    };
    let (vr, vl, vlb) = (count(&st.vr, s0), count(&st.vl, s0), count(&st.vl, b0));
    let (srs0, sls0, slb0) = (set(&st.sr, s0), set(&st.sl, s0), set(&st.sl, b0));
    let (srs1, sls1) = (set(&st.sr, s1), set(&st.sl, s1));

    let k = key::key;
    let keys: [u64; FEATURES] = [
        k(0, &[]),
        // unigrams
        k(1, &[s0w, s0t]),
        k(2, &[s0w]),
        k(3, &[s0t]),
        k(4, &[b0w, b0t]),
        k(5, &[b0w]),
        k(6, &[b0t]),
        k(7, &[b1w, b1t]),
        k(8, &[b1w]),
        k(9, &[b1t]),
        k(10, &[b2w, b2t]),
        k(11, &[b2w]),
        k(12, &[b2t]),
        k(13, &[s1w, s1t]),
        k(14, &[s1w]),
        k(15, &[s1t]),
        k(16, &[s2t]),
        k(17, &[s2w]),
        // s0 × b0
        k(18, &[s0w, s0t, b0w, b0t]),
        k(19, &[s0w, s0t, b0w]),
        k(20, &[s0w, b0w, b0t]),
        k(21, &[s0w, s0t, b0t]),
        k(22, &[s0t, b0w, b0t]),
        k(23, &[s0w, b0w]),
        k(24, &[s0t, b0t]),
        k(25, &[b0t, b1t]),
        // s1 × s0
        k(26, &[s1w, s1t, s0w, s0t]),
        k(27, &[s1w, s0w]),
        k(28, &[s1t, s0t]),
        k(29, &[s1t, s0w]),
        k(30, &[s1w, s0t]),
        k(31, &[s1w, s1t, s0t]),
        k(32, &[s1t, s0w, s0t]),
        // tag triples
        k(33, &[b0t, b1t, b2t]),
        k(34, &[s0t, b0t, b1t]),
        k(35, &[s1t, s0t, b0t]),
        k(36, &[s0t, t(lc1s0), b0t]),
        k(37, &[s0t, t(rc1s0), b0t]),
        k(38, &[s0t, b0t, t(lc1b0)]),
        k(39, &[s1t, t(rc1s1), s0t]),
        k(40, &[s2t, s1t, s0t]),
        k(41, &[s1t, s0t, t(lc1s0)]),
        k(42, &[s1t, t(lc1s1), s0t]),
        // distance
        k(43, &[s0w, d]),
        k(44, &[s0t, d]),
        k(45, &[b0w, d]),
        k(46, &[b0t, d]),
        k(47, &[s0w, b0w, d]),
        k(48, &[s0t, b0t, d]),
        k(49, &[s1t, s0t, d1]),
        k(50, &[s1w, s0w, d1]),
        k(51, &[s0t, d1]),
        // valency
        k(52, &[s0w, vr]),
        k(53, &[s0t, vr]),
        k(54, &[s0w, vl]),
        k(55, &[s0t, vl]),
        k(56, &[b0w, vlb]),
        k(57, &[b0t, vlb]),
        // children
        k(58, &[w(lc1s0)]),
        k(59, &[t(lc1s0)]),
        k(60, &[l(lc1s0)]),
        k(61, &[w(rc1s0)]),
        k(62, &[t(rc1s0)]),
        k(63, &[l(rc1s0)]),
        k(64, &[w(lc1b0)]),
        k(65, &[t(lc1b0)]),
        k(66, &[l(lc1b0)]),
        k(67, &[t(rc1s1)]),
        k(68, &[l(rc1s1)]),
        k(69, &[l(lc1s1)]),
        k(70, &[t(lc2s0)]),
        k(71, &[l(lc2s0)]),
        k(72, &[t(rc2s0)]),
        k(73, &[l(rc2s0)]),
        k(74, &[t(lc2b0)]),
        k(75, &[l(lc2b0)]),
        // third order
        k(76, &[s0t, t(lc1s0), t(lc2s0)]),
        k(77, &[s0t, t(rc1s0), t(rc2s0)]),
        k(78, &[b0t, t(lc1b0), t(lc2b0)]),
        k(79, &[s0t, l(lc1s0), l(rc1s0)]),
        k(80, &[b0t, s0t, l(rc1s0)]),
        // label sets
        k(81, &[s0w, srs0]),
        k(82, &[s0t, srs0]),
        k(83, &[s0w, sls0]),
        k(84, &[s0t, sls0]),
        k(85, &[b0w, slb0]),
        k(86, &[b0t, slb0]),
        k(87, &[s1t, srs1]),
        k(88, &[s1t, sls1]),
        k(89, &[s1w, srs1]),
        // XPOS
        k(90, &[s0x]),
        k(91, &[b0x]),
        k(92, &[b1x]),
        k(93, &[s1x]),
        k(94, &[s0x, b0x]),
        k(95, &[s1x, s0x]),
        k(96, &[b0x, b1x]),
        k(97, &[s1x, s0x, b0x]),
        k(98, &[s0x, b0x, b1x]),
        k(99, &[s0w, s0x]),
        k(100, &[b0w, b0x]),
    ];
    for (o, k) in out.iter_mut().zip(keys) {
        *o = key::row(k, bits);
    }
}

/// Reusable buffers for parsing.
#[derive(Debug, Default)]
pub struct Scratch {
    pub state: State,
    scores: Vec<f32>,
}

/// Parses one sentence: fills `scratch.state.head` (ROOT is `n`) and `scratch.state.label`.
pub fn parse(table: &Table, labels: Labels, words: &[Input], scratch: &mut Scratch) {
    let st = &mut scratch.state;
    st.reset(words.len());
    let mut rows = [0u32; FEATURES];
    scratch.scores.resize(table.stride, 0.0);
    let classes = labels.classes();
    while !st.done() {
        features(st, words, table.bits, &mut rows);
        let scores = &mut scratch.scores;
        scores.fill(0.0);
        table.score(&rows, scores);
        let legal = st.legal();
        let mut best = usize::MAX;
        let mut best_score = f32::NEG_INFINITY;
        for (c, &s) in scores[..classes].iter().enumerate() {
            if (best == usize::MAX || s > best_score) && st.allows(c, labels, legal) {
                best = c;
                best_score = s;
            }
        }
        // Some transition is legal in every non-final configuration (see `State::legal`).
        st.apply(Move::of(best, labels));
    }
}

/// The gold tree of a training sentence, with what the dynamic oracle needs precomputed.
#[derive(Debug, Clone)]
pub struct Gold {
    /// Gold head of each word; `n` is ROOT.
    pub head: Vec<u32>,
    pub label: Vec<u8>,
    children: Vec<Vec<u32>>,
}

impl Gold {
    pub fn new(head: Vec<u32>, label: Vec<u8>) -> Self {
        let n = head.len();
        let mut children = vec![Vec::new(); n + 1];
        for (d, &h) in head.iter().enumerate() {
            children[h as usize].push(d as u32);
        }
        Gold {
            head,
            label,
            children,
        }
    }
}

/// Costs of SHIFT, LEFT and RIGHT (ignoring labels): the gold arcs each makes unreachable (Goldberg & Nivre's
/// dynamic oracle for arc-hybrid, with ROOT last). `on_stack` flags the stack words.
pub fn costs(st: &State, gold: &Gold, on_stack: &[bool]) -> (u32, u32, u32) {
    let n = st.n as u32;
    let b = st.b as u32;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let mut shift = 0;
    if st.b < st.n {
        let bu = b as usize;
        shift += gold.children[bu]
            .iter()
            .filter(|&&d| on_stack[d as usize])
            .count() as u32;
        let h = gold.head[bu];
        if h != n && on_stack[h as usize] && h != s0 {
            shift += 1;
        }
        if h == n && !st.stack.is_empty() {
            shift += 1;
        }
    }
    let (mut left, mut right) = (0, 0);
    if s0 != NO {
        let deps = gold.children[s0 as usize]
            .iter()
            .filter(|&&d| d >= b && d < n)
            .count() as u32;
        let h = gold.head[s0 as usize];
        left = deps
            + u32::from(
                (s1 != NO && h == s1)
                    || (h > b && h < n)
                    || (h == n && b < n && st.stack.len() == 1),
            );
        right = deps + u32::from(h >= b && h < n);
    }
    (shift, left, right)
}

/// Cost of a class: its transition's structural cost plus one for a wrong label on a correct head.
pub fn class_cost(st: &State, gold: &Gold, m: Move, c: (u32, u32, u32)) -> u32 {
    match m {
        Move::Shift => c.0,
        Move::Left(l) => {
            let s0 = st.s(0) as usize;
            c.1 + u32::from(gold.head[s0] == st.b as u32 && gold.label[s0] != l)
        }
        Move::Right(l) => {
            let s0 = st.s(0) as usize;
            c.2 + u32::from(gold.head[s0] == st.s(1) && gold.label[s0] != l)
        }
    }
}

/// One training pass over one sentence with the dynamic oracle. `explore` is the probability of following a
/// mistaken prediction (0 in the first epochs). Returns nothing; updates `table` and the decision count `t`.
#[allow(clippy::too_many_arguments)]
pub fn train_sentence(
    table: &mut TrainTable,
    labels: Labels,
    words: &[Input],
    gold: &Gold,
    explore: f64,
    rng: &mut key::Rng,
    t: &mut u64,
    scratch: &mut TrainScratch,
) {
    let st = &mut scratch.state;
    st.reset(words.len());
    scratch.on_stack.clear();
    scratch.on_stack.resize(words.len() + 1, false);
    scratch.scores.resize(table.stride, 0);
    let classes = labels.classes();
    let mut rows = [0u32; FEATURES];
    while !st.done() {
        *t += 1;
        features(st, words, table.bits, &mut rows);
        table.score(&rows, &mut scratch.scores);
        let legal = st.legal();
        let c = costs(st, gold, &scratch.on_stack);
        let mut pred = usize::MAX;
        let mut min_cost = u32::MAX;
        for cl in 0..classes {
            if !st.allows(cl, labels, legal) {
                continue;
            }
            if pred == usize::MAX || scratch.scores[cl] > scratch.scores[pred] {
                pred = cl;
            }
            min_cost = min_cost.min(class_cost(st, gold, Move::of(cl, labels), c));
        }
        let pred_cost = class_cost(st, gold, Move::of(pred, labels), c);
        let mut follow = pred;
        if pred_cost > min_cost {
            let mut g = usize::MAX;
            for cl in 0..classes {
                if st.allows(cl, labels, legal)
                    && class_cost(st, gold, Move::of(cl, labels), c) == min_cost
                    && (g == usize::MAX || scratch.scores[cl] > scratch.scores[g])
                {
                    g = cl;
                }
            }
            table.update(&rows, g, 1, *t);
            table.update(&rows, pred, -1, *t);
            if !(explore > 0.0 && rng.chance(explore)) {
                follow = g;
            }
        }
        let m = Move::of(follow, labels);
        match m {
            Move::Shift => scratch.on_stack[st.b] = true,
            Move::Left(_) | Move::Right(_) => {
                scratch.on_stack[st.s(0) as usize] = false;
            }
        }
        st.apply(m);
    }
}

/// Reusable buffers for training.
#[derive(Debug, Default)]
pub struct TrainScratch {
    state: State,
    on_stack: Vec<bool>,
    scores: Vec<i32>,
}

/// Makes a tree projective by lifting: while some arc crosses another, the dependent of the shortest
/// non-projective arc is re-attached to its grandparent (label unchanged). `head` uses `n` for ROOT.
pub fn projectivise(head: &mut [u32]) -> usize {
    let n = head.len() as u32;
    let mut lifts = 0;
    loop {
        let mut shortest: Option<(u32, usize)> = None;
        for d in 0..head.len() {
            let h = head[d];
            if h == n {
                continue;
            }
            let (lo, hi) = if (d as u32) < h {
                (d as u32, h)
            } else {
                (h, d as u32)
            };
            let crossing = (lo + 1..hi).any(|k| !dominates(head, h, k));
            if crossing && shortest.is_none_or(|(len, _)| hi - lo < len) {
                shortest = Some((hi - lo, d));
            }
        }
        match shortest {
            Some((_, d)) => {
                let h = head[d] as usize;
                head[d] = head[h];
                lifts += 1;
            }
            None => return lifts,
        }
    }
}

/// Whether `h` is an ancestor of `k` (ROOT, `n`, dominates everything).
fn dominates(head: &[u32], h: u32, k: u32) -> bool {
    let n = head.len() as u32;
    let mut k = k;
    for _ in 0..=head.len() {
        if k == h {
            return true;
        }
        if k == n {
            return false;
        }
        k = head[k as usize];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Smallest number of wrong heads reachable from `st` (exhaustive search; unlabelled).
    fn best_loss(st: &State, gold: &Gold) -> u32 {
        if st.done() {
            return (0..st.n).filter(|&d| st.head[d] != gold.head[d]).count() as u32;
        }
        let labels = Labels { count: 2, root: 0 };
        let legal = st.legal();
        let mut best = u32::MAX;
        for m in [Move::Shift, Move::Left(0), Move::Left(1), Move::Right(1)] {
            let c = match m {
                Move::Shift => 0,
                Move::Left(l) => 1 + l as usize,
                Move::Right(l) => 1 + labels.count + l as usize,
            };
            if st.allows(c, labels, legal) {
                let mut next = st.clone();
                next.apply(m);
                best = best.min(best_loss(&next, gold));
            }
        }
        best
    }

    fn random_tree(rng: &mut key::Rng, n: usize) -> Vec<u32> {
        // Random trees, lifted to projective ones (the oracle is exact only for projective gold trees).
        let root = rng.below(n);
        let mut head = vec![n as u32; n];
        let mut order: Vec<usize> = (0..n).filter(|&i| i != root).collect();
        rng.shuffle(&mut order);
        let mut placed = vec![root];
        for d in order {
            head[d] = placed[rng.below(placed.len())] as u32;
            placed.push(d);
        }
        projectivise(&mut head);
        head
    }

    #[test]
    fn oracle_costs_match_exhaustive_search() {
        let mut rng = key::Rng::new(42);
        let labels = Labels { count: 2, root: 0 };
        for trial in 0..400 {
            let n = 1 + trial % 6;
            let head = random_tree(&mut rng, n);
            let gold = Gold::new(head, vec![1; n]);
            let mut st = State::default();
            st.reset(n);
            let mut on_stack = vec![false; n + 1];
            while !st.done() {
                let base = best_loss(&st, &gold);
                let legal = st.legal();
                let c = costs(&st, &gold, &on_stack);
                let mut options = Vec::new();
                for (m, cost) in [
                    (Move::Shift, c.0),
                    (Move::Left(if st.b == st.n { 0 } else { 1 }), c.1),
                    (Move::Right(1), c.2),
                ] {
                    let cl = match m {
                        Move::Shift => 0,
                        Move::Left(l) => 1 + l as usize,
                        Move::Right(l) => 1 + labels.count + l as usize,
                    };
                    if !st.allows(cl, labels, legal) {
                        continue;
                    }
                    let mut next = st.clone();
                    next.apply(m);
                    let loss = best_loss(&next, &gold);
                    assert_eq!(
                        cost,
                        loss - base,
                        "{m:?} in {:?} b={} heads {:?} gold {:?}",
                        st.stack,
                        st.b,
                        st.head,
                        gold.head
                    );
                    options.push(m);
                }
                let m = options[rng.below(options.len())];
                match m {
                    Move::Shift => on_stack[st.b] = true,
                    _ => on_stack[st.s(0) as usize] = false,
                }
                st.apply(m);
            }
        }
    }

    #[test]
    fn projectivise_removes_crossings() {
        // 0←2, 1←3, 2 root, 3←2: the arc 3→1 crosses 2→0.
        let mut head = vec![2, 3, 4, 2];
        assert_eq!(projectivise(&mut head), 1);
        assert_eq!(head, vec![2, 2, 4, 2]);
        let mut proj = vec![1, 2, 3];
        assert_eq!(projectivise(&mut proj), 0);
    }

    #[test]
    fn every_transition_sequence_yields_one_rooted_tree() {
        let labels = Labels { count: 3, root: 2 };
        let mut rng = key::Rng::new(9);
        for n in 0..30 {
            let mut st = State::default();
            st.reset(n);
            let mut steps = 0;
            while !st.done() {
                let legal = st.legal();
                let options: Vec<usize> = (0..labels.classes())
                    .filter(|&c| st.allows(c, labels, legal))
                    .collect();
                assert!(!options.is_empty());
                st.apply(Move::of(options[rng.below(options.len())], labels));
                steps += 1;
            }
            assert_eq!(steps, 2 * n);
            assert_eq!(st.head.iter().filter(|&&h| h == n as u32).count(), n.min(1));
            assert!(st.head.iter().all(|&h| h != NO));
            for (d, &h) in st.head.iter().enumerate() {
                assert_eq!((h == n as u32), st.label[d] == labels.root);
            }
        }
    }
}
