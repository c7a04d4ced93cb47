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
 * Knative's Route defaulting tables (pkg/apis/serving/v1/route_defaults_test.go) replayed through
 * {@code Route.setDefaults}. Go's {@code WithDefaultConfigurationName} context, which only a Service's defaulting
 * sets, is the {@code defaultConfigurationName} argument of the traffic defaults here: those rows run them as a
 * Service's spec does.
 */
class RouteDefaultingTableTest {

    static Route route(String metadata, String spec) {
        return Admission.yaml(Route.class, """
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: %s
                spec: %s
                """.formatted(metadata, spec));
    }

    /** TestRouteDefaulting. */
    static Stream<Arguments> defaulting() {
        String latest = "{percent: 100, latestRevision: true}";
        return Stream.of(
                Arguments.of("empty", false, "{}", "{}"),
                Arguments.of("empty w/ default configuration", true, "{}", "{traffic: [" + latest + "]}"),
                Arguments.of("implied zero percent", true, "{traffic: [" + latest + ", {revisionName: bar}]}",
                        "{traffic: [" + latest + ", {revisionName: bar, latestRevision: false, percent: 0}]}"),
                Arguments.of("explicit zero percent", true, "{traffic: [" + latest + ", {revisionName: bar, percent: "
                        + "0}]}",
                        "{traffic: [" + latest + ", {revisionName: bar, percent: 0, latestRevision: false}]}"),
                Arguments.of("latest revision defaulting", false, "{traffic: [{revisionName: foo, percent: 12}, "
                        + "{revisionName: bar, percent: 34}, {configurationName: baz, percent: 54}]}",
                        "{traffic: [{revisionName: foo, percent: 12, latestRevision: false}, {revisionName: bar, "
                                + "percent: 34, latestRevision: false}, {configurationName: baz, percent: 54, "
                                + "latestRevision: true}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaulting")
    void defaultsRoutes(String name, boolean defaultConfigurationName, String in, String want) {
        Route got = route("{}", in);
        if (defaultConfigurationName) {
            got.getSpec().setTraffic(TrafficRules.defaults(got.getSpec().getTraffic(), true));
        } else {
            got.setDefaults(AdmissionContext.reconcile(ConfigSnapshot.DEFAULT));
        }
        assertThat(got).isEqualTo(route("{}", want));
    }

    /** TestRouteUserInfo. */
    static Stream<Arguments> userInfo() {
        String now = "{traffic: [{configurationName: new}]}";
        String old = "{traffic: [{configurationName: old}]}";
        return UserInfoRows.rows(now, old, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userInfo")
    void annotatesUserInfo(String name, String user, String thisMeta, String thisSpec, String prevMeta,
            String prevSpec, Map<String, String> want) {
        Route now = route(thisMeta, thisSpec);
        Route prev = prevMeta == null ? null : route(prevMeta, prevSpec);
        UserInfoRows.setDefaults(now, prev, user);
        assertThat(UserInfoRows.annotations(now.getMetadata())).isEqualTo(want);
    }
}
