package io.qnative.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.AdmissionContext.Operation;
import io.qnative.api.validation.Defaultable;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.Validatable;
import io.qnative.config.ConfigSnapshot;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code /defaulting} and {@code /resource-validation}: decodes the object to its API type and delegates to the
 * type's {@link Defaultable} and {@link Validatable} rules, as Knative's {@code resourcesemantics} webhooks do.
 * The defaulting patch is the difference between the typed round trip of the object and the defaulted object, so a
 * field the type does not model is never removed. Kinds without rules are admitted unchanged; unknown kinds are
 * admitted with a warning (qnative.md).
 */
public final class ResourceAdmission {

    private static final Logger LOG = Logger.getLogger(ResourceAdmission.class);

    private final ObjectMapper mapper;
    private final Kinds kinds;

    public ResourceAdmission(ObjectMapper mapper, Kinds kinds) {
        this.mapper = mapper;
        this.kinds = kinds;
    }

    /** The mutating webhook's answer under {@code config}. */
    public AdmissionResponse defaulting(AdmissionRequest request, ConfigSnapshot config) {
        if (!request.isCreateOrUpdate()) {
            return AdmissionResponse.allow();
        }
        Optional<Class<? extends HasMetadata>> type = kinds.type(request.group(), request.version(), request.kind());
        if (type.isEmpty()) {
            return unhandled(request);
        }
        Object object;
        AdmissionContext context;
        try {
            object = decode(request.object(), type.get(), "new");
            context = context(request, type.get(), config);
        } catch (DecodeException e) {
            return AdmissionResponse.deny("mutation failed: " + e.getMessage());
        }
        if (!(object instanceof Defaultable defaultable)) {
            return AdmissionResponse.allow();
        }
        JsonNode before = mapper.valueToTree(object);
        try {
            defaultable.setDefaults(context);
        } catch (RuntimeException e) {
            LOG.warnf(e, "defaulting %s %s/%s failed", request.kind(), request.namespace(), request.name());
            return AdmissionResponse.deny("mutation failed: " + e);
        }
        ArrayNode patch = JsonPatches.diff(before, mapper.valueToTree(object));
        return AdmissionResponse.patch(patch, List.of());
    }

    /** The validating webhook's answer under {@code config}. */
    public AdmissionResponse validation(AdmissionRequest request, ConfigSnapshot config) {
        if (!request.isCreateOrUpdate()) {
            return AdmissionResponse.allow();
        }
        Optional<Class<? extends HasMetadata>> type = kinds.type(request.group(), request.version(), request.kind());
        if (type.isEmpty()) {
            return unhandled(request);
        }
        Object object;
        AdmissionContext context;
        try {
            object = decode(request.object(), type.get(), "new");
            context = context(request, type.get(), config);
        } catch (DecodeException e) {
            return AdmissionResponse.deny("decoding request failed: " + e.getMessage());
        }
        if (!(object instanceof Validatable validatable)) {
            return AdmissionResponse.allow();
        }
        FieldError result;
        try {
            result = validatable.validate(context);
        } catch (RuntimeException e) {
            LOG.warnf(e, "validating %s %s/%s failed", request.kind(), request.namespace(), request.name());
            return AdmissionResponse.deny("validation failed: internal error: " + e);
        }
        if (result == null) {
            return AdmissionResponse.allow();
        }
        String errors = result.error();
        List<String> warnings = result.warnings();
        return errors == null ? AdmissionResponse.allow(warnings)
                : AdmissionResponse.deny("validation failed: " + errors, warnings);
    }

    private AdmissionContext context(AdmissionRequest request, Class<?> type, ConfigSnapshot config)
            throws DecodeException {
        Operation operation = Operation.valueOf(request.operation());
        Optional<Object> old = Optional.empty();
        if (operation == Operation.UPDATE) {
            old = Optional.of(decode(request.oldObject(), type, "old"));
        }
        return new AdmissionContext(operation, request.subResource(), request.username(), old, config,
                request.dryRun());
    }

    private Object decode(JsonNode json, Class<?> type, String which) throws DecodeException {
        if (!json.isObject()) {
            throw new DecodeException("the request has no " + which + " object");
        }
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new DecodeException("cannot decode incoming " + which + " object: " + why);
        }
    }

    private static AdmissionResponse unhandled(AdmissionRequest request) {
        return AdmissionResponse.allow(List.of("qnative does not check kind " + request.gvk()
                + " (unhandled kind): admitted unchanged"));
    }

    /** The object in the request cannot be read as its API type. */
    private static final class DecodeException extends Exception {

        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message);
        }
    }
}
