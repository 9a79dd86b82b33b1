package org.myoline.bulk;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a job has done so far, stored with its cursor in the same transaction: lines read and lines written per
 * resource type, and patients written or rejected (an import), or patients exported (an export).
 */
public record Tallies(Map<String, Long> read, Map<String, Long> written, long patientsWritten, long patientsRejected) {

    public Tallies {
        read = new TreeMap<>(read);
        written = new TreeMap<>(written);
    }

    static Tallies empty() {
        return new Tallies(Map.of(), Map.of(), 0, 0);
    }

    /** These tallies plus one patient's lines: every line read, the accepted ones written. */
    Tallies plus(Map<String, Long> linesRead, Map<String, Long> linesWritten, boolean patientWritten) {
        Map<String, Long> r = new TreeMap<>(read);
        linesRead.forEach((type, n) -> r.merge(type, n, Long::sum));
        Map<String, Long> w = new TreeMap<>(written);
        linesWritten.forEach((type, n) -> w.merge(type, n, Long::sum));
        return new Tallies(r, w, patientsWritten + (patientWritten ? 1 : 0), patientsRejected + (patientWritten ? 0 : 1));
    }
}
