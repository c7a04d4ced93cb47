package io.qnative.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Admission;
import io.qnative.testing.UserInfoRows;

/**
 * Knative's Service defaulting tables (pkg/apis/serving/v1/service_defaults_test.go) replayed through
 * {@code Service.setDefaults}, in Go's background context (qnative's reconcile context), the specs compared. As in
 * {@link ConfigurationDefaultingTableTest}, the "empty" row gives qnative an empty template. This version of the
 * table wants {@code enableServiceLinks: false} in its background context, from a revision_defaults.go that
 * defaulted it outside CREATE too; revision_defaults.go of today defaults it on CREATE only ({@code IsInCreate}, as
 * docs/webhook.md and configuration_defaults_test.go's "run latest, not create"), so those rows want it unset. Its
 * "byo traffic block" leaves the untagged-percent target without {@code percent}, from before route_defaults.go
 * defaulted a missing percent to 0 (route_defaults_test.go's "implied zero percent"): that row wants {@code percent:
 * 0}.
 */
class ServiceDefaultingTableTest {

    private static final String PROBE = "readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}";
    private static final String LATEST = "traffic: [{percent: 100, latestRevision: true}]";

    static Service service(String metadata, String spec) {
        return Admission.yaml(Service.class, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: %s
                spec: %s
                """.formatted(metadata, spec));
    }

    /** TestServiceDefaulting. */
    static Stream<Arguments> defaulting() {
        String busybox = "template: {spec: {containers: [{image: busybox}]}}";
        String defaulted = "containers: [{name: user-container, image: busybox, " + PROBE + "}]";
        return Stream.of(
                Arguments.of("empty", "{template: {}}", "{template: {spec: {timeoutSeconds: 300, "
                        + "containerConcurrency: 0}}, " + LATEST + "}"),
                Arguments.of("run latest", "{" + busybox + "}", "{template: {spec: {" + defaulted
                        + ", timeoutSeconds: 300, containerConcurrency: 0}}, " + LATEST + "}"),
                Arguments.of("run latest with some default overrides", "{template: {spec: {containers: [{image: "
                        + "busybox}], enableServiceLinks: true, timeoutSeconds: 60, containerConcurrency: 0}}}",
                        "{template: {spec: {" + defaulted + ", enableServiceLinks: true, timeoutSeconds: 60, "
                                + "containerConcurrency: 0}}, " + LATEST + "}"),
                Arguments.of("byo traffic block", "{" + busybox + ", traffic: [{tag: current, revisionName: foo, "
                        + "percent: 90}, {tag: candidate, revisionName: bar, percent: 10}, {tag: latest}]}",
                        "{template: {spec: {" + defaulted + ", timeoutSeconds: 300, containerConcurrency: 0}}, "
                                + "traffic: [{tag: current, revisionName: foo, percent: 90, latestRevision: false}, "
                                + "{tag: candidate, revisionName: bar, percent: 10, latestRevision: false}, "
                                + "{tag: latest, latestRevision: true, percent: 0}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaulting")
    void defaultsServices(String name, String in, String want) {
        Service got = service("{}", in);
        got.setDefaults(AdmissionContext.reconcile(ConfigSnapshot.DEFAULT));
        assertThat(got.getSpec()).isEqualTo(service("{}", want).getSpec());
    }

    /** TestAnnotateUserInfo. */
    static Stream<Arguments> userInfo() {
        String one = "{template: {spec: {containerConcurrency: 1}}}";
        String two = "{template: {spec: {containerConcurrency: 2}}}";
        return UserInfoRows.rows(one, two, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userInfo")
    void annotatesUserInfo(String name, String user, String thisMeta, String thisSpec, String prevMeta,
            String prevSpec, Map<String, String> want) {
        Service now = service(thisMeta, thisSpec);
        Service prev = prevMeta == null ? null : service(prevMeta, prevSpec);
        UserInfoRows.setDefaults(now, prev, user);
        assertThat(UserInfoRows.annotations(now.getMetadata())).isEqualTo(want);
    }
}
