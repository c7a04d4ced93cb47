package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Admission;
import io.qnative.testing.UserInfoRows;

/**
 * Knative's Configuration defaulting tables (pkg/apis/serving/v1/configuration_defaults_test.go) replayed through
 * {@code Configuration.setDefaults}. Contexts translate as in {@link RevisionDefaultingTableTest}. Go's
 * {@code Template} is a struct value, there even when the JSON has none: the "empty" row gives qnative an empty
 * template ({@code template: {}}), as an absent one is left for validation to refuse. TestConfigurationDefaulting
 * compares the specs: its contexts carry no user, the webhook's always do (TestConfigurationUserInfo covers the
 * annotations).
 */
class ConfigurationDefaultingTableTest {

    private static final String PROBE = "readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}";

    static Configuration configuration(String metadata, String spec) {
        return Admission.yaml(Configuration.class, """
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata: %s
                spec: %s
                """.formatted(metadata, spec));
    }

    /** TestConfigurationDefaulting. */
    static Stream<Arguments> defaulting() {
        AdmissionContext background = AdmissionContext.reconcile(ConfigSnapshot.DEFAULT);
        String busybox = "{template: {spec: {containers: [{image: busybox}]}}}";
        return Stream.of(
                Arguments.of("empty", background, "{template: {}}",
                        "{template: {spec: {timeoutSeconds: 300, containerConcurrency: 0}}}"),
                Arguments.of("run latest, not create", background, busybox, "{template: {spec: {containers: [{name: "
                        + "user-container, image: busybox, " + PROBE + "}], timeoutSeconds: 300, "
                        + "containerConcurrency: 0}}}"),
                Arguments.of("run latest, create", Admission.create(), busybox, "{template: {spec: "
                        + "{enableServiceLinks: false, containers: [{name: user-container, image: busybox, " + PROBE
                        + "}], timeoutSeconds: 300, containerConcurrency: 0}}}"),
                Arguments.of("run latest with some default overrides", background, "{template: {spec: "
                        + "{enableServiceLinks: true, containers: [{image: busybox}], timeoutSeconds: 60, "
                        + "containerConcurrency: 0}}}", "{template: {spec: {enableServiceLinks: true, containers: "
                                + "[{name: user-container, image: busybox, " + PROBE + "}], timeoutSeconds: 60, "
                                + "containerConcurrency: 0}}}"),
                Arguments.of("run latest with identical timeout defaults", AdmissionContext.reconcile(
                        Admission.defaults(Map.of("revision-timeout-seconds", "400",
                                "revision-response-start-timeout-seconds", "400",
                                "revision-idle-timeout-seconds", "400"))),
                        "{template: {spec: {enableServiceLinks: true, containers: [{image: busybox}], "
                                + "containerConcurrency: 0}}}", "{template: {spec: {enableServiceLinks: true, "
                                + "containers: [{name: user-container, image: busybox, " + PROBE + "}], "
                                + "timeoutSeconds: 400, containerConcurrency: 0}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaulting")
    void defaultsConfigurations(String name, AdmissionContext ctx, String in, String want) {
        Configuration got = configuration("{}", in);
        got.setDefaults(ctx);
        assertThat(got.getSpec()).isEqualTo(configuration("{}", want).getSpec());
    }

    /**
     * TestBYORevisionName: an UPDATE keeping the template's name leaves the template as given; defaulting outside an
     * update fills it in. Specs compared, as above.
     */
    @Test
    void byoRevisionName() {
        String spec = "{template: {metadata: {name: thing-2022}, spec: {containers: [{image: busybox}]}}}";
        Configuration old = configuration("{name: thing, annotations: {}}", spec);
        Configuration now = configuration("{name: thing, annotations: {annotated: 'yes'}}", spec);
        ConfigurationSpec want = configuration("{}", spec).getSpec();

        now.setDefaults(Admission.update(old));
        assertThat(now.getSpec()).isEqualTo(want);

        now.setDefaults(AdmissionContext.reconcile(ConfigSnapshot.DEFAULT));
        assertThat(now.getSpec()).isNotEqualTo(want);
    }

    /** TestConfigurationUserInfo. */
    static Stream<Arguments> userInfo() {
        String one = "{template: {spec: {containerConcurrency: 1}}}";
        String two = "{template: {spec: {containerConcurrency: 2}}}";
        return UserInfoRows.rows(one, two, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userInfo")
    void annotatesUserInfo(String name, String user, String thisMeta, String thisSpec, String prevMeta,
            String prevSpec, Map<String, String> want) {
        Configuration now = configuration(thisMeta, thisSpec);
        Configuration prev = prevMeta == null ? null : configuration(prevMeta, prevSpec);
        UserInfoRows.setDefaults(now, prev, user);
        assertThat(UserInfoRows.annotations(now.getMetadata())).isEqualTo(want);
    }
}
