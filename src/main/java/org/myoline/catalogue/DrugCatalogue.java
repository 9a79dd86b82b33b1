package org.myoline.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.myoline.common.DataFiles;
import org.myoline.common.JsonMergePatch;
import org.myoline.engine.model.DoseUnit;

/**
 * The drug catalogue: every agent Myoline knows, loaded once from a data file so that clinical reference data
 * is reviewed as data, not code. A deployment may point at an overlay file that changes drugs (merged field
 * by field, JSON Merge Patch) or adds local ones; the result is validated like the built-in file, and any
 * problem stops start-up with the file and the drug named. Immutable after loading.
 */
public final class DrugCatalogue {

    public static final String DEFAULT_RESOURCE = "catalogue/drugs.json";
    public static final String OVERLAY_SETTING = "myoline.catalogue.overlay";
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> EVIDENCE = Set.of("V", "S", "U");

    private final String version;
    private final String overlayName;
    private final String overlayFile;
    private final String contentHash;
    private final Map<String, Drug> drugs;
    private final Map<String, Drug.DoseUnitLimit> units;

    private DrugCatalogue(String version, String overlayName, String overlayFile, String contentHash, List<Drug> drugs,
            List<Drug.DoseUnitLimit> units) {
        this.version = version;
        this.overlayName = overlayName;
        this.overlayFile = overlayFile;
        this.contentHash = contentHash;
        Map<String, Drug> byCode = new LinkedHashMap<>();
        drugs.forEach(d -> byCode.put(d.code(), d));
        this.drugs = java.util.Collections.unmodifiableMap(byCode);
        Map<String, Drug.DoseUnitLimit> byUnit = new LinkedHashMap<>();
        units.forEach(u -> byUnit.put(u.code(), u));
        this.units = java.util.Collections.unmodifiableMap(byUnit);
    }

    /** The catalogue shipped with the service. */
    public static DrugCatalogue loadDefault() {
        return load(Optional.empty());
    }

    /** The shipped catalogue changed by the overlay file, if any. */
    public static DrugCatalogue load(Optional<Path> overlay) {
        ObjectNode base = (ObjectNode) DataFiles.classpath(DEFAULT_RESOURCE);
        if (overlay.isEmpty()) {
            return build(base, DEFAULT_RESOURCE, null, null);
        }
        JsonNode patch = DataFiles.file(overlay.get(), OVERLAY_SETTING);
        String origin = OVERLAY_SETTING + " " + overlay.get();
        return build(merge(base, patch, origin), origin, text(patch, "name", origin), overlay.get().toString());
    }

    /** Overlay: {"name": ..., "description": ..., "drugs": [...]}; a drug with a known code is patched, a new one added. */
    private static ObjectNode merge(ObjectNode base, JsonNode patch, String origin) {
        Set<String> allowed = Set.of("name", "description", "drugs");
        patch.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new IllegalStateException(origin + ": unknown field " + f + " (allowed: name, description, drugs)");
            }
        });
        ObjectNode merged = base.deepCopy();
        ArrayNode drugs = (ArrayNode) merged.get("drugs");
        JsonNode changes = patch.path("drugs");
        if (!changes.isArray()) {
            throw new IllegalStateException(origin + ": drugs must be a list");
        }
        for (JsonNode change : changes) {
            String code = change.path("code").asText("");
            if (code.isEmpty()) {
                throw new IllegalStateException(origin + ": every drug needs a code");
            }
            int at = -1;
            for (int i = 0; i < drugs.size(); i++) {
                if (drugs.get(i).path("code").asText().equals(code)) {
                    at = i;
                }
            }
            if (at >= 0) {
                drugs.set(at, JsonMergePatch.apply(drugs.get(at), change));
            } else {
                drugs.add(change.deepCopy());
            }
        }
        merged.put("version", base.path("version").asText());
        return merged;
    }

    private static DrugCatalogue build(ObjectNode tree, String origin, String overlayName, String overlayFile) {
        List<Drug.DoseUnitLimit> units = new ArrayList<>();
        for (JsonNode u : tree.path("doseUnits")) {
            units.add(read(u, Drug.DoseUnitLimit.class, origin, "dose unit " + u.path("code").asText("?")));
        }
        List<Drug> drugs = new ArrayList<>();
        Set<String> codes = new java.util.HashSet<>();
        for (JsonNode d : tree.path("drugs")) {
            String where = "drug " + d.path("code").asText("?");
            Drug drug = read(d, Drug.class, origin, where);
            validate(drug, origin + ": " + where);
            if (!codes.add(drug.code())) {
                throw new IllegalStateException(origin + ": " + where + " is defined twice");
            }
            drugs.add(drug);
        }
        Set<String> known = new java.util.HashSet<>();
        tree.fieldNames().forEachRemaining(known::add);
        known.removeAll(Set.of("version", "source", "doseUnits", "drugs"));
        if (!known.isEmpty()) {
            throw new IllegalStateException(origin + ": unknown field " + known);
        }
        return new DrugCatalogue(tree.path("version").asText(), overlayName, overlayFile, DataFiles.contentHash(tree),
                drugs, units);
    }

    private static <T> T read(JsonNode node, Class<T> type, String origin, String where) {
        try {
            return DataFiles.JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(origin + ": " + where + ": " + e.getOriginalMessage());
        }
    }

    private static void validate(Drug d, String where) {
        List<String> problems = new ArrayList<>();
        if (d.code() == null || !CODE.matcher(d.code()).matches()) {
            problems.add("code must be lower-case letters, digits and hyphens");
        }
        if (d.name() == null || d.name().isBlank()) {
            problems.add("name is missing");
        }
        if (d.drugClass() == null || d.role() == null || d.track() == null) {
            problems.add("drugClass, role and track are required");
        }
        if (d.track() == Drug.Track.MYOSITIS && (d.tier() == null || d.tier() < 0 || d.tier() > 6)) {
            problems.add("tier must be 0 to 6 on the myositis track");
        }
        if (d.track() == Drug.Track.CALCINOSIS && d.tier() != null) {
            problems.add("calcinosis-track drugs have no tier");
        }
        if (d.courseIntervalDays() != null && (!d.courseBased() || d.courseIntervalDays() < 1 || d.courseIntervalDays() > 730)) {
            problems.add("courseIntervalDays applies to course-based drugs, 1 to 730 days");
        }
        if (d.persistenceDays() < 0 || d.persistenceDays() > 3650) {
            problems.add("persistenceDays must be 0 to 3650");
        }
        if (d.prednisoneEquivalence() != null && !(d.prednisoneEquivalence() > 0 && d.prednisoneEquivalence() <= 100)) {
            problems.add("prednisoneEquivalence must be above 0 and at most 100");
        }
        Drug.Trial t = d.adequateTrial();
        if (t != null) {
            if (t.minDays() < 0 || t.minDays() > 730) {
                problems.add("adequateTrial.minDays must be 0 to 730");
            }
            if (t.minCourses() != null && (t.minCourses() < 1 || t.minCourses() > 50)) {
                problems.add("adequateTrial.minCourses must be 1 to 50");
            }
            if ((t.minDose() == null) != (t.unit() == null) || (t.juvenileMinDose() == null) != (t.juvenileUnit() == null)) {
                problems.add("adequateTrial: a minimum dose needs its unit, and a unit its dose");
            }
            for (String unit : new String[] {t.unit(), t.juvenileUnit()}) {
                if (unit != null && DoseUnit.fromUcum(unit).isEmpty()) {
                    problems.add("adequateTrial: unknown unit " + unit + " (known: " + DoseUnit.LIST + ")");
                }
            }
            for (Drug.WeightBand b : t.juvenileBands()) {
                if (b.unit() == null || DoseUnit.fromUcum(b.unit()).isEmpty() || !(b.minDose() > 0) || b.minKg() < 0
                        || (b.maxKg() != null && b.maxKg() <= b.minKg())) {
                    problems.add("adequateTrial.juvenileBands: each band needs 0 ≤ minKg < maxKg, a dose above 0 and a known unit");
                }
            }
            for (Double dose : new Double[] {t.minDose(), t.juvenileMinDose()}) {
                if (dose != null && !(dose > 0)) {
                    problems.add("adequateTrial: doses must be above 0");
                }
            }
            if (t.source() == null || t.source().isBlank() || !EVIDENCE.contains(t.evidence())) {
                problems.add("adequateTrial needs a source and an evidence tag V, S or U");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(where + ": " + String.join("; ", problems));
        }
    }

    private static String text(JsonNode node, String field, String origin) {
        String value = node.path(field).asText("");
        if (value.isBlank() || !value.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalStateException(origin + ": " + field
                    + " is required: 1 to 40 letters, digits, dots, hyphens or underscores (it goes into rulesVersion)");
        }
        return value;
    }

    public String version() {
        return version;
    }

    /** The overlay's name, if one is applied. */
    public Optional<String> overlayName() {
        return Optional.ofNullable(overlayName);
    }

    public Optional<String> overlayFile() {
        return Optional.ofNullable(overlayFile);
    }

    /** SHA-256 of the effective catalogue (built-in plus overlay), independent of formatting. */
    public String contentHash() {
        return contentHash;
    }

    public Collection<Drug> all() {
        return drugs.values();
    }

    public Optional<Drug> find(String code) {
        return Optional.ofNullable(code == null ? null : drugs.get(code));
    }

    public boolean contains(String code) {
        return code != null && drugs.containsKey(code);
    }

    public Optional<Drug.DoseUnitLimit> unit(String code) {
        return Optional.ofNullable(code == null ? null : units.get(code));
    }

    public Collection<Drug.DoseUnitLimit> units() {
        return units.values();
    }
}
