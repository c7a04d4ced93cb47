package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.errors;
import static io.qnative.testing.Admission.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qnative.testing.Admission;
import io.qnative.testing.Services;

/** Non-blocking warnings (Knative's warning-level field errors, knative.dev/pkg apis/field_error.go). */
class WarningsTest {

    private static final String INSECURE =
            "Kubernetes default value is insecure, Knative may default this to secure in a future release: ";
    private static final String C = "spec.template.spec.containers[0].securityContext.";

    @Test
    void insecureDefaultsWarnWhenSecurePodDefaultsIsOff() {
        Service s = Services.defaulted("s");
        assertThat(errors(s, Admission.create())).isNull();
        assertThat(warnings(s, Admission.create())).containsExactly(INSECURE + C + "allowPrivilegeEscalation, " + C
                + "capabilities, " + C + "runAsNonRoot, " + C + "seccompProfile");
    }

    @Test
    void partialSettingsNarrowTheWarnings() {
        Service s = Services.withPodSpec("""
                containers:
                - image: ghcr.io/knative/helloworld-go
                  securityContext:
                    runAsNonRoot: true
                    allowPrivilegeEscalation: false
                    seccompProfile: {localhostProfile: x}
                    capabilities: {drop: [all]}
                """);
        assertThat(warnings(s, Admission.create())).containsExactly(
                INSECURE + C + "seccompProfile.type",
                "invalid value: all: " + C + "capabilities.drop\nMust be spelled as 'ALL'");
    }

    @Test
    void noWarningsWithSecurePodDefaults() {
        var ctx = Admission.create(Admission.features(Map.of("secure-pod-defaults", "Enabled")));
        Service s = Services.minimal("s");
        s.setDefaults(ctx);
        assertThat(warnings(s, ctx)).isEmpty();
        assertThat(errors(s, ctx)).isNull();
    }
}
