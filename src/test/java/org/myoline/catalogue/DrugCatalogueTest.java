package org.myoline.catalogue;

import org.myoline.engine.model.DoseUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The data file itself: consistent with the ladder in docs/clinical-evidence.md §6.1. */
class DrugCatalogueTest {
    private final DrugCatalogue catalogue = DrugCatalogue.loadDefault();

    @Test
    void glucocorticoidsCarryTheirPrednisoneEquivalence() {
        assertEquals(1.0, catalogue.find("prednisolone").orElseThrow().prednisoneEquivalence());
        assertEquals(1.25, catalogue.find("methylprednisolone").orElseThrow().prednisoneEquivalence());
        assertEquals(6.67, catalogue.find("dexamethasone").orElseThrow().prednisoneEquivalence());
        catalogue.all().stream().filter(d -> d.drugClass() == Drug.DrugClass.GLUCOCORTICOID)
                .forEach(d -> assertNotNull(d.prednisoneEquivalence(), d.code()));
    }

    @Test
    void everyMyositisDrugHasATierAndCalcinosisAgentsHaveNone() {
        for (Drug d : catalogue.all()) {
            if (d.track() == Drug.Track.MYOSITIS) {
                assertNotNull(d.tier(), d.code());
                assertTrue(d.tier() >= 0 && d.tier() <= 6, d.code());
            } else {
                assertEquals(null, d.tier(), d.code());
                assertEquals(Drug.Role.BACKGROUND, d.role(), d.code());
            }
            if (d.drugClass() == Drug.DrugClass.PROCEDURE) {
                assertTrue(d.atc().isEmpty(), d.code() + ": a procedure has no ATC code");
                continue;
            }
            assertFalse(d.atc().isEmpty(), d.code() + " needs at least one ATC code");
            assertTrue(Set.of("V", "S", "U").contains(d.atc().get(0).evidence()), d.code());
        }
    }

    @Test
    void onlyEfalizumabIsWithdrawn() {
        assertEquals(Set.of("efalizumab"), catalogue.all().stream().filter(Drug::withdrawn).map(Drug::code)
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void persistenceFollowsInfusionSpacing() {
        assertEquals(42, catalogue.find("ivig").orElseThrow().persistenceDays());
        assertEquals(270, catalogue.find("rituximab").orElseThrow().persistenceDays());
        assertEquals(45, catalogue.find("cyclophosphamide").orElseThrow().persistenceDays());
    }

    @Test
    void everyUnitTheApiAcceptsHasACeiling() {
        for (var unit : org.myoline.engine.model.DoseUnit.values()) {
            assertTrue(catalogue.unit(unit.ucum()).isPresent(), unit.ucum());
        }
    }
}
