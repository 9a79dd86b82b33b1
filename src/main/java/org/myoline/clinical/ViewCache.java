package org.myoline.clinical;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last computed timelines and assessments, each kept with the patient's history version it was computed
 * from. A request reads the current version (one indexed row) and gets the stored answer only if the version
 * is the same, so a change committed by any replica is never answered from here. Least recently used entries
 * go first; size 0 turns the cache off.
 */
final class ViewCache {
    /** What a view depends on besides the history: which view, of whom, as of when, and the day it is. */
    record Key(String view, Object patientId, Object asOf, Object today) {
    }

    private record Entry(long version, Object value) {
    }

    private final int capacity;
    private final Map<Key, Entry> entries;

    ViewCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > ViewCache.this.capacity;
            }
        };
    }

    /** The stored answer for this version, or the computed one (then stored). */
    @SuppressWarnings("unchecked")
    <T> T get(Key key, long version, Supplier<T> compute, Runnable onHit) {
        if (capacity > 0) {
            Entry hit;
            synchronized (entries) {
                hit = entries.get(key);
            }
            if (hit != null && hit.version() == version) {
                onHit.run();
                return (T) hit.value();
            }
        }
        T value = compute.get();
        if (capacity > 0) {
            synchronized (entries) {
                entries.put(key, new Entry(version, value));
            }
        }
        return value;
    }
}
