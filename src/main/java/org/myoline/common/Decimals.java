package org.myoline.common;

import java.math.BigDecimal;

/**
 * One form per decimal value: 58, 58.0 and the database's 58.00 are the same weight, so they are kept, returned
 * and compared as 58. Without this a value read back from a NUMERIC(6,2) column differs from the one sent, and
 * re-sending an unchanged record looks like a change.
 */
public final class Decimals {

    private Decimals() {
    }

    /** Without trailing zeros and never in exponent form (100, not 1E+2); null stays null. */
    public static BigDecimal canonical(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
