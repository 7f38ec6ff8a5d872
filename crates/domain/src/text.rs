//! Diacritic-insensitive search text: `Nguyễn Văn Đức` → `nguyen van duc`.

/// Folds one Vietnamese (or other Latin) letter to its base ASCII letter.
fn fold_char(c: char) -> char {
    const GROUPS: &[(&str, char)] = &[
        ("àáảãạăằắẳẵặâầấẩẫậ", 'a'),
        ("èéẻẽẹêềếểễệ", 'e'),
        ("ìíỉĩị", 'i'),
        ("òóỏõọôồốổỗộơờớởỡợ", 'o'),
        ("ùúủũụưừứửữự", 'u'),
        ("ỳýỷỹỵ", 'y'),
        ("đ", 'd'),
    ];
    for (set, base) in GROUPS {
        if set.contains(c) {
            return *base;
        }
    }
    c
}

/// Lowercases, folds Vietnamese diacritics and `đ`, and collapses
/// whitespace, so that `nguyen van a` matches `Nguyễn  Văn A`.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(fold_char(c));
    }
    out
}

/// Joins several fields into one folded search text.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let joined: Vec<String> = parts
        .into_iter()
        .map(fold)
        .filter(|s| !s.is_empty())
        .collect();
    joined.join(" ")
}

/// The consecutive word pairs of a folded text (`"tran thi lan"` →
/// `["tran thi", "thi lan"]`): the terms of the name-search index. A name
/// of one word is its own term.
pub fn word_pairs(folded: &str) -> Vec<String> {
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    match words.len() {
        0 => Vec::new(),
        1 => vec![words[0].to_owned()],
        _ => words
            .windows(2)
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_word_pairs() {
        assert_eq!(
            word_pairs(&fold("Trần  Thị Lan")),
            vec!["tran thi", "thi lan"]
        );
        assert_eq!(word_pairs("an"), vec!["an"]);
        assert!(word_pairs("").is_empty());
    }

    #[test]
    fn folds_vietnamese_names() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold("  TRẦN   Thị  Hồng "), "tran thi hong");
        assert_eq!(fold("Ủy ban Ỵ"), "uy ban y");
    }

    #[test]
    fn search_text_skips_empty_parts() {
        assert_eq!(search_text(["Lê Lợi", "", "CN1"]), "le loi cn1");
    }
}
