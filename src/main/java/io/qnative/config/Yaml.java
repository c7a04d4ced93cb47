package io.qnative.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;

/** Lenient YAML for values embedded in ConfigMaps: unknown fields ignored, as sigs.k8s.io/yaml does. */
final class Yaml {

    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Yaml() {
    }

    static <T> T read(String yaml, TypeReference<T> type) {
        try {
            return MAPPER.readValue(yaml, type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    static <T> T read(String yaml, Class<T> type) {
        try {
            return MAPPER.readValue(yaml, type);
        } catch (IOException e) {
            throw invalid(e);
        }
    }

    private static IllegalArgumentException invalid(IOException e) {
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String firstLine = detail == null ? "" : detail.lines().findFirst().orElse("");
        return new IllegalArgumentException("is not valid YAML of the expected shape: " + firstLine, e);
    }
}
