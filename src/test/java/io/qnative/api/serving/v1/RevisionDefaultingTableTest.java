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

/**
 * Knative's Revision defaulting tables (pkg/apis/serving/v1/revision_defaults_test.go, the version with
 * {@code secure-pod-defaults: AllowRootBounded}) replayed through {@code Revision.setDefaults}: same names, same
 * inputs, whole Revisions compared. How the Go rows translate:
 * <ul>
 * <li>Go's {@code context.Background()} (neither create nor update) is qnative's reconcile context;
 * {@code apis.WithinCreate} a CREATE, {@code apis.WithinUpdate} an UPDATE; a ConfigMap in the row's store is that
 * map's data over the defaults.</li>
 * <li>Go's {@code defaultResources} (empty request and limit lists) marshal as {@code resources: {}}, the same JSON
 * as no resources: qnative leaves them absent. Go's empty {@code TCPSocketAction} marshals with {@code port: 0},
 * which qnative writes too.</li>
 * </ul>
 */
class RevisionDefaultingTableTest {

    private static final String PROBE = "readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}";
    private static final String PROBE_HOST = "readinessProbe: {successThreshold: 1, tcpSocket: {host: 127.0.0.2, "
            + "port: 0}}";
    private static final String EXEC = "readinessProbe: {exec: {command: [echo, hi]}}";
    private static final String EXEC_DEFAULTED = "readinessProbe: {successThreshold: 1, exec: {command: [echo, hi]}}";
    private static final String PERIOD_DEFAULTED = "readinessProbe: {periodSeconds: 10, successThreshold: 1, "
            + "failureThreshold: 3, timeoutSeconds: 1, tcpSocket: {port: 0}}";
    private static final String DEFAULTS = "timeoutSeconds: 300, containerConcurrency: 0";

    static Revision revision(String spec) {
        return Admission.yaml(Revision.class, """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {}
                spec: %s
                """.formatted(spec));
    }

    private static AdmissionContext background() {
        return AdmissionContext.reconcile(ConfigSnapshot.DEFAULT);
    }

    private static AdmissionContext background(Map<String, String> defaults) {
        return AdmissionContext.reconcile(Admission.defaults(defaults));
    }

    private static AdmissionContext create(Map<String, String> defaults) {
        return Admission.create(Admission.defaults(defaults));
    }

    private static AdmissionContext features(Map<String, String> features) {
        return AdmissionContext.reconcile(Admission.features(features));
    }

    /** TestRevisionDefaulting, part 1: timeouts, service links, volumes, probes, resources. */
    static Stream<Arguments> basics() {
        String one = "{containers: [{}]}";
        return Stream.of(
                Arguments.of("empty", background(), "~", "{" + DEFAULTS + "}"),
                Arguments.of("with context", background(Map.of("revision-timeout-seconds", "423")), one,
                        "{containerConcurrency: 0, timeoutSeconds: 423, containers: [{name: user-container, "
                                + PROBE + "}]}"),
                Arguments.of("all revision timeouts set", background(Map.of("revision-timeout-seconds", "423",
                        "revision-idle-timeout-seconds", "100", "revision-response-start-timeout-seconds", "50")), one,
                        "{containerConcurrency: 0, timeoutSeconds: 423, responseStartTimeoutSeconds: 50, "
                                + "idleTimeoutSeconds: 100, containers: [{name: user-container, " + PROBE + "}]}"),
                Arguments.of("Some revision timeouts set with identical values", background(Map.of(
                        "revision-timeout-seconds", "423", "revision-response-start-timeout-seconds", "423")), one,
                        "{containerConcurrency: 0, timeoutSeconds: 423, containers: [{name: user-container, "
                                + PROBE + "}]}"),
                Arguments.of("with context, in create, expect ESL set", create(Map.of("revision-timeout-seconds",
                        "323")), one, "{containerConcurrency: 0, timeoutSeconds: 323, enableServiceLinks: false, "
                                + "containers: [{name: user-container, " + PROBE + "}]}"),
                Arguments.of("with service spec `true`", background(Map.of("enable-service-links", "true")),
                        "{enableServiceLinks: true, containers: [{}]}", "{" + DEFAULTS + ", enableServiceLinks: true, "
                                + "containers: [{name: user-container, " + PROBE + "}]}"),
                Arguments.of("with service links CM `true`", create(Map.of("enable-service-links", "true")), one,
                        "{" + DEFAULTS + ", enableServiceLinks: true, containers: [{name: user-container, " + PROBE
                                + "}]}"),
                Arguments.of("with service links `false`", create(Map.of("enable-service-links", "false")), one,
                        "{" + DEFAULTS + ", enableServiceLinks: false, containers: [{name: user-container, " + PROBE
                                + "}]}"),
                Arguments.of("with service set", background(Map.of("enable-service-links", "true")),
                        "{enableServiceLinks: false, containers: [{}]}", "{" + DEFAULTS + ", enableServiceLinks: "
                                + "false, containers: [{name: user-container, " + PROBE + "}]}"),
                Arguments.of("readonly volumes", background(), "{enableServiceLinks: false, containerConcurrency: 1, "
                        + "timeoutSeconds: 99, containers: [{image: foo, volumeMounts: [{name: bar}]}]}",
                        "{enableServiceLinks: false, containerConcurrency: 1, timeoutSeconds: 99, containers: [{name: "
                                + "user-container, image: foo, volumeMounts: [{name: bar, readOnly: true}], " + PROBE
                                + "}]}"),
                Arguments.of("timeout sets to default when 0 is specified", background(Map.of(
                        "revision-timeout-seconds", "456")), "{timeoutSeconds: 0, containers: [{}]}",
                        "{containerConcurrency: 0, timeoutSeconds: 456, containers: [{name: user-container, " + PROBE
                                + "}]}"),
                Arguments.of("no overwrite", background(), "{containerConcurrency: 1, timeoutSeconds: 99, containers: "
                        + "[{name: foo, readinessProbe: {tcpSocket: {host: 127.0.0.2}}}]}",
                        "{containerConcurrency: 1, timeoutSeconds: 99, containers: [{name: foo, " + PROBE_HOST + "}]}"),
                Arguments.of("no overwrite exec", background(), "{containers: [{" + EXEC + "}]}",
                        "{" + DEFAULTS + ", containers: [{name: user-container, " + EXEC_DEFAULTED + "}]}"),
                Arguments.of("apply k8s defaults when period seconds has a non zero value", background(),
                        "{containers: [{readinessProbe: {periodSeconds: 10}}]}",
                        "{" + DEFAULTS + ", containers: [{name: user-container, " + PERIOD_DEFAULTED + "}]}"),
                Arguments.of("partially initialized", background(), one,
                        "{" + DEFAULTS + ", containers: [{name: user-container, " + PROBE + "}]}"),
                Arguments.of("with resources from context", background(Map.of("revision-cpu-request", "100m",
                        "revision-memory-request", "200M", "revision-ephemeral-storage-request", "300m",
                        "revision-cpu-limit", "400M", "revision-memory-limit", "500m",
                        "revision-ephemeral-storage-limit", "600M")), one,
                        "{" + DEFAULTS + ", containers: [{name: user-container, " + PROBE + ", resources: "
                                + "{requests: {cpu: 100m, memory: 200M, ephemeral-storage: 300m}, "
                                + "limits: {cpu: 400M, memory: 500m, ephemeral-storage: 600M}}}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("basics")
    void defaultsBasics(String name, AdmissionContext ctx, String in, String want) {
        assertDefaults(ctx, in, want);
    }

    /** TestRevisionDefaulting, part 2: container names and multi-container probes. */
    static Stream<Arguments> containers() {
        String port = "ports: [{containerPort: 8888}]";
        return Stream.of(
                Arguments.of("multiple containers", "{containers: [{name: busybox, " + port + "}, {name: "
                        + "helloworld}]}", "{" + DEFAULTS + ", containers: [{name: busybox, " + port + ", " + PROBE
                                + "}, {name: helloworld}]}"),
                Arguments.of("multiple containers with some names empty", "{containers: [{name: ''}, {name: "
                        + "user-container-0, " + port + "}, {name: user-container-3}, {name: ''}, {name: "
                        + "user-container-5}, {name: ''}, {name: ''}, {name: user-container-4}]}",
                        "{" + DEFAULTS + ", containers: [{name: user-container-1}, {name: user-container-0, " + port
                                + ", " + PROBE + "}, {name: user-container-3}, {name: user-container-2}, {name: "
                                + "user-container-5}, {name: user-container-6}, {name: user-container-7}, {name: "
                                + "user-container-4}]}"),
                Arguments.of("multiple init containers", "{containers: [{name: busybox, " + port + "}, {name: "
                        + "helloworld}], initContainers: [{name: init1}, {name: init2}]}",
                        "{" + DEFAULTS + ", containers: [{name: busybox, " + port + ", " + PROBE + "}, {name: "
                                + "helloworld}], initContainers: [{name: init1}, {name: init2}]}"),
                Arguments.of("multiple init containers with some names empty", "{containers: [{name: busybox, " + port
                        + "}, {name: helloworld}], initContainers: [{name: init1}, {name: init2}, {name: ''}, "
                        + "{name: ''}]}", "{" + DEFAULTS + ", containers: [{name: busybox, " + port + ", " + PROBE
                                + "}, {name: helloworld}], initContainers: [{name: init1}, {name: init2}, {name: "
                                + "init-container-0}, {name: init-container-1}]}"),
                Arguments.of("multiple init and user containers with some names empty", "{containers: [{name: '', "
                        + port + "}, {name: ''}], initContainers: [{name: init1}, {name: init2}, {name: ''}, "
                        + "{name: ''}]}", "{" + DEFAULTS + ", containers: [{name: user-container-0, " + port + ", "
                                + PROBE + "}, {name: user-container-1}], initContainers: [{name: init1}, {name: "
                                + "init2}, {name: init-container-0}, {name: init-container-1}]}"),
                Arguments.of("multiple init and user containers with some conflicting default names", "{containers: "
                        + "[{name: init-container-0, " + port + "}, {name: init-container-1}], initContainers: "
                        + "[{name: init1}, {name: init2}, {name: ''}, {name: ''}]}", "{" + DEFAULTS + ", containers: "
                                + "[{name: init-container-0, " + port + ", " + PROBE + "}, {name: init-container-1}], "
                                + "initContainers: [{name: init1}, {name: init2}, {name: init-container-2}, {name: "
                                + "init-container-3}]}"),
                Arguments.of("multiple containers with default probes", "{containerConcurrency: 1, timeoutSeconds: "
                        + "99, containers: [{name: foo, readinessProbe: {tcpSocket: {host: 127.0.0.2}}}, {name: "
                        + "second}]}", "{containerConcurrency: 1, timeoutSeconds: 99, containers: [{name: foo, "
                                + PROBE_HOST + "}, {name: second}]}"),
                Arguments.of("multiple containers with probes no override", "{containerConcurrency: 1, "
                        + "timeoutSeconds: 99, containers: [{name: foo, readinessProbe: {tcpSocket: {host: "
                        + "127.0.0.2}}}, {name: second, readinessProbe: {tcpSocket: {host: 127.0.0.2}}}]}",
                        "{containerConcurrency: 1, timeoutSeconds: 99, containers: [{name: foo, " + PROBE_HOST
                                + "}, {name: second, " + PROBE_HOST + "}]}"),
                Arguments.of("multiple containers with exec probes no override", "{containers: [{" + EXEC + "}, {"
                        + EXEC + "}]}", "{" + DEFAULTS + ", containers: [{name: user-container-0, " + EXEC_DEFAULTED
                                + "}, {name: user-container-1, " + EXEC_DEFAULTED + "}]}"),
                Arguments.of("multiple containers apply k8s defaults when period seconds has a non zero value",
                        "{containers: [{ports: [{containerPort: 8080}], readinessProbe: {periodSeconds: 10}}, "
                                + "{readinessProbe: {periodSeconds: 10}}]}",
                        "{" + DEFAULTS + ", containers: [{name: user-container-0, ports: [{containerPort: 8080}], "
                                + PERIOD_DEFAULTED + "}, {name: user-container-1, readinessProbe: {periodSeconds: 10, "
                                + "successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1}}]}"),
                Arguments.of("multiple containers partially initialized", "{containers: [{ports: [{containerPort: "
                        + "8080}]}, {}]}", "{" + DEFAULTS + ", containers: [{name: user-container-0, ports: "
                                + "[{containerPort: 8080}], " + PROBE + "}, {name: user-container-1}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void defaultsContainers(String name, String in, String want) {
        assertDefaults(background(), in, want);
    }

    /**
     * TestRevisionDefaulting, part 3: {@code secure-pod-defaults}. This version of the table defaults no
     * {@code seccompProfile} under Enabled; revision_defaults.go of today defaults it under Enabled and
     * AllowRootBounded alike (docs/webhook.md), so the Enabled rows want {@code RuntimeDefault} where neither the pod
     * nor the container sets a type.
     */
    static Stream<Arguments> security() {
        Map<String, String> enabled = Map.of("secure-pod-defaults", "Enabled",
                "kubernetes.podspec-securitycontext", "Enabled");
        Map<String, String> bounded = Map.of("secure-pod-defaults", "AllowRootBounded");
        Map<String, String> boundedSc = Map.of("secure-pod-defaults", "AllowRootBounded",
                "kubernetes.podspec-securitycontext", "Enabled");
        String full = "{containers: [{name: user-container, ports: [{containerPort: 80}]}, {name: sidecar, "
                + "securityContext: {}}, {name: special-sidecar, securityContext: {allowPrivilegeEscalation: true, "
                + "capabilities: {add: [NET_ADMIN], drop: []}}}], initContainers: [{name: special-init, "
                + "securityContext: {allowPrivilegeEscalation: true, seccompProfile: {type: Localhost, "
                + "localhostProfile: special}, capabilities: {add: [NET_ADMIN]}}}]}";
        String empty = "{containers: [{name: user-container, ports: [{containerPort: 80}]}, {name: sidecar}]}";
        String rd = "seccompProfile: {type: RuntimeDefault}";
        return Stream.of(
                Arguments.of("Default security context with feature enabled", enabled, full, "{" + DEFAULTS
                        + ", containers: [{name: user-container, ports: [{containerPort: 80}], " + PROBE
                        + ", securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true, " + rd
                        + ", capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}}, {name: sidecar, securityContext: "
                        + "{allowPrivilegeEscalation: false, runAsNonRoot: true, " + rd + ", capabilities: {drop: "
                        + "[ALL]}}}, {name: special-sidecar, securityContext: {allowPrivilegeEscalation: true, "
                        + "runAsNonRoot: true, " + rd + ", capabilities: {add: [NET_ADMIN], drop: []}}}], "
                        + "initContainers: [{name: special-init, securityContext: {runAsNonRoot: true, "
                        + "allowPrivilegeEscalation: true, seccompProfile: {type: Localhost, localhostProfile: "
                        + "special}, capabilities: {add: [NET_ADMIN]}}}]}"),
                Arguments.of("Default security context with feature enabled when input securityContext is empty",
                        enabled, empty, "{" + DEFAULTS + ", containers: [{name: user-container, ports: "
                                + "[{containerPort: 80}], " + PROBE + ", securityContext: {allowPrivilegeEscalation: "
                                + "false, runAsNonRoot: true, " + rd + ", capabilities: {drop: [ALL], add: "
                                + "[NET_BIND_SERVICE]}}}, {name: sidecar, securityContext: {allowPrivilegeEscalation: "
                                + "false, runAsNonRoot: true, " + rd + ", capabilities: {drop: [ALL]}}}]}"),
                Arguments.of("Default security context with feature set to AllowRootBounded", bounded, full, "{"
                        + DEFAULTS + ", containers: [{name: user-container, ports: [{containerPort: 80}], " + PROBE
                        + ", securityContext: {allowPrivilegeEscalation: false, " + rd + ", capabilities: {drop: "
                        + "[ALL], add: [NET_BIND_SERVICE]}}}, {name: sidecar, securityContext: "
                        + "{allowPrivilegeEscalation: false, " + rd + ", capabilities: {drop: [ALL]}}}, {name: "
                        + "special-sidecar, securityContext: {allowPrivilegeEscalation: true, " + rd + ", "
                        + "capabilities: {add: [NET_ADMIN], drop: []}}}], initContainers: [{name: special-init, "
                        + "securityContext: {allowPrivilegeEscalation: true, seccompProfile: {type: Localhost, "
                        + "localhostProfile: special}, capabilities: {add: [NET_ADMIN]}}}]}"),
                Arguments.of("Default security context with feature set to AllowRootBounded when input "
                        + "securityContext is empty", boundedSc, empty, "{" + DEFAULTS + ", containers: [{name: "
                                + "user-container, ports: [{containerPort: 80}], " + PROBE + ", securityContext: "
                                + "{allowPrivilegeEscalation: false, " + rd + ", capabilities: {drop: [ALL], add: "
                                + "[NET_BIND_SERVICE]}}}, {name: sidecar, securityContext: {allowPrivilegeEscalation: "
                                + "false, " + rd + ", capabilities: {drop: [ALL]}}}]}"),
                Arguments.of("uses pod defaults in security context", Map.of("secure-pod-defaults", "Enabled"),
                        "{containers: [{name: user-container, ports: [{containerPort: 8080}]}], initContainers: "
                                + "[{name: init, securityContext: {}}], securityContext: {seccompProfile: {type: "
                                + "Unconfined}}}",
                        "{" + DEFAULTS + ", containers: [{name: user-container, ports: [{containerPort: 8080}], "
                                + PROBE + ", securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false, "
                                + "capabilities: {drop: [ALL]}}}], initContainers: [{name: init, securityContext: "
                                + "{runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: {drop: "
                                + "[ALL]}}}], securityContext: {seccompProfile: {type: Unconfined}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("security")
    void defaultsSecurityContexts(String name, Map<String, String> features, String in, String want) {
        assertDefaults(features(features), in, want);
    }

    /** TestRevisionDefaulting's "no SetDefaults if update revision": a Revision's spec is immutable. */
    @Test
    void noSetDefaultsIfUpdateRevision() {
        String spec = "{containers: [{name: user-container-1}]}";
        assertDefaults(Admission.update(revision(spec)), spec, spec);
    }

    /** TestRevisionDefaultingContainerName. */
    @Test
    void revisionDefaultingContainerName() {
        Revision got = revision("{containers: [{}, {}], initContainers: [{}, {}]}");
        got.setDefaults(background());
        assertThat(got.getSpec().getContainers()).extracting(c -> c.getName())
                .containsExactly("user-container-0", "user-container-1");
        assertThat(got.getSpec().getInitContainers()).extracting(c -> c.getName())
                .containsExactly("init-container-0", "init-container-1");
    }

    private static void assertDefaults(AdmissionContext ctx, String in, String want) {
        Revision got = revision(in);
        got.setDefaults(ctx);
        assertThat(got).isEqualTo(revision(want));
    }
}
