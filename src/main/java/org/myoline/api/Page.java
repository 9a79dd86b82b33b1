package org.myoline.api;

/** Paging limits and arithmetic shared by every listing. Pages are numbered from 0. */
public final class Page {
    public static final int MAX_SIZE = 200;

    private Page() {
    }

    public static int totalPages(long totalItems, int size) {
        return (int) ((totalItems + size - 1) / size);
    }
}
