package org.myoline.catalogue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The drug catalogue: every agent Myoline knows, loaded once from a data file so that clinical
 * reference data is reviewed as data, not code. Immutable after loading.
 */
public final class DrugCatalogue {

    public static final String DEFAULT_RESOURCE = "catalogue/drugs.json";

    private final String version;
    private final Map<String, Drug> drugs;
    private final Map<String, Drug.DoseUnitLimit> units;

    private DrugCatalogue(String version, List<Drug> drugs, List<Drug.DoseUnitLimit> units) {
        this.version = version;
        this.drugs = drugs.stream().collect(Collectors.toMap(Drug::code, Function.identity(),
                (a, b) -> { throw new IllegalStateException("duplicate drug code " + a.code()); }, LinkedHashMap::new));
        this.units = units.stream().collect(Collectors.toMap(Drug.DoseUnitLimit::code, Function.identity(),
                (a, b) -> a, LinkedHashMap::new));
    }

    /** Loads the catalogue shipped with the service. */
    public static DrugCatalogue loadDefault() {
        return load(DEFAULT_RESOURCE);
    }

    public static DrugCatalogue load(String classpathResource) {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(classpathResource)) {
            if (in == null) {
                throw new IllegalStateException("drug catalogue not found on the classpath: " + classpathResource);
            }
            CatalogueFile file = mapper.readValue(in, CatalogueFile.class);
            return new DrugCatalogue(file.version(), file.drugs(), file.doseUnits());
        } catch (IOException e) {
            throw new UncheckedIOException("drug catalogue " + classpathResource + " is unreadable", e);
        }
    }

    public String version() {
        return version;
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

    private record CatalogueFile(String version, String source, List<Drug.DoseUnitLimit> doseUnits, List<Drug> drugs) {
    }
}
