package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link QuantityReader} binds every form of a quantity as fabric8's deserializer does. */
class QuantityReaderTest {

    private final ObjectMapper fabric8 = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ObjectMapper reader = QuantityReader.on(fabric8);

    @Test
    void everyFormBindsAsFabric8Does() throws Exception {
        for (String value : List.of("\"100m\"", "\"128Mi\"", "\"1\"", "\"0.5\"", "\"1e3\"", "\"\"", "\" 2Gi\"",
                "\"x\"", "1", "0.25", "-3", "true", "{\"amount\":\"1\",\"format\":\"Gi\"}", "{\"amount\":\"5\"}",
                "{\"other\":1}", "[\"1\"]")) {
            String json = "{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":" + value + "},\"limits\":{\"memory\":"
                    + value + "}}}";
            assertThat(outcome(reader, json)).as(value).isEqualTo(outcome(fabric8, json));
        }
    }

    @Test
    void invalidQuantitiesFailAsWithFabric8() {
        String json = "{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":\"\"}}}";
        assertThat(outcome(reader, json)).asString().contains("Invalid quantity string format")
                .isEqualTo(outcome(fabric8, json));
        String cut = "{\"name\":\"c\",\"resources\":{\"requests\":{\"cpu\":{\"amount\":";
        assertThat(outcome(reader, cut)).asString().startsWith("com.fasterxml").isEqualTo(outcome(fabric8, cut));
    }

    @Test
    void theGivenMapperIsLeftAsItWas() {
        assertThat(fabric8.mixInCount()).isZero();
        assertThat(reader.mixInCount()).isEqualTo(1);
    }

    /** The quantities read from {@code json}, or the error reading it. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return forms(mapper.readValue(json, Container.class));
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** Amount and format of each quantity (Quantity's equals compares numbers only). */
    private static Map<String, List<String>> forms(Container c) {
        Quantity cpu = c.getResources().getRequests().get("cpu");
        Quantity memory = c.getResources().getLimits().get("memory");
        return Map.of("cpu", form(cpu), "memory", form(memory));
    }

    private static List<String> form(Quantity q) {
        return q == null ? List.of("null") : List.of(String.valueOf(q.getAmount()), String.valueOf(q.getFormat()));
    }
}
