package sadtalker.server;

/**
 * Makes user-controlled or native text safe for one log line: control characters, invalid
 * characters and anything past a length cap become visible escapes, so binary never reaches a log
 * line and a request cannot forge log lines. (Hand-written: slf4j has no such helper.)
 */
final class LogText {
    static final int MAX_CHARS = 500;

    private LogText() {}

    static String clean(Object value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_CHARS) + 16);
        for (int i = 0; i < s.length() && b.length() < MAX_CHARS; i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\uFFFD' || Character.isSurrogate(c)) {
                b.append(String.format("\\x%02x", (int) c & 0xFF));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX_CHARS && s.length() > MAX_CHARS) {
            b.append("...");
        }
        return b.toString();
    }
}
