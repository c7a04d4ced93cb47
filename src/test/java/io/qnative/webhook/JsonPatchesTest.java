package io.qnative.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonPatchesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("equal documents", "{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}", "[]"),
                Arguments.of("added field", "{\"spec\":{}}",
                        "{\"spec\":{\"traffic\":[{\"latestRevision\":true,\"percent\":100}]}}",
                        "[{\"op\":\"add\",\"path\":\"/spec/traffic\",\"value\":[{\"latestRevision\":true,"
                                + "\"percent\":100}]}]"),
                Arguments.of("escaped keys", "{\"metadata\":{\"annotations\":{}}}",
                        "{\"metadata\":{\"annotations\":{\"serving.knative.dev/creator\":\"me\",\"a~b\":\"x\"}}}",
                        "[{\"op\":\"add\",\"path\":\"/metadata/annotations/serving.knative.dev~1creator\","
                                + "\"value\":\"me\"},{\"op\":\"add\",\"path\":\"/metadata/annotations/a~0b\","
                                + "\"value\":\"x\"}]"),
                Arguments.of("replaced scalar", "{\"t\":0}", "{\"t\":300}",
                        "[{\"op\":\"replace\",\"path\":\"/t\",\"value\":300}]"),
                Arguments.of("removed field", "{\"a\":1,\"b\":2}", "{\"a\":1}",
                        "[{\"op\":\"remove\",\"path\":\"/b\"}]"),
                Arguments.of("array element changed in place", "{\"c\":[{\"image\":\"x\"}]}",
                        "{\"c\":[{\"image\":\"x\",\"name\":\"user-container\"}]}",
                        "[{\"op\":\"add\",\"path\":\"/c/0/name\",\"value\":\"user-container\"}]"),
                Arguments.of("array grows", "{\"c\":[1]}", "{\"c\":[1,2,3]}",
                        "[{\"op\":\"add\",\"path\":\"/c/1\",\"value\":2},{\"op\":\"add\",\"path\":\"/c/2\","
                                + "\"value\":3}]"),
                Arguments.of("array shrinks from the end", "{\"c\":[1,2,3]}", "{\"c\":[9]}",
                        "[{\"op\":\"replace\",\"path\":\"/c/0\",\"value\":9},{\"op\":\"remove\",\"path\":\"/c/2\"},"
                                + "{\"op\":\"remove\",\"path\":\"/c/1\"}]"),
                Arguments.of("type change", "{\"v\":{\"a\":1}}", "{\"v\":[1]}",
                        "[{\"op\":\"replace\",\"path\":\"/v\",\"value\":[1]}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffsAndTheDiffHasTheIntendedEffect(String name, String before, String after, String expected)
            throws Exception {
        JsonNode a = MAPPER.readTree(before);
        JsonNode b = MAPPER.readTree(after);
        JsonNode patch = JsonPatches.diff(a, b);
        assertThat(patch).isEqualTo(MAPPER.readTree(expected));
        assertThat(JsonPatchTestSupport.apply(a, patch)).isEqualTo(b);
    }
}
