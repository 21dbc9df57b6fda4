package org.assay.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code assay ...} commands written in a document or a script, split into arguments as a
 * POSIX shell would split them (quotes removed, {@code $(...)} and {@code ${...}} kept as one
 * word, {@code \}-newline joined), so a test can hand them to picocli's parser. Only as much of
 * the shell as the docs use: no here-documents, no aliases.
 */
final class AssayCommandLines {

    /** One command: where it was found and its arguments after {@code assay}. */
    record Found(String source, int line, List<String> args) {
        @Override
        public String toString() {
            return source + ":" + line + ": assay " + String.join(" ", args);
        }
    }

    /**
     * Words that may stand before a command without being it: shell keywords, a console prompt,
     * a YAML list dash and the {@code run:} key of a CI step written on one line.
     */
    private static final Set<String> PREFIXES = Set.of("if", "then", "do", "else", "elif", "while", "until", "!",
            "time", "exec", "$", "-", "run:", "script:");

    private AssayCommandLines() {
    }

    /** The commands in a markdown text's fenced code blocks (text outside the fences is prose). */
    static List<Found> inMarkdown(String source, String markdown) {
        List<Found> found = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        StringBuilder block = new StringBuilder();
        int blockStart = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith("```")) {
                if (blockStart < 0) {
                    blockStart = i + 2;
                    block.setLength(0);
                } else {
                    found.addAll(inShell(source, block.toString(), blockStart));
                    blockStart = -1;
                }
            } else if (blockStart >= 0) {
                block.append(lines[i]).append('\n');
            }
        }
        return found;
    }

    /** The commands in shell text whose first line is line {@code firstLine} of {@code source}. */
    static List<Found> inShell(String source, String text, int firstLine) {
        List<Found> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int start = i;
            StringBuilder logical = new StringBuilder(lines[i]);
            while (endsWithContinuation(logical) && i + 1 < lines.length) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(lines[++i]);
            }
            found.addAll(commands(source, firstLine + start, words(logical.toString())));
        }
        return found;
    }

    private static boolean endsWithContinuation(CharSequence s) {
        int n = s.length();
        int backslashes = 0;
        while (n - 1 - backslashes >= 0 && s.charAt(n - 1 - backslashes) == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** A word, or an operator that ends a command ({@code && || ; | & ( )}, or a redirection {@code > <}). */
    record Word(String text, boolean operator) {
    }

    /** One line split into words and operators; a {@code #} that starts a word comments out the rest. */
    static List<Word> words(String line) {
        List<Word> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'' ) {
                int end = line.indexOf('\'', i + 1);
                end = end < 0 ? n : end;
                w.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        w.append(line.charAt(i + 1));
                        i += 2;
                    } else {
                        w.append(d);
                        i++;
                    }
                }
                inWord = true;
                i++;
            } else if (c == '\\' && i + 1 < n) {
                w.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '$' && i + 1 < n && (line.charAt(i + 1) == '(' || line.charAt(i + 1) == '{')) {
                int end = closing(line, i + 1);
                w.append(line, i, end);
                inWord = true;
                i = end;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(new Word(w.toString(), false));
                    w.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if ("&|;()<>".indexOf(c) >= 0) {
                if (inWord) {
                    out.add(new Word(w.toString(), false));
                    w.setLength(0);
                    inWord = false;
                }
                boolean doubled = (c == '&' || c == '|') && i + 1 < n && line.charAt(i + 1) == c;
                out.add(new Word(doubled ? "" + c + c : "" + c, true));
                i += doubled ? 2 : 1;
            } else {
                w.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            out.add(new Word(w.toString(), false));
        }
        return out;
    }

    /** The index after the bracket that closes the one at {@code open} (nesting counted). */
    private static int closing(String s, int open) {
        char o = s.charAt(open);
        char c = o == '(' ? ')' : '}';
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == o) {
                depth++;
            } else if (s.charAt(i) == c && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static List<Found> commands(String source, int line, List<Word> words) {
        List<Found> found = new ArrayList<>();
        boolean commandStart = true;
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (w.operator()) {
                commandStart = true;
                continue;
            }
            if (!commandStart) {
                continue;
            }
            if (PREFIXES.contains(w.text()) || w.text().matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                continue;
            }
            commandStart = false;
            if (w.text().equals("assay") || w.text().endsWith("/assay")) {
                List<String> args = new ArrayList<>();
                int j = i + 1;
                while (j < words.size() && !words.get(j).operator()) {
                    args.add(words.get(j).text());
                    j++;
                }
                found.add(new Found(source, line, List.copyOf(args)));
                i = j - 1;
            }
        }
        return found;
    }
}
