package io.qnative.webhook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;

/**
 * Binds a resource {@link Quantity} of a review's object: fabric8's {@code Quantity.Deserializer} reads every
 * quantity into a JSON tree first (~1% of the webhook's CPU per ksvc review, bench/README.md, "webhook.sh"); a
 * quantity written as a string, as the API server writes them, becomes the same {@code new Quantity(text)} without
 * the tree, and any other form goes to fabric8's deserializer.
 */
final class QuantityReader extends StdDeserializer<Quantity> {

    private static final long serialVersionUID = 1L;

    private static final Quantity.Deserializer FABRIC8 = new Quantity.Deserializer();

    /** For Jackson, through {@link MixIn}. */
    QuantityReader() {
        super(Quantity.class);
    }

    /** A copy of {@code mapper} that binds quantities with this reader. */
    static ObjectMapper on(ObjectMapper mapper) {
        return mapper.copy().addMixIn(Quantity.class, MixIn.class);
    }

    @Override
    public Quantity deserialize(JsonParser p, DeserializationContext context) throws IOException {
        return p.currentToken() == JsonToken.VALUE_STRING ? new Quantity(p.getText()) : FABRIC8.deserialize(p, context);
    }

    /** Puts {@link QuantityReader} on {@link Quantity} in place of fabric8's deserializer. */
    @JsonDeserialize(using = QuantityReader.class)
    private abstract static class MixIn {
    }
}
