package org.assay.analysis.report;

/** Escaping for text that came from a machine, a profile or a user. */
public final class Html {

    private Html() {
    }

    /** Text for an HTML element or a quoted attribute: {@code & < > " '} become entities. */
    public static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * JSON placed inside a {@code <script type="application/json">}: the only sequence that could
     * end the element early is {@code </}, and {@code <!--} could open a comment state; escaping
     * every {@code <} as {@code \u003c} (still the same JSON string) rules both out.
     */
    public static String scriptJson(String json) {
        return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
