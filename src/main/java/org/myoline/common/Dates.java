package org.myoline.common;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Calendar dates as the contract writes them: {@code YYYY-MM-DD}, four-digit years. {@link LocalDate#parse} would
 * also take a signed or five-digit year ({@code +10000-01-01}), which no record holds and no client can read
 * back as a date of the contract; those are refused like any other malformed date.
 */
public final class Dates {
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private Dates() {
    }

    public static LocalDate parse(String text) {
        if (text == null || !ISO.matcher(text).matches()) {
            throw new DateTimeParseException("not a date YYYY-MM-DD", text == null ? "" : text, 0);
        }
        return LocalDate.parse(text);
    }
}
