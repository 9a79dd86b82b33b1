package org.myoline.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDate;
import org.myoline.common.Dates;
import org.myoline.common.Texts;

/**
 * Doses are decimals: write 60, never 6E+1, so every client parses them the same way. A key given twice in one
 * object is refused (400 naming it) instead of letting the last value silently win, and so is a string the store
 * cannot hold (a NUL character).
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    /** Last, after Quarkus registers the java.time module, so that the date rule below takes precedence. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("myoline-text").addDeserializer(String.class, new StoredText())
                .addDeserializer(LocalDate.class, new ContractDate()));
    }

    /** Every date field of a request body: YYYY-MM-DD only (see {@link Dates}), else 400 naming the field. */
    static final class ContractDate extends StdScalarDeserializer<LocalDate> {
        ContractDate() {
            super(LocalDate.class);
        }

        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getText();
            try {
                return Dates.parse(text);
            } catch (java.time.DateTimeException e) {
                throw InvalidFormatException.from(p, "expected a date YYYY-MM-DD", text, LocalDate.class);
            }
        }
    }

    /** Every string field of a request body: refused when the store could not hold it (see {@link Texts}). */
    static final class StoredText extends StdScalarDeserializer<String> {
        StoredText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (Texts.hasNul(value)) {
                throw InvalidFormatException.from(p, Texts.NUL_MESSAGE, value, String.class);
            }
            return value;
        }
    }
}
