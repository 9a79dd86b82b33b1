package org.myoline.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.math.BigDecimal;

/** Every decimal column is read back in its canonical form ({@link Decimals}), whatever scale the column has. */
@Converter(autoApply = true)
public class CanonicalDecimalConverter implements AttributeConverter<BigDecimal, BigDecimal> {

    @Override
    public BigDecimal convertToDatabaseColumn(BigDecimal value) {
        return value;
    }

    @Override
    public BigDecimal convertToEntityAttribute(BigDecimal value) {
        return Decimals.canonical(value);
    }
}
