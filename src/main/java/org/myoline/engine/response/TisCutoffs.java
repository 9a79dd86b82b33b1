package org.myoline.engine.response;

import org.myoline.engine.rules.Range;
import org.myoline.engine.rules.RuleId;

/** Total Improvement Score cut-offs for minimal, moderate and major improvement, adult and juvenile. */
@RuleId("TIS-RESPONSE")
public record TisCutoffs(@Range(min = 0, max = 100) double adultMinimal, @Range(min = 0, max = 100) double adultModerate,
        @Range(min = 0, max = 100) double adultMajor, @Range(min = 0, max = 100) double juvenileMinimal,
        @Range(min = 0, max = 100) double juvenileModerate, @Range(min = 0, max = 100) double juvenileMajor) {

    public TisCutoffs {
        if (!(adultMinimal <= adultModerate && adultModerate <= adultMajor)
                || !(juvenileMinimal <= juvenileModerate && juvenileModerate <= juvenileMajor)) {
            throw new IllegalArgumentException("cut-offs must rise from minimal to moderate to major");
        }
    }

    public double minimal(boolean juvenile) {
        return juvenile ? juvenileMinimal : adultMinimal;
    }
}
