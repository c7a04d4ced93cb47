package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.create;
import static io.qnative.testing.Admission.errors;
import static io.qnative.testing.Admission.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Traffic rules (pkg/apis/serving/v1/route_validation.go) on Routes and Services, plus Route metadata. */
class TrafficValidationTest {

    private static Route route(String metadata, String traffic) {
        return yaml(Route.class, """
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: %s
                spec:
                  traffic: %s
                """.formatted(metadata, traffic));
    }

    private static Service service(String traffic) {
        return yaml(Service.class, """
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: s}
                spec:
                  template: {spec: {containers: [{image: ghcr.io/knative/helloworld-go}]}}
                  traffic: %s
                """.formatted(traffic));
    }

    static Stream<Arguments> routes() {
        return Stream.of(
                row("valid split", "[{revisionName: r-1, percent: 60, tag: a}, {configurationName: c, percent: 40}]",
                        null),
                row("sum", "[{revisionName: r-1, percent: 50}]", "Traffic targets sum to 50, want 100: spec.traffic"),
                row("empty list", "[]", "Traffic targets sum to 0, want 100: spec.traffic"),
                row("percent range", "[{revisionName: r, percent: 101}, {revisionName: q, percent: -1}]", """
                        expected 0 <= -1 <= 100: spec.traffic[1].percent
                        expected 0 <= 101 <= 100: spec.traffic[0].percent"""),
                row("neither name", "[{percent: 100}]",
                        "expected exactly one, got neither: spec.traffic[0].configurationName, "
                                + "spec.traffic[0].revisionName"),
                row("both names", "[{percent: 100, revisionName: r, configurationName: c}]",
                        "expected exactly one, got both: spec.traffic[0].configurationName, "
                                + "spec.traffic[0].revisionName"),
                row("latestRevision true with revisionName", "[{percent: 100, revisionName: r, latestRevision: true}]",
                        "may not set revisionName \"r\" when latestRevision is true: spec.traffic[0].latestRevision"),
                row("latestRevision false without revisionName",
                        "[{percent: 100, configurationName: c, latestRevision: false}]",
                        "may not set revisionName \"\" when latestRevision is false: spec.traffic[0].latestRevision"),
                row("bad revision name", "[{percent: 100, revisionName: 'a/b/c'}]",
                        "invalid key name \"a/b/c\": spec.traffic[0].revisionName\n"
                                + "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and "
                                + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                                + "or '123-abc', regex used for validation is "
                                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix "
                                + "and '/' (e.g. 'example.com/MyName')"),
                row("bad tag", "[{percent: 100, revisionName: r, tag: Bad}]",
                        "invalid value: not a DNS 1035 label: [a DNS-1035 label must consist of lower case "
                                + "alphanumeric characters or '-', start with an alphabetic character, and end with "
                                + "an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
                                + "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')]: spec.traffic.tag[0]"),
                row("duplicate tags", "[{percent: 50, revisionName: r, tag: t}, {percent: 0, revisionName: q}, "
                        + "{percent: 50, configurationName: c, tag: t}]",
                        "Multiple definitions for \"t\": spec.traffic[0].tag, spec.traffic[2].tag"),
                row("url in spec without tag", "[{percent: 100, revisionName: r, url: 'http://x'}]",
                        "must not set the field(s): spec.traffic[0].url"),
                row("url in spec with tag", "[{percent: 100, revisionName: r, tag: t, url: 'http://x'}]",
                        "must not set the field(s): spec.traffic[0].url"));
    }

    private static Arguments row(String name, String traffic, String expected) {
        return Arguments.of(name, traffic, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void routeTraffic(String name, String traffic, String expected) {
        assertThat(errors(route("{name: r}", traffic), create())).isEqualTo(expected);
    }

    static Stream<Arguments> services() {
        return Stream.of(
                row("implicit configuration", "[{latestRevision: true, percent: 100}]", null),
                row("tags with zero percent", "[{percent: 100}, {tag: latest, percent: 0}]", null),
                row("configurationName forbidden", "[{configurationName: c, percent: 100}]",
                        "must not set the field(s): spec.traffic[0].configurationName"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void serviceTraffic(String name, String traffic, String expected) {
        assertThat(errors(service(traffic), create())).isEqualTo(expected);
    }

    static Stream<Arguments> metadata() {
        return Stream.of(
                Arguments.of("service label without owner", "{name: r, labels: {serving.knative.dev/service: s}}",
                        "missing field(s): metadata.labels.serving.knative.dev/service"),
                Arguments.of("service label with owner", "{name: r, labels: {serving.knative.dev/service: s}, "
                        + "ownerReferences: [{apiVersion: serving.knative.dev/v1, kind: Service, name: s, uid: u}]}",
                        null),
                Arguments.of("unknown serving label tolerated", "{name: r, labels: {serving.knative.dev/foo: x}}",
                        null),
                Arguments.of("autoscaling annotation", "{name: r, annotations: {autoscaling.knative.dev/class: x}}",
                        "invalid key name \"autoscaling.knative.dev/class\": metadata.annotations\n"
                                + "autoscaling annotations must be put under \"spec.template.metadata.annotations\" "
                                + "to work"),
                Arguments.of("rollout duration", "{name: r, annotations: {serving.knative.dev/rollout-duration: x}}",
                        "invalid value: x: metadata.annotations.serving.knative.dev/rollout-duration"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metadata")
    void routeMetadata(String name, String metadata, String expected) {
        assertThat(errors(route(metadata, "[{revisionName: r-1, percent: 100}]"), create())).isEqualTo(expected);
    }
}
