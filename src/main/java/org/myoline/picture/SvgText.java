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
        text.codePoints().skip(text.codePointCount(0, i)).forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                            || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
                    if (allowed && c < 0x7F) {
                        b.append((char) c);
                    } else if (allowed) {
                        b.append("&#").append(c).append(';');
                    }
                }
            }
        });
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
            char c = text.charAt(i);
            if (c == ' ') {
                em += 0.33;
            } else if ("iljtfrI.,:;'|!".indexOf(c) >= 0) {
                em += 0.40;
            } else if (c == 'm' || c == 'w' || c == 'M' || c == 'W') {
                em += 0.92;
            } else if (Character.isUpperCase(c)) {
                em += 0.74;
            } else if (Character.isDigit(c)) {
                em += 0.64;
            } else if (Character.isLowerCase(c)) {
                em += 0.62;
            } else {
                em += 0.80;
            }
        }
        return em * size * (bold ? 1.1 : 1.0);
    }

    /** {@code text} cut with an ellipsis so that it fits {@code maxWidth}. */
    static String fit(String text, double size, boolean bold, double maxWidth) {
        if (width(text, size, bold) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && width(cut + "…", size, bold) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.isEmpty() ? "" : cut.stripTrailing() + "…";
    }

    /** UPPER_SNAKE to words: GLUCOCORTICOID_RESISTANT → glucocorticoid resistant. */
    static String words(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
