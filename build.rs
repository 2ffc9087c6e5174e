//! Decompresses the committed syntax model (`data/syntax/en-ud.model.gz`) into `OUT_DIR`, where `src/syntax.rs`
//! embeds it: the repository stays small, and the binary needs no file at run time and no network at build time.
//! A missing model builds a binary whose syntax commands say so clearly (that is how the first model is trained).

use std::io::Read;
use std::path::PathBuf;

fn main() {
    let src = PathBuf::from("data/syntax/en-ud.model.gz");
    println!("cargo::rerun-if-changed={}", src.display());
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("en-ud.model");
    let bytes = match std::fs::read(&src) {
        Ok(gz) => {
            let mut raw = Vec::new();
            if let Err(e) = flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut raw) {
                panic!(
                    "{}: corrupt gzip data ({e}); restore it from git or retrain",
                    src.display()
                );
            }
            raw
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            println!(
                "cargo::warning={} is missing: building without a syntax model (train one with `claimtrail train-syntax`)",
                src.display()
            );
            Vec::new()
        }
        Err(e) => panic!("{}: {e}", src.display()),
    };
    // Write only when changed, so an unchanged model does not relink everything.
    if std::fs::read(&out).ok().as_deref() != Some(&bytes[..]) {
        std::fs::write(&out, &bytes).expect("write the model into OUT_DIR");
    }
}
