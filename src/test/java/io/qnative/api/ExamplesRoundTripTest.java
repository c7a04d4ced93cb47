package io.qnative.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.qnative.testing.Examples;
import io.qnative.testing.Examples.Example;
import io.qnative.testing.crd.CrdKinds;

/**
 * Every example manifest survives a parse into its qnative type and back, with a plain Jackson mapper and with
 * the fabric8 client's serialization: no field lost, none added (null-valued fields count as absent).
 */
class ExamplesRoundTripTest {

    static final ObjectMapper PLAIN = new ObjectMapper();
    static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();

    static Stream<Example> validExamples() {
        return Examples.valid().stream();
    }

    static Stream<Example> invalidExamples() {
        return Examples.invalid().stream();
    }

    static Class<? extends HasMetadata> typeOf(Example ex) {
        Class<? extends HasMetadata> type = CrdKinds.typeOf(ex.apiVersion(), ex.kind());
        assertThat(type).as("qnative type for %s %s", ex.apiVersion(), ex.kind()).isNotNull();
        return type;
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void plainJacksonKeepsEveryField(Example ex) throws Exception {
        HasMetadata typed = PLAIN.treeToValue(ex.tree(), typeOf(ex));
        assertThat(typed).isInstanceOf(typeOf(ex));
        JsonNode back = PLAIN.valueToTree(typed);
        assertThat(Examples.normalize(back)).as(ex.name()).isEqualTo(Examples.normalize(ex.tree()));
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void fabric8SerializationKeepsEveryField(Example ex) throws Exception {
        HasMetadata typed = FABRIC8.unmarshal(ex.text(), typeOf(ex));
        JsonNode back = PLAIN.readTree(FABRIC8.asJson(typed));
        assertThat(Examples.normalize(back)).as(ex.name()).isEqualTo(Examples.normalize(ex.tree()));
    }

    @ParameterizedTest
    @MethodSource("validExamples")
    void equalsAgreesWithTheJson(Example ex) throws Exception {
        HasMetadata a = PLAIN.treeToValue(ex.tree(), typeOf(ex));
        HasMetadata b = PLAIN.treeToValue(ex.tree(), typeOf(ex));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @ParameterizedTest
    @MethodSource("invalidExamples")
    void wronglyTypedKnownFieldsAreRejectedNamingTheField(Example ex) {
        String field = ex.expectInvalid().get(0);
        String last = field.substring(field.lastIndexOf('.') + 1);
        assertThatThrownBy(() -> PLAIN.treeToValue(ex.tree(), typeOf(ex))).hasMessageContaining("\"" + last + "\"");
        assertThatThrownBy(() -> FABRIC8.unmarshal(ex.text(), typeOf(ex))).hasMessageContaining("\"" + last + "\"");
    }
}
