//! Attribution on the seed article (`../shared/corpus/seed/`), skipped when the shared material is absent.

use claimtrail::attribution::attribute;
use claimtrail::record::{QuoteKind, SourceKind};
use claimtrail::registry::Registry;
use claimtrail::segment;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/seed/000_16df3a2c8626d0c3.txt"
);

#[test]
fn seed_article_sources() {
    let Ok(text) = std::fs::read_to_string(SEED) else {
        eprintln!("skipped: {SEED} not found");
        return;
    };
    let sentences = segment::split(&text);
    let model = claimtrail::syntax::Model::embedded().unwrap();
    let atts = attribute(&text, &sentences, &Registry::builtin(), model);
    assert_eq!(atts.len(), sentences.len());
    let find = |needle: &str| {
        let k = sentences
            .iter()
            .position(|s| s.text(&text).contains(needle))
            .unwrap_or_else(|| panic!("no sentence contains {needle:?}"));
        (sentences[k].text(&text), &atts[k])
    };
    let mention = |a: &claimtrail::record::Attribution| {
        &text[a.mention.start as usize..a.mention.end as usize]
    };

    // Three sentences rest on Interfax alone.
    let interfax: Vec<_> = sentences
        .iter()
        .zip(&atts)
        .filter(|(s, _)| {
            let t = s.text(&text);
            t.ends_with("Interfax reported.") || t.ends_with("Interfax reported .")
        })
        .collect();
    assert_eq!(interfax.len(), 3);
    for (s, a) in interfax {
        assert_eq!(a.len(), 1, "{:?}", s.text(&text));
        assert_eq!(a[0].name, "Interfax");
        assert_eq!(a[0].kind, SourceKind::Secondary);
        assert_eq!(a[0].source.as_deref(), Some("interfax"));
    }

    let (_, a) = find("In a statement Monday, Sullivan had said");
    assert!(!a.is_empty());
    assert!(a.iter().all(|a| a.name == "John Sullivan"), "{a:?}");
    assert_eq!(a[0].kind, SourceKind::Primary);
    assert_eq!(a[0].quote, QuoteKind::Direct);
    assert_eq!(mention(&a[0]), "Sullivan");

    let (_, a) = find("Kremlin spokesman Dmitry Peskov said");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Dmitry Peskov");
    assert_eq!(a[0].role.as_deref(), Some("Kremlin spokesman"));
    assert_eq!(a[0].kind, SourceKind::Primary);

    let (_, a) = find("he told reporters Tuesday");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Dmitry Peskov");
    assert_eq!(mention(&a[0]), "he");
    assert_eq!(a[0].quote, QuoteKind::Direct);

    let (_, a) = find("the Kremlin has said");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].name, "Kremlin");
    assert_eq!(a[0].kind, SourceKind::Primary);

    let (_, a) = find("The envoy had reportedly refused");
    assert!(a.is_empty(), "{a:?}");
}
