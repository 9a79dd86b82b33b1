package org.myoline.api;

/** Paging limits and arithmetic shared by every listing. Pages are numbered from 0. */
public final class Page {
    public static final int MAX_SIZE = 200;

    private Page() {
    }

    /**
     * A paging parameter as sent: absent is {@code fallback}; anything but an integer in [min, max] is a 400 naming
     * the parameter (a JAX-RS int parameter would answer an unparsable value with 404).
     */
    public static int param(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(name, "must be an integer from " + min + " to " + max);
    }

    public static int totalPages(long totalItems, int size) {
        return (int) ((totalItems + size - 1) / size);
    }
}
