package org.myoline.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Named, bounded item schemas for lists of plain strings, so every string in the contract has a
 * length limit (used as {@code @Schema(type = ARRAY, implementation = ...)} on list fields).
 */
public final class SchemaTypes {
    private SchemaTypes() {
    }

    @Schema(name = "DrugCode", type = SchemaType.STRING, maxLength = 64, pattern = "^[a-z0-9-]{1,64}$",
            description = "A drug code from the catalogue", example = "methotrexate")
    public static final class DrugCode {
    }

    @Schema(name = "Text", type = SchemaType.STRING, maxLength = 1000, description = "A sentence for people to read",
            example = "duration 56 d < 84 d")
    public static final class Text {
    }
}
