package io.qnative.webhook;

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
 * admitted with a warning (docs/differences-from-knative.md).
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
        Admitted admitted;
        try {
            admitted = admit(request, config, "mutation failed: ");
        } catch (Answered a) {
            return a.response;
        }
        if (!(admitted.object() instanceof Defaultable defaultable)) {
            return AdmissionResponse.allow();
        }
        JsonNode before = mapper.valueToTree(defaultable);
        try {
            defaultable.setDefaults(admitted.context());
        } catch (RuntimeException e) {
            LOG.warnf(e, "defaulting %s %s/%s failed", request.kind(), request.namespace(), request.name());
            return AdmissionResponse.deny("mutation failed: " + e);
        }
        ArrayNode patch = JsonPatches.diff(before, mapper.valueToTree(defaultable));
        return AdmissionResponse.patch(patch, List.of());
    }

    /** The validating webhook's answer under {@code config}. */
    public AdmissionResponse validation(AdmissionRequest request, ConfigSnapshot config) {
        Admitted admitted;
        try {
            admitted = admit(request, config, "decoding request failed: ");
        } catch (Answered a) {
            return a.response;
        }
        if (!(admitted.object() instanceof Validatable validatable)) {
            return AdmissionResponse.allow();
        }
        FieldError result;
        try {
            result = validatable.validate(admitted.context());
        } catch (RuntimeException e) {
            LOG.warnf(e, "validating %s %s/%s failed", request.kind(), request.namespace(), request.name());
            return AdmissionResponse.deny("validation failed: internal error: " + e);
        }
        if (result == null) {
            return AdmissionResponse.allow();
        }
        String errors = result.error();
        // as Knative's validation webhook: warnings go out only with an allowed request
        return errors == null ? AdmissionResponse.allow(result.warnings())
                : AdmissionResponse.deny("validation failed: " + errors);
    }

    /** The decoded object of an admissible request and the context its rules see. */
    private record Admitted(Object object, AdmissionContext context) {
    }

    /**
     * Decodes a CREATE or UPDATE of a known kind; anything else is answered at once ({@link Answered}): other
     * operations allowed, unknown kinds allowed with a warning, undecodable objects denied with
     * {@code decodePrefix}.
     */
    private Admitted admit(AdmissionRequest request, ConfigSnapshot config, String decodePrefix) throws Answered {
        if (!request.isCreateOrUpdate()) {
            throw new Answered(AdmissionResponse.allow());
        }
        Optional<Class<? extends HasMetadata>> type = kinds.type(request.group(), request.version(), request.kind());
        if (type.isEmpty()) {
            throw new Answered(unhandled(request));
        }
        try {
            return new Admitted(decode(request.object(), type.get(), "new"), context(request, type.get(), config));
        } catch (DecodeException e) {
            throw new Answered(AdmissionResponse.deny(decodePrefix + e.getMessage()));
        }
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

    private static Object decode(ReviewObject object, Class<?> type, String which) throws DecodeException {
        try {
            return object.as(type);
        } catch (ReviewObject.Undecodable e) {
            throw new DecodeException(e.absent() ? "the request has no " + which + " object"
                    : "cannot decode incoming " + which + " object: " + e.getMessage());
        }
    }

    private static AdmissionResponse unhandled(AdmissionRequest request) {
        return AdmissionResponse.allow(List.of("qnative does not check kind " + request.gvk()
                + " (unhandled kind): admitted unchanged"));
    }

    /** A request answered before any rule ran. */
    private static final class Answered extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient AdmissionResponse response;

        Answered(AdmissionResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    /** The object in the request cannot be read as its API type. */
    private static final class DecodeException extends Exception {

        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message);
        }
    }
}
