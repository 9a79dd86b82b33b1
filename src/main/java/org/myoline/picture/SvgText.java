package org.myoline.picture;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Text for SVG and HTML: escaping of everything that comes from the record, fixed number formatting (the same
 * history gives byte-identical output whatever the server's locale), and a width estimate so that labels are
 * laid out without measuring fonts. The estimate is deliberately generous (DejaVu Sans metrics, the widest of the
 * fonts the picture names); the browser check in CI measures the real boxes.
 */
final class SvgText {
    private SvgText() {
    }

    /**
     * Escapes for XML text and attribute values, and writes every character beyond ASCII as a numeric reference,
     * so the picture is pure ASCII (compact strings stay one byte per character and UTF-8 encoding is a copy);
     * drops characters XML 1.0 cannot carry at all.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        int i = 0;
        int n = text.length();
        while (i < n && plain(text.charAt(i))) {
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder b = new StringBuilder(n + 16).append(text, 0, i);
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (plain(c)) {
                b.append(c);
                continue;
            }
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(++i));
            }
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case 0x9, 0xA, 0xD -> b.append((char) cp);
                default -> {
                    boolean allowed = (cp >= 0x7F && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                            || (cp >= 0x10000 && cp <= 0x10FFFF);
                    if (allowed) {
                        b.append("&#").append(cp).append(';');
                    }
                }
            }
        }
        return b.toString();
    }

    /** A character that needs no escaping: printable ASCII, not markup. */
    private static boolean plain(char c) {
        return c >= 0x20 && c < 0x7F && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
    }

    /** A coordinate or value with at most one decimal (half away from zero), never in exponent form. */
    static String num(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "0";
        }
        if (Math.abs(value) >= 1e12) {
            return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        long tenths = Math.round(Math.abs(value) * 10);
        if (tenths == 0) {
            return "0";
        }
        String sign = value < 0 ? "-" : "";
        long whole = tenths / 10;
        long decimal = tenths % 10;
        return decimal == 0 ? sign + whole : sign + whole + "." + decimal;
    }

    /** Estimated advance width in px of {@code text} at {@code size} px (bold a little wider). */
    static double width(String text, double size, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            em += em(text.charAt(i));
        }
        return em * size * (bold ? 1.1 : 1.0);
    }

    /** Advance of one character in em (DejaVu Sans, rounded up); anything beyond ASCII counts as wide. */
    private static double em(char c) {
        if (c == ' ') {
            return 0.33;
        }
        if (c >= 0x80) {
            return 0.80;
        }
        if ("iljtfrI.,:;'|!".indexOf(c) >= 0) {
            return 0.40;
        }
        if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
            return 0.92;
        }
        if (c >= 'A' && c <= 'Z') {
            return 0.74;
        }
        if (c >= '0' && c <= '9') {
            return 0.64;
        }
        if (c >= 'a' && c <= 'z') {
            return 0.62;
        }
        return 0.80;
    }

    /** {@code text} cut with an ellipsis so that it fits {@code maxWidth}. */
    static String fit(String text, double size, boolean bold, double maxWidth) {
        if (width(text, size, bold) <= maxWidth) {
            return text;
        }
        double scale = size * (bold ? 1.1 : 1.0);
        double room = maxWidth / scale - em('\u2026');
        double used = 0;
        int end = 0;
        while (end < text.length() && used + em(text.charAt(end)) <= room) {
            used += em(text.charAt(end));
            end++;
        }
        String cut = text.substring(0, end).stripTrailing();
        return cut.isEmpty() ? "" : cut + "\u2026";
    }

    /** UPPER_SNAKE to words: GLUCOCORTICOID_RESISTANT → glucocorticoid resistant. */
    static String words(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
