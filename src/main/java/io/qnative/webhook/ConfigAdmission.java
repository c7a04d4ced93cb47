package io.qnative.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.qnative.config.ConfigException;
import io.qnative.config.ConfigSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /config-validation}: refuses a {@code config-*} ConfigMap of the system namespace that qnative could not
 * use, naming every bad key, so a typo fails at {@code kubectl apply} instead of being ignored at runtime (Knative's
 * {@code configmaps} webhook). Other ConfigMaps are admitted unchecked. Pure.
 */
public final class ConfigAdmission {

    private final String systemNamespace;

    public ConfigAdmission(String systemNamespace) {
        this.systemNamespace = systemNamespace;
    }

    /** The answer to one request. */
    public AdmissionResponse validation(AdmissionRequest request) {
        if (!request.isCreateOrUpdate()) {
            return AdmissionResponse.allow();
        }
        if (!request.group().isEmpty() || !"ConfigMap".equals(request.kind())) {
            return AdmissionResponse.allow(List.of("qnative's config webhook does not check kind " + request.gvk()
                    + " (unhandled kind): admitted unchanged"));
        }
        JsonNode object = request.object();
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
        List<ConfigException.Problem> problems = ConfigSnapshot.validate(name, values);
        if (problems.isEmpty()) {
            return AdmissionResponse.allow();
        }
        return AdmissionResponse.deny("validation failed: "
                + problems.stream().map(ConfigException.Problem::toString).collect(Collectors.joining("\n")));
    }
}
