//! Finding the YAML comments of a claim file, which rewriting it would drop.
//!
//! Why a parser: a `#` starts a comment only outside quoted and block scalars (`text: "Shares #1"`, a review note
//! written as a block scalar), and a comment can follow a value on its line (`status: supported  # by phone`).
//! granit-parser reports comments as events with their spans; serde-saphyr already compiles it in.

use granit_parser::{Event, Parser};

use super::Loc;

/// The locations of the comments in `text`, except the schema modeline claimtrail writes on the first line.
/// Empty when the text does not parse (the caller refuses such a file for that reason anyway).
pub fn comments(text: &str) -> Vec<Loc> {
    let mut found = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else {
            return Vec::new();
        };
        if let Event::Comment(body, _) = event {
            let start = span.start;
            let modeline =
                start.line() == 1 && body.trim_start().starts_with("yaml-language-server:");
            if !modeline {
                let offset = start.byte_offset().unwrap_or_else(|| {
                    text.char_indices()
                        .nth(start.index())
                        .map_or(text.len(), |(i, _)| i)
                });
                found.push(Loc::of_offset(text.as_bytes(), offset));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_found_where_yaml_has_them_and_nowhere_else() {
        let text = "# yaml-language-server: $schema=x.json\na: 1  # trailing\n# own line\nb: \"not # a comment\"\nc: |\n  # block content\nd: x#y\n";
        assert_eq!(
            comments(text),
            [Loc { line: 2, column: 7 }, Loc { line: 3, column: 1 }]
        );
        assert!(comments("a: 1\n").is_empty());
        assert!(comments("a: [\n# x").is_empty(), "unparsable text");
    }
}
