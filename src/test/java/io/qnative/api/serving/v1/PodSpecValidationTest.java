package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.Admission;
import io.qnative.testing.Services;

/**
 * Pod spec and container rules (pkg/apis/serving/k8s_validation.go; Knative's test/conformance/api/v1), through a
 * Service template.
 */
class PodSpecValidationTest {

    private static final String S = "spec.template.spec.";
    private static final String IMG = "image: ghcr.io/knative/helloworld-go";

    static Stream<Arguments> cases() {
        return Stream.of(
                // pod fields
                row("plain", "containers: [{" + IMG + "}]", null),
                row("disallowed pod fields", """
                        containers: [{%s}]
                        terminationGracePeriodSeconds: 0
                        restartPolicy: Never
                        nodeName: n1
                        """.formatted(IMG), "must not set the field(s): " + S + "nodeName, " + S + "restartPolicy, "
                        + S + "terminationGracePeriodSeconds"),
                row("gated pod fields off", "containers: [{" + IMG + "}]\nnodeSelector: {a: b}\nhostNetwork: true\n"
                        + "hostNetwork: true", "must not set the field(s): " + S + "hostNetwork, " + S
                        + "nodeSelector"),
                row("automountServiceAccountToken false ok", "containers: [{" + IMG + "}]\n"
                        + "automountServiceAccountToken: false", null),
                row("automountServiceAccountToken true", "containers: [{" + IMG + "}]\n"
                        + "automountServiceAccountToken: true", "must not set the field(s): " + S
                        + "automountServiceAccountToken"),
                row("pod securityContext flag off", "containers: [{" + IMG + "}]\nsecurityContext: {runAsUser: 1}",
                        "must not set the field(s): " + S + "securityContext, " + S + "securityContext.runAsUser"),
                // containers
                row("no containers", "containers: []", "missing field(s): " + S + "containers"),
                row("empty container", "containers: [{}]", "missing field(s): " + S + "containers[0]"),
                row("missing image", "containers: [{name: foo}]", "missing field(s): " + S + "containers[0].image"),
                row("unparsable image", "containers: [{image: x}]", "Failed to parse image reference: " + S
                        + "containers[0].image\nimage: \"x\", error: could not parse reference: x"),
                row("image with digest", "containers: [{image: 'gcr.io/a/b@sha256:"
                        + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'}]", null),
                row("reserved container name", "containers: [{name: queue-proxy, " + IMG + "}]",
                        "\"queue-proxy\" is a reserved container name: " + S + "containers[0].name"),
                row("disallowed container fields (conformance A.4)", """
                        containers:
                        - %s
                          stdin: true
                          tty: true
                          lifecycle: {preStop: {exec: {command: [x]}}}
                        """.formatted(IMG), "must not set the field(s): " + S + "containers[0].lifecycle, " + S
                        + "containers[0].stdin, " + S + "containers[0].tty"),
                row("negative runAsUser (conformance A.4)", "containers: [{" + IMG
                        + ", securityContext: {runAsUser: -10}}]", "expected 0 <= -10 <= 2147483647: " + S
                        + "containers[0].securityContext.runAsUser"),
                row("privileged true", "containers: [{" + IMG + ", securityContext: {privileged: true}}]",
                        "must not set the field(s): " + S + "containers[0].securityContext.privileged"),
                row("add capabilities off", "containers: [{" + IMG
                        + ", securityContext: {capabilities: {add: [NET_ADMIN]}}}]",
                        "must not set the field(s): " + S + "containers[0].securityContext.capabilities.add"),
                row("bad termination message policy", "containers: [{" + IMG + ", terminationMessagePolicy: Foo}]",
                        "invalid value: Foo: " + S + "containers[0].terminationMessagePolicy"),
                row("multi container without port", "containers: [{name: a, " + IMG + "}, {name: b, " + IMG + "}]",
                        "missing field(s): " + S + "containers[*].ports"),
                row("duplicate container names", "containers: [{name: a, " + IMG
                        + ", ports: [{containerPort: 8080}]}, {name: a, " + IMG + "}]",
                        "duplicate container name \"a\": " + S + "containers[1].name"),
                // ports
                row("two ports (conformance A.4)", "containers: [{" + IMG
                        + ", ports: [{containerPort: 8080}, {containerPort: 8081}]}]",
                        "more than one container port is set: " + S + "containers[*].ports\n"
                                + "Only a single port is allowed across all containers"),
                row("arbitrary port name (conformance A.3)", "containers: [{" + IMG
                        + ", ports: [{name: foo, containerPort: 8080}]}]",
                        "Port name foo is not allowed: " + S + "containers[0].ports\n"
                                + "Name must be empty, or one of: 'h2c', 'http1'"),
                row("hostPort (conformance A.4)", "containers: [{" + IMG
                        + ", ports: [{containerPort: 8080, hostPort: 80}]}]",
                        "must not set the field(s): " + S + "containers[0].ports.hostPort"),
                row("reserved port", "containers: [{" + IMG + ", ports: [{containerPort: 8012}]}]",
                        "invalid value: 8012 is a reserved port: " + S + "containers[0].ports.containerPort\n"
                                + "8012 is a reserved port, please use a different value"),
                row("port out of range", "containers: [{" + IMG + ", ports: [{containerPort: 70000}]}]",
                        "expected 0 <= 70000 <= 65535: " + S + "containers[0].ports.containerPort"),
                row("udp", "containers: [{" + IMG + ", ports: [{containerPort: 8080, protocol: UDP}]}]",
                        "invalid value: UDP: " + S + "containers[0].ports.protocol"),
                // TestUserContainerValidation and getCommonContainerValidationTestCases
                // (pkg/apis/serving/k8s_validation_test.go): same inputs, same errors
                row("has valid unnamed user port", "containers: [{" + IMG + ", ports: [{containerPort: 8181}]}]",
                        null),
                row("has valid user port http1", "containers: [{" + IMG + ", ports: [{name: http1}]}]", null),
                row("has valid user port h2c", "containers: [{" + IMG + ", ports: [{name: h2c}]}]", null),
                row("has more than one ports with valid names", "containers: [{" + IMG
                        + ", ports: [{name: h2c}, {name: http1}]}]",
                        "more than one container port is set: " + S + "containers[*].ports\n"
                                + "Only a single port is allowed across all containers"),
                row("has an empty port set", "containers: [{" + IMG + ", ports: [{}]}]", null),
                row("has tcp protocol", "containers: [{" + IMG + ", ports: [{protocol: TCP}]}]", null),
                row("has invalid protocol", "containers: [{" + IMG + ", ports: [{protocol: tdp}]}]",
                        "invalid value: tdp: " + S + "containers[0].ports.protocol"),
                row("has host ip", "containers: [{" + IMG + ", ports: [{hostIP: 127.0.0.1}]}]",
                        "must not set the field(s): " + S + "containers[0].ports.hostIP"),
                row("has container port value too large", "containers: [{" + IMG
                        + ", ports: [{containerPort: 65536}]}]",
                        "expected 0 <= 65536 <= 65535: " + S + "containers[0].ports.containerPort"),
                row("port conflicts with profiling port", "containers: [{" + IMG
                        + ", ports: [{containerPort: 8008}]}]", reserved(8008)),
                row("port conflicts with queue proxy 8013", "containers: [{" + IMG
                        + ", ports: [{containerPort: 8013}]}]", reserved(8013)),
                row("port conflicts with queue proxy metrics", "containers: [{" + IMG
                        + ", ports: [{containerPort: 9090}]}]", reserved(9090)),
                row("port conflicts with user queue proxy metrics for user", "containers: [{" + IMG
                        + ", ports: [{containerPort: 9091}]}]", reserved(9091)),
                row("port conflicts with queue proxy admin", "containers: [{" + IMG
                        + ", ports: [{containerPort: 8022}]}]", reserved(8022)),
                row("valid with probes (no port)", "containers: [{" + IMG + ", readinessProbe: {periodSeconds: 1, "
                        + "timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, httpGet: {path: /}}, "
                        + "livenessProbe: {tcpSocket: {}}}]", null),
                row("valid liveness http probe with a different container port", "containers: [{" + IMG
                        + ", livenessProbe: {periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, "
                        + "failureThreshold: 3, httpGet: {path: /, port: 5000}}}]", null),
                row("valid readiness tcp probe with a different container port", "containers: [{" + IMG
                        + ", readinessProbe: {periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, "
                        + "failureThreshold: 3, tcpSocket: {port: 5000}}}]", null),
                row("valid readiness http probe with port", "containers: [{" + IMG
                        + ", readinessProbe: {successThreshold: 1, httpGet: {port: http}}}]", null),
                row("invalid liveness tcp probe (has port)", "containers: [{" + IMG
                        + ", livenessProbe: {tcpSocket: {port: imap}}}]", "invalid value: imap: " + S
                        + "containers[0].livenessProbe.tcpSocket.port\nProbe port must match container port"),
                row("valid liveness tcp probe with correct port", "containers: [{" + IMG
                        + ", ports: [{containerPort: 8888}], livenessProbe: {tcpSocket: {port: 8888}}}]", null),
                row("valid grpc probe with service", "containers: [{" + IMG + ", readinessProbe: {periodSeconds: 1, "
                        + "timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, grpc: {port: 46, "
                        + "service: foo}}}]", null),
                row("out of bounds probe values", "containers: [{" + IMG + ", readinessProbe: {periodSeconds: -1, "
                        + "initialDelaySeconds: -1, httpGet: {}}}]", """
                        expected 0 <= -1 <= 2147483647: %1$scontainers[0].readinessProbe.initialDelaySeconds, \
                        %1$scontainers[0].readinessProbe.periodSeconds
                        expected 1 <= 0 <= 2147483647: %1$scontainers[0].readinessProbe.failureThreshold, \
                        %1$scontainers[0].readinessProbe.successThreshold, \
                        %1$scontainers[0].readinessProbe.timeoutSeconds""".formatted(S)),
                // Go's intstr: a probe port given as a JSON string is a port name, digits or not, and it must
                // be the serving port's name ("http" when unnamed, as validateContainersPorts names it)
                row("digit string probe port is a name", "containers: [{" + IMG + ", ports: [{containerPort: 8080}], "
                        + "readinessProbe: {successThreshold: 1, tcpSocket: {port: '8080'}}}]", "invalid value: 8080: "
                        + S + "containers[0].readinessProbe.tcpSocket.port\nProbe port must match container port"),
                row("probe names the h2c port", "containers: [{" + IMG + ", ports: [{name: h2c, containerPort: 8080}], "
                        + "readinessProbe: {successThreshold: 1, httpGet: {port: h2c}}}]", null),
                row("probe names http but the port is h2c", "containers: [{" + IMG
                        + ", ports: [{name: h2c, containerPort: 8080}], livenessProbe: {tcpSocket: {port: http}}}]",
                        "invalid value: http: " + S
                                + "containers[0].livenessProbe.tcpSocket.port\nProbe port must match container port"),
                // TestPodSpecMultiContainerValidation
                row("flag enabled: probes are not allowed for non serving containers", "containers: [{name: a, "
                        + IMG + ", ports: [{containerPort: 8888}]}, {name: b, " + IMG + ", livenessProbe: "
                        + "{timeoutSeconds: 1}, readinessProbe: {timeoutSeconds: 1}}]", "must not set the field(s): "
                        + S + "containers[1].livenessProbe.timeoutSeconds, " + S
                        + "containers[1].readinessProbe.timeoutSeconds"),
                row("flag enabled: multiple containers with readinessProbe targeting different container's port",
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 9999}]}, {name: b, " + IMG
                                + ", livenessProbe: {httpGet: {port: 9999}}}]",
                        "must not set the field(s): " + S + "containers[1].livenessProbe"),
                row("multiple containers with multiple ports for each container", "containers: [{name: a, " + IMG
                        + ", ports: [{containerPort: 8888}, {containerPort: 9999}]}, {name: b, " + IMG
                        + ", ports: [{containerPort: 80}]}]",
                        "more than one container port is set: " + S + "containers[*].ports\n"
                                + "Only a single port is allowed across all containers"),
                // TestSidecarContainerValidation, through a pod spec whose first container serves
                row("sidecar probes not allowed", "containers: [{name: a, " + IMG
                        + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG + ", readinessProbe: "
                        + "{periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, "
                        + "httpGet: {path: /}}, livenessProbe: "
                        + "{tcpSocket: {}}}]", "must not set the field(s): " + S + "containers[1].livenessProbe, "
                        + S + "containers[1].readinessProbe, " + S + "containers[1].readinessProbe.failureThreshold, "
                        + S + "containers[1].readinessProbe.periodSeconds, " + S
                        + "containers[1].readinessProbe.successThreshold, " + S
                        + "containers[1].readinessProbe.timeoutSeconds"),
                // env
                row("reserved env", "containers: [{" + IMG + ", env: [{name: PORT, value: '1'}, {value: x}]}]", """
                        "PORT" is a reserved environment variable: %scontainers[0].env[0].name
                        missing field(s): %scontainers[0].env[1].name""".formatted(S, S)),
                row("fieldRef off", "containers: [{" + IMG + ", env: [{name: A, valueFrom: {fieldRef: "
                        + "{fieldPath: metadata.name}}}]}]",
                        "must not set the field(s): " + S + "containers[0].env[0].valueFrom.fieldRef"),
                row("envFrom neither", "containers: [{" + IMG + ", envFrom: [{prefix: p}]}]",
                        "expected exactly one, got neither: " + S + "containers[0].envFrom.configMapRef, " + S
                                + "containers[0].envFrom.secretRef"),
                row("envFrom both", "containers: [{" + IMG + ", envFrom: [{configMapRef: {name: a}, "
                        + "secretRef: {name: b}}]}]",
                        "expected exactly one, got both: " + S + "containers[0].envFrom.configMapRef, " + S
                                + "containers[0].envFrom.secretRef"),
                // probes
                row("probe without handler", "containers: [{" + IMG + ", readinessProbe: {periodSeconds: 0}, "
                        + "livenessProbe: {initialDelaySeconds: 1}}]", """
                        expected 1 <= 0 <= 2147483647: %1$scontainers[0].readinessProbe.successThreshold
                        expected exactly one, got neither: %1$scontainers[0].livenessProbe.exec, \
                        %1$scontainers[0].livenessProbe.grpc, %1$scontainers[0].livenessProbe.httpGet, \
                        %1$scontainers[0].livenessProbe.tcpSocket, %1$scontainers[0].readinessProbe.exec, \
                        %1$scontainers[0].readinessProbe.grpc, %1$scontainers[0].readinessProbe.httpGet, \
                        %1$scontainers[0].readinessProbe.tcpSocket""".formatted(S)),
                row("probe named port mismatch", "containers: [{" + IMG + ", readinessProbe: {successThreshold: 1, "
                        + "httpGet: {port: grpc}}}]", "invalid value: grpc: " + S
                        + "containers[0].readinessProbe.httpGet.port\nProbe port must match container port"),
                row("probe named http ok", "containers: [{" + IMG + ", readinessProbe: {successThreshold: 1, "
                        + "tcpSocket: {port: http}}}]", null),
                row("aggressive probe with thresholds", "containers: [{" + IMG + ", readinessProbe: "
                        + "{successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1, tcpSocket: {}}}]", """
                        failureThreshold is disallowed when periodSeconds is zero: \
                        %1$scontainers[0].readinessProbe.failureThreshold
                        timeoutSeconds is disallowed when periodSeconds is zero: \
                        %1$scontainers[0].readinessProbe.timeoutSeconds""".formatted(S)),
                row("periodic probe needs thresholds", "containers: [{" + IMG + ", readinessProbe: "
                        + "{successThreshold: 1, periodSeconds: 5, exec: {command: [x]}}}]", """
                        expected 1 <= 0 <= 2147483647: %1$scontainers[0].readinessProbe.failureThreshold, \
                        %1$scontainers[0].readinessProbe.timeoutSeconds""".formatted(S)),
                row("two handlers", "containers: [{" + IMG + ", livenessProbe: {exec: {command: [x]}, "
                        + "tcpSocket: {port: 8080}}}]", "expected exactly one, got both: " + S
                        + "containers[0].livenessProbe.exec, " + S + "containers[0].livenessProbe.tcpSocket"),
                row("sidecar probe refused", "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, "
                        + "{name: b, " + IMG + ", readinessProbe: {periodSeconds: 1, tcpSocket: {port: 9}}}]",
                        "must not set the field(s): " + S + "containers[1].readinessProbe, " + S
                                + "containers[1].readinessProbe.periodSeconds"),
                // volumes
                row("volume ok", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v, readOnly: true}]}]
                        volumes: [{name: v, secret: {secretName: s}}]""".formatted(IMG), null),
                row("volume not mounted and mount without volume", """
                        containers: [{%s, volumeMounts: [{name: w, mountPath: /w, readOnly: true}]}]
                        volumes: [{name: v, configMap: {name: c}}]""".formatted(IMG), """
                        volume with name "v" not mounted: %1$svolumes[0].name
                        volumeMount has no matching volume: %1$scontainers[0].volumeMounts[0].name""".formatted(S)),
                row("mount must be readOnly", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v}]}]
                        volumes: [{name: v, secret: {secretName: s}}]""".formatted(IMG),
                        "volume mount should be readOnly for this type of volume: " + S
                                + "containers[0].volumeMounts[0].readOnly"),
                row("reserved and duplicate mount paths", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /dev/, readOnly: true}, \
                        {name: v, mountPath: /a, readOnly: true}, {name: v, mountPath: /a/, readOnly: true}, \
                        {name: v, mountPath: rel, readOnly: true}]}]
                        volumes: [{name: v, emptyDir: {}}]""".formatted(IMG), """
                        invalid value: "/a/" must be unique: %1$scontainers[0].volumeMounts[2].mountPath
                        invalid value: rel: %1$scontainers[0].volumeMounts[3].mountPath
                        mountPath "/dev" is a reserved path: %1$scontainers[0].volumeMounts[0].mountPath"""
                        .formatted(S)),
                row("mountPropagation (conformance A.3)", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v, mountPropagation: None}]}]
                        volumes: [{name: v, emptyDir: {}}]""".formatted(IMG),
                        "must not set the field(s): " + S + "containers[0].volumeMounts[0].mountPropagation"),
                row("volume without source", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v, readOnly: true}]}]
                        volumes: [{name: v}]""".formatted(IMG), "expected exactly one, got neither: " + S
                        + "volumes[0].configMap, " + S + "volumes[0].emptyDir, " + S + "volumes[0].projected, " + S
                        + "volumes[0].secret"),
                row("hostPath disabled", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v, readOnly: true}]}]
                        volumes: [{name: v, hostPath: {path: /tmp}}]""".formatted(IMG), """
                        HostPath volume support is disabled, but found HostPath volume v: \n\
                        must not set the field(s): %svolumes[0].hostPath""".formatted(S)),
                row("pvc disabled", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v}]}]
                        volumes: [{name: v, persistentVolumeClaim: {claimName: c}}]""".formatted(IMG), """
                        Persistent volume claim support is disabled, but found persistent volume claim c: \n\
                        Persistent volume write support is disabled, but found persistent volume claim c that is \
                        not read-only: \n\
                        must not set the field(s): %svolumes[0].persistentVolumeClaim""".formatted(S)),
                row("duplicate volume names and items", """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v, readOnly: true}]}]
                        volumes: [{name: v, secret: {secretName: s, items: [{key: k}]}}, {name: v, emptyDir: \
                        {medium: Disk}}]""".formatted(IMG), """
                        duplicate volume name "v": %1$svolumes[1].name
                        invalid value: Disk: %1$svolumes[1].emptyDir.medium
                        missing field(s): %1$svolumes[0].items[0].path""".formatted(S)),
                row("init containers off", "containers: [{" + IMG + "}]\ninitContainers: [{" + IMG + "}]", """
                        must not set the field(s): %sinitContainers
                        pod spec support for init-containers is off, but found 1 init containers: \
                        """.formatted(S)));
    }

    private static String reserved(int port) {
        return "invalid value: " + port + " is a reserved port: " + S + "containers[0].ports.containerPort\n" + port
                + " is a reserved port, please use a different value";
    }

    private static Arguments row(String name, String podSpec, String expected) {
        return Arguments.of(name, podSpec, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validates(String name, String podSpec, String expected) {
        assertThat(errors(Services.withPodSpec(podSpec), Admission.create())).isEqualTo(expected);
    }

    static Stream<Arguments> gated() {
        return Stream.of(
                gate("nodeSelector allowed", Map.of("kubernetes.podspec-nodeselector", "Allowed"),
                        "containers: [{" + IMG + "}]\nnodeSelector: {a: b}", null),
                gate("pod securityContext enabled", Map.of("kubernetes.podspec-securitycontext", "Enabled"),
                        "containers: [{" + IMG + "}]\nsecurityContext: {runAsUser: 1, fsGroup: -1}",
                        "expected 0 <= -1 <= 2147483647: " + S + "securityContext.fsGroup"),
                gate("multi-container off", Map.of("multi-container", "Disabled"), "containers: [{name: a, " + IMG
                        + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG + "}]",
                        "multi-container is off, but found 2 containers: "),
                gate("fieldRef allowed", Map.of("kubernetes.podspec-fieldref", "Allowed"), "containers: [{" + IMG
                        + ", env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}]", null),
                gate("add capabilities enabled", Map.of("kubernetes.containerspec-addcapabilities", "Enabled"),
                        "containers: [{" + IMG + ", securityContext: {capabilities: {add: [NET_ADMIN]}}}]", null),
                gate("init containers enabled", Map.of("kubernetes.podspec-init-containers", "Enabled"),
                        "containers: [{name: a, " + IMG + ", env: [{name: PORT, value: '1'}]}]\n"
                                + "initContainers: [{name: a, " + IMG + ", env: [{name: PORT, value: '1'}], "
                                + "readinessProbe: {tcpSocket: {}}}]", """
                        "PORT" is a reserved environment variable: %1$scontainers[0].env[0].name
                        duplicate container name "a": %1$scontainers[0].name
                        field not allowed in an init container: %1$scontainers[0].readinessProbe"""
                                .formatted(S)),
                // TestPodSpecValidation "init-container name collision": Knative indexes init containers as
                // containers[i]
                gate("init-container name collision", Map.of("kubernetes.podspec-init-containers", "Enabled"),
                        "containers: [{name: the-name, " + IMG + "}]\ninitContainers: [{name: the-name, " + IMG
                                + "}]", "duplicate container name \"the-name\": " + S + "containers[0].name"),
                // validateInitContainerPorts: every port of an init container gets the basic checks (no name or
                // protocol rule, no index) and none counts for the single-port rule
                gate("init container ports", Map.of("kubernetes.podspec-init-containers", "Enabled"),
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}]\ninitContainers: "
                                + "[{name: i, " + IMG + ", ports: [{name: foo, containerPort: 9000, protocol: UDP}, "
                                + "{containerPort: 8012}]}]", "invalid value: 8012 is a reserved port: " + S
                                + "containers[0].ports.containerPort\n8012 is a reserved port, please use a "
                                + "different value"),
                // the index goes in front of what the earlier init containers got: Go's errs.Also(dup)
                // .ViaFieldIndex("containers", i)
                gate("init containers: a later name collision prefixes earlier errors",
                        Map.of("kubernetes.podspec-init-containers", "Enabled"), "containers: [{name: a, " + IMG
                                + "}]\ninitContainers: [{name: i, image: x}, {name: a, " + IMG + "}]", """
                        Failed to parse image reference: %1$scontainers[1].containers[0].image
                        image: "x", error: could not parse reference: x
                        duplicate container name "a": %1$scontainers[1].name""".formatted(S)),
                gate("pvc enabled read-only", Map.of("kubernetes.podspec-persistent-volume-claim", "Enabled"), """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v}]}]
                        volumes: [{name: v, persistentVolumeClaim: {claimName: c, readOnly: true}}]""".formatted(IMG),
                        "volume is readOnly but volume mount is not: " + S + "containers[0].volumeMounts[0].readOnly"),
                gate("mount propagation enabled", Map.of("kubernetes.podspec-volumes-mount-propagation", "Enabled"),
                        """
                        containers: [{%s, volumeMounts: [{name: v, mountPath: /v, mountPropagation: Bidirectional}]}]
                        volumes: [{name: v, emptyDir: {}}]""".formatted(IMG), "invalid value: Bidirectional: " + S
                                + "containers[0].volumeMounts[0].mountPropagation"),
                gate("sidecar probe with multi-container-probing", Map.of("multi-container-probing", "Enabled"),
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG
                                + ", livenessProbe: {tcpSocket: {}}}]",
                        "invalid value: 0: " + S + "containers[1].livenessProbe.tcpSocket.port\nProbe port must be specified"),
                // TestSidecarContainerValidation with multi-container probing
                gate("sidecar invalid probes (no port defined)", Map.of("multi-container-probing", "Enabled"),
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG
                                + ", readinessProbe: {periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, "
                                + "failureThreshold: 3, httpGet: {path: /}}, livenessProbe: {tcpSocket: {}}}]",
                        "invalid value: 0: " + S + "containers[1].livenessProbe.tcpSocket.port, " + S
                                + "containers[1].readinessProbe.httpGet.port\nProbe port must be specified"),
                gate("sidecar valid with exec probes", Map.of("multi-container-probing", "Enabled"),
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG
                                + ", readinessProbe: {periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, "
                                + "failureThreshold: 3, httpGet: {path: /, port: 5000}}, livenessProbe: {exec: {}}}]",
                        null),
                gate("sidecar invalid with multiple handlers", Map.of("multi-container-probing", "Enabled"),
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG
                                + ", readinessProbe: {periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, "
                                + "failureThreshold: 3, httpGet: {path: /, port: 5000}, exec: {}, "
                                + "tcpSocket: {port: 5000}}}]", "expected exactly one, got both: " + S
                                + "containers[1].readinessProbe.exec, " + S + "containers[1].readinessProbe.httpGet, "
                                + S + "containers[1].readinessProbe.tcpSocket"),
                gate("sidecar valid readiness http probe with named port", Map.of("multi-container-probing",
                        "Enabled"), "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, {name: b, "
                                + IMG + ", readinessProbe: {successThreshold: 1, httpGet: {port: http}}}]", null),
                gate("sidecar valid grpc probe", Map.of("multi-container-probing", "Enabled"),
                        "containers: [{name: a, " + IMG + ", ports: [{containerPort: 8080}]}, {name: b, " + IMG
                                + ", readinessProbe: {periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, "
                                + "failureThreshold: 3, grpc: {port: 46}}}]", null),
                gate("secure pod defaults allow seccomp", Map.of("secure-pod-defaults", "Enabled"),
                        "containers: [{" + IMG + "}]\nsecurityContext: {seccompProfile: {type: RuntimeDefault}}",
                        null),
                gate("secure pod defaults refuse runAsUser", Map.of("secure-pod-defaults", "Enabled"),
                        "containers: [{" + IMG + "}]\nsecurityContext: {runAsUser: 5}",
                        "must not set the field(s): " + S + "securityContext.runAsUser"));
    }

    private static Arguments gate(String name, Map<String, String> features, String podSpec, String expected) {
        return Arguments.of(name, features, podSpec, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gated")
    void followsFeatureFlags(String name, Map<String, String> features, String podSpec, String expected) {
        ConfigSnapshot config = Admission.features(features);
        AdmissionContext ctx = Admission.create(config);
        assertThat(errors(Services.withPodSpec(podSpec), ctx)).isEqualTo(expected);
    }
}
