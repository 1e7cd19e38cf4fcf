package org.paperboy.paper;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TeX as arXiv titles and abstracts carry it, made readable. Text commands become plain text
 * ({@code \textbf{33.7\%}} is "33.7%", {@code \"o} is "ö", {@code \cite{..}} goes); math
 * ({@code $...$}, {@code $$...$$}, {@code \(...\)}, {@code \[...\]}) is either kept as TeX in a
 * {@code <span class="math">} for KaTeX to typeset in the browser ({@link #html}) or written with
 * Unicode symbols ({@link #plain}: {@code $O(n^2)$} is "O(n²)"). Never throws: unbalanced braces
 * and unknown commands are shown as written, less the backslash.
 */
public final class TexText {

    /** The class of the element holding one formula (with its delimiters) for the page's script. */
    public static final String MATH_CLASS = "math";

    /**
     * The tags around a word search highlighting marks, in the HTML {@link #html} reads with
     * {@code escaped}: a formula holding whole marks is marked whole.
     */
    public static final String MARK = "<mark>";

    public static final String MARK_END = "</mark>";

    /** Commands whose argument is text to keep: the command and its braces go. */
    private static final Set<String> KEEP_ARGUMENT = Set.of(
            "textbf",
            "textit",
            "emph",
            "texttt",
            "textsc",
            "textsf",
            "textrm",
            "textup",
            "textmd",
            "textsl",
            "textnormal",
            "text",
            "mbox",
            "underline",
            "uline",
            "hl",
            "url",
            "footnote",
            "textsuperscript",
            "textsubscript",
            "mathrm",
            "mathbf",
            "mathit",
            "mathsf",
            "mathtt",
            "mathcal",
            "mathscr",
            "mathfrak",
            "boldsymbol",
            "bm",
            "operatorname",
            "mathbb");

    /** Commands whose first argument goes and whose second is kept: {@code \href{url}{text}}. */
    private static final Set<String> DROP_FIRST_ARGUMENT = Set.of("href", "textcolor", "colorbox");

    /** Commands that go with their argument. */
    private static final Set<String> DROP_ARGUMENT =
            Set.of("cite", "citep", "citet", "citealp", "label", "ref", "eqref", "vspace", "hspace", "footnotemark");

    /** Old-style switches such as {@code {\bf bold}}: the command goes, the text stays. */
    private static final Set<String> DECLARATIONS = Set.of(
            "bf",
            "em",
            "it",
            "sc",
            "tt",
            "rm",
            "sf",
            "sl",
            "bfseries",
            "itshape",
            "scshape",
            "ttfamily",
            "normalfont",
            "upshape",
            "mdseries",
            "small",
            "footnotesize",
            "large",
            "Large",
            "LARGE",
            "huge",
            "Huge",
            "tiny",
            "scriptsize",
            "normalsize",
            "centering",
            "noindent",
            "displaystyle",
            "left",
            "right",
            "big",
            "Big",
            "bigg",
            "Bigg",
            "bigl",
            "bigr",
            "Bigl",
            "Bigr",
            "limits",
            "nolimits",
            "quad",
            "qquad");

    /** Commands that stand for a word or a symbol, in text and in math. */
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("ie", "i.e."),
            Map.entry("eg", "e.g."),
            Map.entry("etal", "et al."),
            Map.entry("etc", "etc."),
            Map.entry("vs", "vs."),
            Map.entry("wrt", "w.r.t."),
            Map.entry("LaTeX", "LaTeX"),
            Map.entry("TeX", "TeX"),
            Map.entry("ldots", "…"),
            Map.entry("dots", "…"),
            Map.entry("cdots", "⋯"),
            Map.entry("textendash", "–"),
            Map.entry("textemdash", "—"),
            Map.entry("S", "§"),
            Map.entry("P", "¶"),
            Map.entry("copyright", "©"),
            Map.entry("textregistered", "®"),
            Map.entry("texttrademark", "™"),
            Map.entry("textasciitilde", "~"),
            Map.entry("textbackslash", "\\"),
            Map.entry("textbar", "|"),
            Map.entry("textless", "<"),
            Map.entry("textgreater", ">"),
            Map.entry("textdegree", "°"),
            Map.entry("deg", "°"),
            Map.entry("degree", "°"),
            Map.entry("times", "×"),
            Map.entry("pm", "±"),
            Map.entry("mp", "∓"),
            Map.entry("div", "÷"),
            Map.entry("cdot", "·"),
            Map.entry("circ", "∘"),
            Map.entry("ast", "∗"),
            Map.entry("star", "⋆"),
            Map.entry("sim", "~"),
            Map.entry("approx", "≈"),
            Map.entry("simeq", "≃"),
            Map.entry("cong", "≅"),
            Map.entry("equiv", "≡"),
            Map.entry("propto", "∝"),
            Map.entry("neq", "≠"),
            Map.entry("ne", "≠"),
            Map.entry("leq", "≤"),
            Map.entry("le", "≤"),
            Map.entry("geq", "≥"),
            Map.entry("ge", "≥"),
            Map.entry("ll", "≪"),
            Map.entry("gg", "≫"),
            Map.entry("lesssim", "≲"),
            Map.entry("gtrsim", "≳"),
            Map.entry("in", "∈"),
            Map.entry("notin", "∉"),
            Map.entry("subset", "⊂"),
            Map.entry("subseteq", "⊆"),
            Map.entry("supset", "⊃"),
            Map.entry("cup", "∪"),
            Map.entry("cap", "∩"),
            Map.entry("emptyset", "∅"),
            Map.entry("varnothing", "∅"),
            Map.entry("forall", "∀"),
            Map.entry("exists", "∃"),
            Map.entry("neg", "¬"),
            Map.entry("land", "∧"),
            Map.entry("wedge", "∧"),
            Map.entry("lor", "∨"),
            Map.entry("vee", "∨"),
            Map.entry("oplus", "⊕"),
            Map.entry("otimes", "⊗"),
            Map.entry("infty", "∞"),
            Map.entry("partial", "∂"),
            Map.entry("nabla", "∇"),
            Map.entry("sum", "∑"),
            Map.entry("prod", "∏"),
            Map.entry("int", "∫"),
            Map.entry("to", "→"),
            Map.entry("rightarrow", "→"),
            Map.entry("leftarrow", "←"),
            Map.entry("Rightarrow", "⇒"),
            Map.entry("Leftarrow", "⇐"),
            Map.entry("leftrightarrow", "↔"),
            Map.entry("Leftrightarrow", "⇔"),
            Map.entry("mapsto", "↦"),
            Map.entry("uparrow", "↑"),
            Map.entry("downarrow", "↓"),
            Map.entry("implies", "⇒"),
            Map.entry("iff", "⇔"),
            Map.entry("mid", "|"),
            Map.entry("vert", "|"),
            Map.entry("|", "‖"),
            Map.entry("Vert", "‖"),
            Map.entry("langle", "⟨"),
            Map.entry("rangle", "⟩"),
            Map.entry("lceil", "⌈"),
            Map.entry("rceil", "⌉"),
            Map.entry("lfloor", "⌊"),
            Map.entry("rfloor", "⌋"),
            Map.entry("ell", "ℓ"),
            Map.entry("hbar", "ℏ"),
            Map.entry("prime", "′"),
            Map.entry("top", "⊤"),
            Map.entry("bot", "⊥"),
            Map.entry("perp", "⊥"),
            Map.entry("angle", "∠"),
            Map.entry("triangle", "△"),
            Map.entry("checkmark", "✓"),
            Map.entry("dagger", "†"),
            Map.entry("ddagger", "‡"),
            Map.entry("bullet", "•"),
            Map.entry("log", "log"),
            Map.entry("ln", "ln"),
            Map.entry("exp", "exp"),
            Map.entry("max", "max"),
            Map.entry("min", "min"),
            Map.entry("arg", "arg"),
            Map.entry("argmax", "argmax"),
            Map.entry("argmin", "argmin"),
            Map.entry("sin", "sin"),
            Map.entry("cos", "cos"),
            Map.entry("tan", "tan"),
            Map.entry("lim", "lim"),
            Map.entry("sup", "sup"),
            Map.entry("inf", "inf"),
            Map.entry("det", "det"),
            Map.entry("Pr", "Pr"),
            Map.entry("alpha", "α"),
            Map.entry("beta", "β"),
            Map.entry("gamma", "γ"),
            Map.entry("delta", "δ"),
            Map.entry("epsilon", "ε"),
            Map.entry("varepsilon", "ε"),
            Map.entry("zeta", "ζ"),
            Map.entry("eta", "η"),
            Map.entry("theta", "θ"),
            Map.entry("vartheta", "ϑ"),
            Map.entry("iota", "ι"),
            Map.entry("kappa", "κ"),
            Map.entry("lambda", "λ"),
            Map.entry("mu", "μ"),
            Map.entry("nu", "ν"),
            Map.entry("xi", "ξ"),
            Map.entry("pi", "π"),
            Map.entry("rho", "ρ"),
            Map.entry("sigma", "σ"),
            Map.entry("tau", "τ"),
            Map.entry("upsilon", "υ"),
            Map.entry("phi", "φ"),
            Map.entry("varphi", "φ"),
            Map.entry("chi", "χ"),
            Map.entry("psi", "ψ"),
            Map.entry("omega", "ω"),
            Map.entry("Gamma", "Γ"),
            Map.entry("Delta", "Δ"),
            Map.entry("Theta", "Θ"),
            Map.entry("Lambda", "Λ"),
            Map.entry("Xi", "Ξ"),
            Map.entry("Pi", "Π"),
            Map.entry("Sigma", "Σ"),
            Map.entry("Phi", "Φ"),
            Map.entry("Psi", "Ψ"),
            Map.entry("Omega", "Ω"));

    /** Accent commands and the combining character each adds to the letter after it. */
    private static final Map<Character, Character> ACCENTS = Map.of(
            '\'', '\u0301', '`', '\u0300', '^', '\u0302', '"', '\u0308', '~', '\u0303', '=', '\u0304', '.', '\u0307',
            'c', '\u0327', 'v', '\u030C', 'u', '\u0306');

    private static final Map<Character, Character> SUPERSCRIPTS = Map.ofEntries(
            Map.entry('0', '⁰'),
            Map.entry('1', '¹'),
            Map.entry('2', '²'),
            Map.entry('3', '³'),
            Map.entry('4', '⁴'),
            Map.entry('5', '⁵'),
            Map.entry('6', '⁶'),
            Map.entry('7', '⁷'),
            Map.entry('8', '⁸'),
            Map.entry('9', '⁹'),
            Map.entry('+', '⁺'),
            Map.entry('-', '⁻'),
            Map.entry('n', 'ⁿ'),
            Map.entry('i', 'ⁱ'),
            Map.entry('T', 'ᵀ'));

    private static final Map<Character, Character> SUBSCRIPTS = Map.ofEntries(
            Map.entry('0', '₀'),
            Map.entry('1', '₁'),
            Map.entry('2', '₂'),
            Map.entry('3', '₃'),
            Map.entry('4', '₄'),
            Map.entry('5', '₅'),
            Map.entry('6', '₆'),
            Map.entry('7', '₇'),
            Map.entry('8', '₈'),
            Map.entry('9', '₉'));

    private static final Map<Character, String> BLACKBOARD =
            Map.of('R', "ℝ", 'N', "ℕ", 'Z', "ℤ", 'Q', "ℚ", 'C', "ℂ", 'E', "𝔼", 'P', "ℙ");

    private TexText() {}

    /** True when {@code text} holds a formula that {@link #html} would mark for typesetting. */
    public static boolean hasMath(String text) {
        if (text == null || (text.indexOf('$') < 0 && !text.contains("\\(") && !text.contains("\\["))) {
            return false;
        }
        return html(text, false).contains("<span class=\"" + MATH_CLASS + "\">");
    }

    /**
     * Where to cut {@code text} near {@code at} without splitting a formula (a cut formula would
     * show as raw TeX): {@code at} itself outside formulas, else the nearer edge of the formula it
     * falls in, or its far edge when the nearer one is at or below {@code floor} (the other end of a
     * snippet, so the snippet is never empty).
     */
    public static int cut(String text, int at, int floor) {
        if (text.indexOf('$') < 0 && text.indexOf('\\') < 0) {
            return at;
        }
        int i = 0;
        while (i < text.length() && i < at) {
            int end = formulaEnd(text, i);
            if (end < 0) {
                i += text.charAt(i) == '\\' ? 2 : 1;
            } else if (end <= at) {
                i = end;
            } else {
                int near = at - i <= end - at ? i : end;
                return near <= floor ? (near == i ? end : i) : near;
            }
        }
        return at;
    }

    /** The end of the formula that opens at {@code i} as the scanner reads it, or -1 if none opens there. */
    private static int formulaEnd(String text, int i) {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '(' || text.charAt(i + 1) == '[')) {
            int close = text.indexOf(text.charAt(i + 1) == '(' ? "\\)" : "\\]", i + 2);
            return close > i + 2 ? close + 2 : -1;
        }
        if (c != '$') {
            return -1;
        }
        String delimiter = text.startsWith("$$", i) ? "$$" : "$";
        for (int k = i + delimiter.length(); k < text.length(); k++) {
            if (text.charAt(k) == '\\') {
                k++;
            } else if (text.startsWith(delimiter, k)) {
                return k == i + delimiter.length() ? -1 : k + delimiter.length();
            }
        }
        return -1;
    }

    /** {@code text} as plain text: text commands resolved, math written with Unicode symbols. */
    public static String plain(String text) {
        if (text == null || (text.indexOf('\\') < 0 && text.indexOf('$') < 0 && text.indexOf('{') < 0)) {
            return text;
        }
        return new Scanner(tokens(text, false), false).run();
    }

    /**
     * {@code text} as HTML for a page: escaped, text commands resolved, each formula in a
     * {@code <span class="math">} holding its TeX (escaped). With {@code escaped}, {@code text} is
     * HTML already (escaped text and tags, such as search highlighting): tags pass unchanged.
     */
    public static String html(String text, boolean escaped) {
        if (text == null) {
            return null;
        }
        if (!hasTex(text)) {
            // Four in five abstracts: nothing for the scanner to resolve, only characters to escape.
            return escapeOnly(text, escaped);
        }
        return scanned(text, escaped);
    }

    /** {@link #html} through the scanner whatever the text holds (the tests compare both paths). */
    static String scanned(String text, boolean escaped) {
        return new Scanner(tokens(text, escaped), true).run();
    }

    /** True when {@code text} has a character the scanner treats as TeX (math, a command or a group). */
    private static boolean hasTex(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' || c == '\\' || c == '{' || c == '}') {
                return true;
            }
        }
        return false;
    }

    /**
     * What the scanner makes of a text without TeX, in one pass: the tokens of {@link #lex} (tags
     * kept, known entities decoded), each character escaped as {@code emit} does.
     */
    private static String escapeOnly(String text, boolean html) {
        if (!html) {
            // Raw text has no tags or entities to keep: only the five characters change.
            return nfc(HtmlEscape.escape(text));
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        lex(text, html, out::append, c -> HtmlEscape.escape(c, out));
        return nfc(out.toString());
    }

    private static String nfc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFC) ? s : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** A character of the text, or (with {@code tag} set) an HTML tag to pass unchanged. */
    private record Token(char c, String tag) {
        boolean is(char x) {
            return tag == null && c == x;
        }

        boolean letter() {
            return tag == null && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        }
    }

    private static List<Token> tokens(String text, boolean html) {
        List<Token> out = new ArrayList<>(text.length());
        lex(text, html, tag -> out.add(new Token('\0', tag)), c -> out.add(new Token(c, null)));
        return out;
    }

    /** Where {@link #lex} sends a character. */
    private interface CharSink {
        void accept(char c);
    }

    /**
     * Walks {@code text} once: with {@code html}, a {@code <...>} tag goes whole to {@code tags}
     * and a known entity as its character to {@code chars}; every other character goes to {@code chars}.
     */
    private static void lex(String text, boolean html, java.util.function.Consumer<String> tags, CharSink chars) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (html && c == '<') {
                int end = text.indexOf('>', i);
                if (end > 0) {
                    tags.accept(text.substring(i, end + 1));
                    i = end;
                    continue;
                }
            }
            if (html && c == '&') {
                int end = text.indexOf(';', i);
                if (end > 0 && end - i <= 8) {
                    String decoded = entity(text.substring(i + 1, end));
                    if (decoded != null) {
                        c = decoded.charAt(0);
                        i = end;
                    }
                }
            }
            chars.accept(c);
        }
    }

    private static String entity(String name) {
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot", "#34" -> "\"";
            case "#39", "apos" -> "'";
            default -> null;
        };
    }

    /** One pass over the tokens; {@code html} chooses the output (escaped HTML with math spans, or text). */
    private static final class Scanner {
        private final List<Token> in;
        private final boolean html;
        private final StringBuilder out = new StringBuilder();
        /** One entry per open brace: whether its closing brace is shown. */
        private final Deque<Boolean> braces = new ArrayDeque<>();

        private int i;

        Scanner(List<Token> in, boolean html) {
            this.in = in;
            this.html = html;
        }

        String run() {
            while (i < in.size()) {
                step();
            }
            return nfc(out.toString());
        }

        private void step() {
            Token t = in.get(i);
            if (t.tag() != null) {
                out.append(t.tag());
                i++;
            } else if (t.c() == '$') {
                boolean display = at(i + 1, '$');
                String delimiter = display ? "$$" : "$";
                int end = find(i + delimiter.length(), delimiter);
                if (end < 0 || end == i + delimiter.length()) {
                    emit('$');
                    i++;
                } else {
                    math(i, end + delimiter.length(), delimiter.length());
                }
            } else if (t.c() == '\\') {
                command();
            } else if (t.c() == '{') {
                boolean shown = !at(i + 1, '\\');
                braces.push(shown);
                if (shown) {
                    emit('{');
                }
                i++;
            } else if (t.c() == '}') {
                if (braces.isEmpty() || braces.pop()) {
                    emit('}');
                }
                i++;
            } else {
                emit(t.c());
                i++;
            }
        }

        private void command() {
            if (i + 1 >= in.size() || in.get(i + 1).tag() != null) {
                emit('\\');
                i++;
                return;
            }
            char next = in.get(i + 1).c();
            if (next == '(' || next == '[') {
                int end = find(i + 2, next == '(' ? "\\)" : "\\]");
                if (end > i + 2) {
                    math(i, end + 2, 2);
                    return;
                }
            }
            if (in.get(i + 1).letter()) {
                int start = i + 1;
                int end = start;
                while (end < in.size() && in.get(end).letter()) {
                    end++;
                }
                String name = text(start, end);
                i = end;
                word(name);
                return;
            }
            i += 2;
            if (ACCENTS.containsKey(next) && accent(ACCENTS.get(next))) {
                return;
            }
            switch (next) {
                case ',', ';', ':', ' ', '\\' -> emit(' ');
                case '!', '-', '/' -> {}
                default -> emit(next);
            }
        }

        /** The command {@code \name}, the index after its name. */
        private void word(String name) {
            if (ACCENTS.containsKey(name.charAt(0)) && name.length() == 1 && accent(ACCENTS.get(name.charAt(0)))) {
                return;
            }
            if (KEEP_ARGUMENT.contains(name)) {
                if (at(i, '{')) {
                    braces.push(false);
                    i++;
                }
            } else if (DROP_FIRST_ARGUMENT.contains(name)) {
                skipGroup();
                if (at(i, '{')) {
                    braces.push(false);
                    i++;
                }
            } else if (DROP_ARGUMENT.contains(name)) {
                if (at(i, '[')) {
                    int close = find(i, "]");
                    i = close < 0 ? i : close + 1;
                }
                skipGroup();
            } else if (DECLARATIONS.contains(name)) {
                while (at(i, ' ')) {
                    i++;
                }
            } else if (SYMBOLS.containsKey(name)) {
                emit(SYMBOLS.get(name));
                if (at(i, ' ') && !Character.isLetter(SYMBOLS.get(name).charAt(0))) {
                    i++;
                }
            } else {
                emit(name);
            }
        }

        /** An accent on the next letter ({@code \"o}, {@code \"{o}}); false when none follows. */
        private boolean accent(char combining) {
            if (at(i, '{') && i + 2 < in.size() && in.get(i + 1).letter() && at(i + 2, '}')) {
                emit(in.get(i + 1).c());
                emit(combining);
                i += 3;
                return true;
            }
            if (i < in.size() && in.get(i).letter()) {
                emit(in.get(i).c());
                emit(combining);
                i++;
                return true;
            }
            return false;
        }

        /** Skips a braced group at the index, tags in it kept. */
        private void skipGroup() {
            if (!at(i, '{')) {
                return;
            }
            int depth = 0;
            for (; i < in.size(); i++) {
                Token t = in.get(i);
                if (t.tag() != null) {
                    out.append(t.tag());
                } else if (t.c() == '{') {
                    depth++;
                } else if (t.c() == '}' && --depth == 0) {
                    i++;
                    return;
                }
            }
        }

        /** The formula from {@code from} to {@code to} (delimiters of {@code delimiter} characters included). */
        private void math(int from, int to, int delimiter) {
            if (html) {
                // Highlights inside a formula would be lost to KaTeX: when the formula holds whole
                // ones and no other tag, its TeX goes alone and the whole formula is marked instead.
                int opened = 0;
                int closed = 0;
                int other = 0;
                for (int k = from; k < to; k++) {
                    String tag = in.get(k).tag();
                    if (MARK.equals(tag)) {
                        opened++;
                    } else if (MARK_END.equals(tag)) {
                        closed++;
                    } else if (tag != null) {
                        other++;
                    }
                }
                boolean marked = opened > 0 && opened == closed && other == 0;
                out.append(marked ? MARK : "");
                out.append("<span class=\"").append(MATH_CLASS).append("\">");
                for (int k = from; k < to; k++) {
                    Token t = in.get(k);
                    if (t.tag() == null) {
                        emit(t.c());
                    } else if (!marked) {
                        out.append(t.tag());
                    }
                }
                out.append("</span>").append(marked ? MARK_END : "");
            } else {
                out.append(mathText(text(from + delimiter, to - delimiter)));
            }
            i = to;
        }

        /** The index of {@code delimiter} at or after {@code from}, skipping escaped characters; -1 if none. */
        private int find(int from, String delimiter) {
            for (int k = from; k < in.size(); k++) {
                if (in.get(k).is('\\') && !delimiter.startsWith("\\")) {
                    k++;
                    continue;
                }
                boolean match = k + delimiter.length() <= in.size();
                for (int d = 0; match && d < delimiter.length(); d++) {
                    match = in.get(k + d).is(delimiter.charAt(d));
                }
                if (match) {
                    return k;
                }
                if (in.get(k).is('\\')) {
                    k++;
                }
            }
            return -1;
        }

        private boolean at(int k, char c) {
            return k < in.size() && in.get(k).is(c);
        }

        private String text(int from, int to) {
            StringBuilder b = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                if (in.get(k).tag() == null) {
                    b.append(in.get(k).c());
                }
            }
            return b.toString();
        }

        private void emit(String s) {
            for (int k = 0; k < s.length(); k++) {
                emit(s.charAt(k));
            }
        }

        private void emit(char c) {
            if (!html) {
                out.append(c);
                return;
            }
            HtmlEscape.escape(c, out);
        }
    }

    /** A formula's TeX (without delimiters) as text: {@code O(n^2)} is "O(n²)", {@code \frac{a}{b}} is "a/b". */
    static String mathText(String tex) {
        StringBuilder out = new StringBuilder(tex.length());
        int i = 0;
        while (i < tex.length()) {
            char c = tex.charAt(i);
            if (c == '\\') {
                int end = i + 1;
                while (end < tex.length() && Character.isLetter(tex.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    char n = end < tex.length() ? tex.charAt(end) : ' ';
                    out.append(
                            switch (n) {
                                case ',', ';', ':', ' ' -> " ";
                                case '!' -> "";
                                case '|' -> "‖";
                                default -> String.valueOf(n);
                            });
                    i = end + 1;
                    continue;
                }
                String name = tex.substring(i + 1, end);
                i = end;
                switch (name) {
                    case "frac", "dfrac", "tfrac" -> {
                        String[] a = new String[2];
                        for (int k = 0; k < 2; k++) {
                            int close = group(tex, i);
                            a[k] = mathText(close < 0 ? "" : tex.substring(i + 1, close));
                            i = close < 0 ? i : close + 1;
                        }
                        out.append(wrap(a[0])).append('/').append(wrap(a[1]));
                    }
                    case "sqrt" -> {
                        int close = group(tex, i);
                        String a = close < 0 ? "" : mathText(tex.substring(i + 1, close));
                        i = close < 0 ? i : close + 1;
                        out.append('√').append(wrap(a));
                    }
                    case "mathbb" -> {
                        int close = group(tex, i);
                        String a = close < 0 ? "" : tex.substring(i + 1, close);
                        i = close < 0 ? i : close + 1;
                        out.append(
                                a.length() == 1 && BLACKBOARD.containsKey(a.charAt(0))
                                        ? BLACKBOARD.get(a.charAt(0))
                                        : a);
                    }
                    default -> {
                        if (SYMBOLS.containsKey(name)) {
                            out.append(SYMBOLS.get(name));
                        } else if (!KEEP_ARGUMENT.contains(name) && !DECLARATIONS.contains(name)) {
                            out.append(name);
                        }
                    }
                }
            } else if (c == '^' || c == '_') {
                i++;
                String arg;
                int close = group(tex, i);
                if (close > 0) {
                    arg = tex.substring(i + 1, close);
                    i = close + 1;
                } else if (i < tex.length() && tex.charAt(i) == '\\') {
                    int end = i + 1;
                    while (end < tex.length() && Character.isLetter(tex.charAt(end))) {
                        end++;
                    }
                    arg = tex.substring(i, end);
                    i = end;
                } else if (i < tex.length()) {
                    arg = String.valueOf(tex.charAt(i));
                    i++;
                } else {
                    arg = "";
                }
                out.append(script(c, arg));
            } else if (c == '{' || c == '}') {
                i++;
            } else if (c == '~') {
                out.append(' ');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString().strip();
    }

    /** A super- or subscript: Unicode characters where each has one, else {@code ^x} or {@code ^(xy)}. */
    private static String script(char kind, String arg) {
        if (kind == '^' && (arg.equals("\\circ") || arg.equals("\\prime"))) {
            return arg.equals("\\circ") ? "°" : "′";
        }
        Map<Character, Character> table = kind == '^' ? SUPERSCRIPTS : SUBSCRIPTS;
        StringBuilder mapped = new StringBuilder();
        for (char ch : arg.toCharArray()) {
            Character m = table.get(ch);
            if (m == null) {
                String text = mathText(arg);
                return kind + (text.length() == 1 ? text : "(" + text + ")");
            }
            mapped.append(m);
        }
        return mapped.toString();
    }

    private static String wrap(String s) {
        return s.length() <= 1 || s.chars().allMatch(Character::isLetterOrDigit) ? s : "(" + s + ")";
    }

    /** The index of the brace closing a group that opens at {@code from}, or -1 when none opens there. */
    private static int group(String tex, int from) {
        if (from >= tex.length() || tex.charAt(from) != '{') {
            return -1;
        }
        int depth = 0;
        for (int k = from; k < tex.length(); k++) {
            char c = tex.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }
}
