package org.assay.results;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/**
 * Writes NaN and the infinities as JSON {@code null}. JSON has no NaN; Jackson's default writes the
 * string "NaN", which breaks readers that expect a number or null (JMH's own JSON does this, and
 * every reader of {@code jmh.json} has to cope). A missing number must read as missing, never as
 * zero and never as a string.
 */
final class NonFiniteAsNullSerializer extends StdSerializer<Number> {

    private static final long serialVersionUID = 1L;

    static final NonFiniteAsNullSerializer INSTANCE = new NonFiniteAsNullSerializer(false);
    static final NonFiniteAsNullSerializer FLOATS = new NonFiniteAsNullSerializer(true);

    private final boolean isFloat;

    private NonFiniteAsNullSerializer(boolean isFloat) {
        super(Number.class);
        this.isFloat = isFloat;
    }

    @Override
    public void serialize(Number value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            gen.writeNull();
        } else if (isFloat) {
            gen.writeNumber(value.floatValue());
        } else {
            gen.writeNumber(d);
        }
    }
}
