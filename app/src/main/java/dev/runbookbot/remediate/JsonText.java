package dev.runbookbot.remediate;

/** JSON string literals for the small objects this package writes into timeline details. */
final class JsonText {
    private JsonText() {}

    /** {@code text} as a JSON string literal, escaped so hostile text (output, alert data) stays inside it. */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }

    /** {@code "name":"value"}. */
    static String field(String name, String value) {
        return quote(name) + ":" + quote(value);
    }
}
