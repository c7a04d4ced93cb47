package io.qnative.webhook;

import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.Defaultable;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.Validatable;
import java.util.HashMap;
import java.util.List;

/**
 * A test-only kind with both rule interfaces, standing in for the serving kinds until their rules exist: defaulting
 * sets the creator annotation on CREATE and a {@code defaulted} label; validation refuses a name containing
 * {@code bad} with two errors on two paths and warns about a name containing {@code warn}.
 */
@Group(FakeKind.GROUP)
@Version("v1")
@Kind("Fake")
@Plural("fakes")
public class FakeKind extends Service implements Defaultable, Validatable {

    public static final String GROUP = "testing.qnative.io";
    public static final String CREATOR = "serving.knative.dev/creator";

    /** The serving kinds plus this one. */
    public static final Kinds KINDS = new Kinds(List.of(Service.class, FakeKind.class));

    @Override
    public void setDefaults(AdmissionContext context) {
        if (getMetadata().getAnnotations() == null) {
            getMetadata().setAnnotations(new HashMap<>());
        }
        if (!context.isUpdate()) {
            getMetadata().getAnnotations().put(CREATOR, context.username());
        }
        if (getMetadata().getLabels() == null) {
            getMetadata().setLabels(new HashMap<>());
        }
        getMetadata().getLabels().put("defaulted", String.valueOf(context.config().defaults().revisionTimeoutSeconds()));
    }

    @Override
    public FieldError validate(AdmissionContext context) {
        String name = getMetadata().getName() == null ? "" : getMetadata().getName();
        FieldError result = null;
        if (name.contains("bad")) {
            result = FieldError.also(result, new FieldError("invalid value: " + name, List.of("metadata.name"),
                    FieldError.Level.ERROR, null));
            result = FieldError.also(result, new FieldError("missing field(s)",
                    List.of("spec.template.spec.containers"), FieldError.Level.ERROR, null));
        }
        if (name.contains("warn")) {
            result = FieldError.also(result, new FieldError("just a warning", List.of("metadata.name"),
                    FieldError.Level.WARNING, null));
        }
        return result;
    }
}
