package org.myoline.episode;

import org.myoline.engine.model.DoseUnit;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores units by their UCUM code so the database reads the same as the API. */
@Converter(autoApply = true)
public class DoseUnitConverter implements AttributeConverter<DoseUnit, String> {
    @Override
    public String convertToDatabaseColumn(DoseUnit unit) {
        return unit == null ? null : unit.ucum();
    }

    @Override
    public DoseUnit convertToEntityAttribute(String code) {
        return code == null ? null : DoseUnit.fromUcum(code)
                .orElseThrow(() -> new IllegalStateException("unknown dose unit in database: " + code));
    }
}
