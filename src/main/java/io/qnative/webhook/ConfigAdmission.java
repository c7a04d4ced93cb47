package io.qnative.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnative.config.ConfigException;
import io.qnative.config.ConfigSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

/**
 * {@code /config-validation}: refuses a {@code config-*} ConfigMap of the system namespace that qnative could not
 * use, naming every bad key, so a typo fails at {@code kubectl apply} instead of being ignored at runtime (Knative's
 * {@code configmaps} webhook). Other ConfigMaps are admitted unchecked. Pure.
 */
public final class ConfigAdmission {

    /** The documentation key of every shipped map; never read as configuration. */
    public static final String EXAMPLE_KEY = "_example";
    /** Knative's annotation holding the checksum of the shipped {@code _example}. */
    public static final String EXAMPLE_CHECKSUM_ANNOTATION = "knative.dev/example-checksum";
    static final String EXAMPLE_MODIFIED = "the update modifies a key in \"_example\" which is probably not what you"
            + " want. Instead, copy the respective setting to the top-level of the ConfigMap, directly below \"data\"";

    private final String systemNamespace;

    public ConfigAdmission(String systemNamespace) {
        this.systemNamespace = systemNamespace;
    }

    /**
     * Knative's {@code configmap.Checksum}: CRC-32 (IEEE) of the value without leading and trailing whitespace, as
     * eight lower-case hex digits.
     */
    public static String exampleChecksum(String example) {
        CRC32 crc = new CRC32();
        crc.update(example.strip().getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /**
     * The answer to one request. Besides refusing values qnative cannot use, it refuses an edit of {@code _example}
     * when the map carries the checksum annotation and the checksum no longer matches: the user most likely meant to
     * set a key and edited the documentation instead.
     */
    public AdmissionResponse validation(AdmissionRequest request) {
        if (!request.isCreateOrUpdate()) {
            return AdmissionResponse.allow();
        }
        if (!request.group().isEmpty() || !"ConfigMap".equals(request.kind())) {
            return AdmissionResponse.allow(List.of("qnative's config webhook does not check kind " + request.gvk()
                    + " (unhandled kind): admitted unchanged"));
        }
        JsonNode object = request.object().tree();
        String name = object.path("metadata").path("name").asText(request.name());
        String namespace = object.path("metadata").path("namespace").asText(request.namespace());
        if (!systemNamespace.equals(namespace) || !ConfigSnapshot.isKnown(name)) {
            return AdmissionResponse.allow();
        }
        JsonNode data = object.path("data");
        if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
            return AdmissionResponse.deny("decoding request failed: ConfigMap data must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var fields = data.fields(); fields.hasNext();) {
            var field = fields.next();
            if (!field.getValue().isTextual()) {
                return AdmissionResponse.deny("decoding request failed: ConfigMap data \"" + field.getKey()
                        + "\" must be a string");
            }
            values.put(field.getKey(), field.getValue().asText());
        }
        String checksum = object.path("metadata").path("annotations").path(EXAMPLE_CHECKSUM_ANNOTATION).asText("");
        if (values.containsKey(EXAMPLE_KEY) && !checksum.isEmpty()
                && !checksum.equals(exampleChecksum(values.get(EXAMPLE_KEY)))) {
            return AdmissionResponse.deny("validation failed: " + EXAMPLE_MODIFIED);
        }
        List<ConfigException.Problem> problems = ConfigSnapshot.validate(name, values);
        if (problems.isEmpty()) {
            return AdmissionResponse.allow();
        }
        return AdmissionResponse.deny("validation failed: "
                + problems.stream().map(ConfigException.Problem::toString).collect(Collectors.joining("\n")));
    }
}
