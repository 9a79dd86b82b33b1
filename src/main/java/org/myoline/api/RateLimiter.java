package org.myoline.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests per caller per second, counted in one-second windows on this replica. A caller is its bearer token
 * (kept only as a hash) or, without one, its address. Bounded: past {@link #MAX_CALLERS} callers in one second the
 * table is cleared, which can only let requests through, never refuse one wrongly.
 */
final class RateLimiter {

    static final int MAX_CALLERS = 10_000;

    private record Window(long second, int count) {
    }

    private final int perSecond;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    RateLimiter(int perSecond) {
        this.perSecond = perSecond;
    }

    boolean enabled() {
        return perSecond > 0;
    }

    /** Counts the request; false when the caller is over its limit for the current second. */
    boolean allow(String authorization, String address, long nowMillis) {
        String caller = authorization != null ? "t:" + hash(authorization) : "a:" + address;
        long second = nowMillis / 1000;
        if (windows.size() > MAX_CALLERS) {
            windows.clear();
        }
        Window w = windows.compute(caller, (k, old) -> old == null || old.second() != second
                ? new Window(second, 1) : new Window(second, old.count() + 1));
        return w.count() <= perSecond;
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
