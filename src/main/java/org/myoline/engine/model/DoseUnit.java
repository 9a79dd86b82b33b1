package org.myoline.engine.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Dose units in UCUM spelling (docs/clinical-evidence.md §9). Per-day and per-week units are rates; the
 * others are amounts per dose or per course ({@code {session}} counts procedure sessions, such as plasma
 * exchange).
 */
public enum DoseUnit {
    MG_PER_DAY("mg/d"), MG_PER_KG_PER_DAY("mg/kg/d"), MG_PER_WEEK("mg/wk"), MG_PER_KG_PER_WEEK("mg/kg/wk"),
    MG_PER_M2_PER_WEEK("mg/m2/wk"), G_PER_KG("g/kg"), MG_PER_KG("mg/kg"), MG_PER_M2("mg/m2"), MG("mg"), G("g"),
    G_PER_KG_PER_DAY("g/kg/d"), MG_PER_M2_PER_DAY("mg/m2/d"), G_PER_M2("g/m2"), SESSION("{session}");

    /** The regular expression the contract uses for the unit field (a test keeps it equal to the values). */
    public static final String PATTERN =
            "mg/d|mg/kg/d|mg/wk|mg/kg/wk|mg/m2/wk|g/kg|mg/kg|mg/m2|mg|g|g/kg/d|mg/m2/d|g/m2|\\{session\\}";
    public static final String LIST =
            "mg/d, mg/kg/d, mg/wk, mg/kg/wk, mg/m2/wk, g/kg, mg/kg, mg/m2, mg, g, g/kg/d, mg/m2/d, g/m2, {session}";

    private final String ucum;

    DoseUnit(String ucum) {
        this.ucum = ucum;
    }

    public String ucum() {
        return ucum;
    }

    public static Optional<DoseUnit> fromUcum(String code) {
        return Arrays.stream(values()).filter(u -> u.ucum.equals(code)).findFirst();
    }
}
