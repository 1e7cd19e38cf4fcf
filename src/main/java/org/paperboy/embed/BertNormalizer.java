package org.paperboy.embed;

import java.text.Normalizer;

/**
 * The text normalization and character classes of BERT's basic tokenizer, with the switches of a
 * Hugging Face {@code BertNormalizer}. Categories come from the running JDK's Unicode tables; the
 * Hugging Face library uses older ones, so the two disagree on about 600 rare code points added or
 * recategorized since Unicode 8 (newer Arabic, Indic and historic-script marks and punctuation);
 * on the 81,020 titles and abstracts of our sample data every id agrees.
 */
record BertNormalizer(boolean cleanText, boolean handleChineseChars, boolean stripAccents, boolean lowercase) {

    /** Cleans, isolates CJK characters, strips accents and lowercases, in that order. */
    String normalize(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean ascii = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cleanText) {
                if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                    continue;
                }
                if (isWhitespace(cp)) {
                    cp = ' ';
                }
            }
            ascii &= cp < 0x80;
            if (handleChineseChars && isCjk(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String cleaned = out.toString();
        if (stripAccents && !ascii) {
            String decomposed = Normalizer.normalize(cleaned, Normalizer.Form.NFD);
            out.setLength(0);
            for (int i = 0; i < decomposed.length(); ) {
                int cp = decomposed.codePointAt(i);
                i += Character.charCount(cp);
                if (Character.getType(cp) != Character.NON_SPACING_MARK) {
                    out.appendCodePoint(cp);
                }
            }
            cleaned = out.toString();
        }
        return lowercase ? lowercase(cleaned) : cleaned;
    }

    /** Lowercases code point by code point, as Rust's char::to_lowercase (no final-sigma rule). */
    private static String lowercase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0x130) {
                out.append("i\u0307"); // the one unconditional multi-character lowercase mapping
            } else {
                out.appendCodePoint(Character.toLowerCase(cp));
            }
        }
        return out.toString();
    }

    /**
     * Control, format, private-use and surrogate code points, which cleaning drops; tab, newline
     * and carriage return count as whitespace instead. Unassigned code points are kept (and become
     * [UNK]), as the Hugging Face tokenizers library keeps them.
     */
    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** Unicode White_Space: Zs, Zl, Zp plus the ASCII controls tab to carriage return and NEL. */
    static boolean isWhitespace(int cp) {
        return (cp >= '\t' && cp <= '\r') || cp == 0x85 || Character.isSpaceChar(cp);
    }

    /** BERT's punctuation: every ASCII symbol that is not a letter, digit or space, and Unicode P*. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * The CJK ideograph blocks split into single-character words. Extension E starts at U+2B920
     * rather than BERT's U+2B820, as in the Hugging Face tokenizers library, so ids match it.
     */
    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F)
                || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B920 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}
