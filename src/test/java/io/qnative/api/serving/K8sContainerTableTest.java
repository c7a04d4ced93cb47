package io.qnative.api.serving;

import static io.qnative.api.serving.K8sPodSpecTableTest.validate;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qnative.api.validation.FieldError;

/**
 * Knative's container and volume tables (TestContainerValidation, TestInitContainerValidation, their shared
 * getCommonContainerValidationTestCases, and TestVolumeValidation in pkg/apis/serving/k8s_validation_test.go) replayed
 * through {@link PodSpecValidation#validate}: the container (or volume) is the pod spec's only one, so Go's paths
 * come out under {@code containers[0].} ({@code volumes[0].}), and a port count error, which Go's test gets from
 * validateContainersPorts at {@code ports}, under {@code containers[*].}. Init containers run with the
 * init-containers flag on beside a serving container named {@code main}; their errors carry {@code containers[i]}
 * as Knative's validateInitContainers indexes them.
 */
class K8sContainerTableTest {

    private static final String C = "containers[0].";
    private static final String V = "volumes[0].";
    private static final String INIT = "kubernetes.podspec-init-containers=Enabled";
    private static final String NOT_IN_INIT = "field not allowed in an init container: ";
    private static final String ONE_PORT = "more than one container port is set: containers[*].ports\n"
            + "Only a single port is allowed across all containers";
    private static final String CM_VOLUME = "[{name: the-name, configMap: {name: test-cm}}]";

    /** A case of Go's containerValidationTestCase: a container (YAML flow map), its volumes, flags, the error. */
    private record Case(String name, String container, String volumes, String flags, String want) {
    }

    private static Case c(String name, String container, String want) {
        return new Case(name, container, null, "", want);
    }

    private static Case c(String name, String flags, String container, String volumes, String want) {
        return new Case(name, container, volumes, flags, want);
    }

    private static List<Case> containerOnly() {
        String readiness = "{periodSeconds: 1, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, ";
        return List.of(
                c("has a lifecycle", INIT, "{name: foo, image: foo, lifecycle: {}}", null,
                        "must not set the field(s): " + C + "lifecycle"),
                c("has lifecycle", "{image: foo, lifecycle: {}}", "must not set the field(s): " + C + "lifecycle"),
                c("has valid unnamed user port", "{image: foo, ports: [{containerPort: 8181}]}", null),
                c("has valid user port http1", "{image: foo, ports: [{name: http1}]}", null),
                c("has valid user port h2c", "{image: foo, ports: [{name: h2c}]}", null),
                c("has more than one ports with valid names", "{image: foo, ports: [{name: h2c}, {name: http1}]}",
                        ONE_PORT),
                c("has an empty port set", "{image: foo, ports: [{}]}", null),
                c("has more than one unnamed port", "{image: foo, ports: [{containerPort: 8080}, "
                        + "{containerPort: 8181}]}", ONE_PORT),
                c("has tcp protocol", "{image: foo, ports: [{protocol: TCP}]}", null),
                c("has invalid protocol", "{image: foo, ports: [{protocol: tdp}]}",
                        "invalid value: tdp: " + C + "ports.protocol"),
                c("has host port", "{image: foo, ports: [{hostPort: 80}]}",
                        "must not set the field(s): " + C + "ports.hostPort"),
                c("has invalid port name", "{image: foo, ports: [{name: foobar}]}", "Port name foobar is not allowed: "
                        + C + "ports\nName must be empty, or one of: 'h2c', 'http1'"),
                c("valid with probes (no port)", "{image: foo, readinessProbe: " + readiness + "httpGet: {path: /}}, "
                        + "livenessProbe: {tcpSocket: {}}}", null),
                c("valid with exec probes ", "{image: foo, readinessProbe: {initialDelaySeconds: 0, periodSeconds: 1, "
                        + "timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3, httpGet: {path: /}}, "
                        + "livenessProbe: {exec: {}}}", null),
                c("invalid with no handler", "{image: foo, readinessProbe: " + readiness + "httpGet: {path: /}}, "
                        + "livenessProbe: {}}", "expected exactly one, got neither: " + C + "livenessProbe.exec, " + C
                        + "livenessProbe.grpc, " + C + "livenessProbe.httpGet, " + C + "livenessProbe.tcpSocket"),
                c("invalid with multiple handlers", "{image: foo, readinessProbe: " + readiness
                        + "httpGet: {path: /}, exec: {}, tcpSocket: {}}}", "expected exactly one, got both: " + C
                        + "readinessProbe.exec, " + C + "readinessProbe.httpGet, " + C + "readinessProbe.tcpSocket"),
                c("valid liveness http probe with a different container port", "{image: foo, livenessProbe: "
                        + readiness + "httpGet: {path: /, port: 5000}}}", null),
                c("valid liveness tcp probe with a different container port", "{image: foo, livenessProbe: "
                        + readiness + "tcpSocket: {port: 5000}}}", null),
                c("valid readiness http probe with a different container port", "{image: foo, readinessProbe: "
                        + readiness + "httpGet: {path: /, port: 5000}}}", null),
                c("valid readiness tcp probe with a different container port", "{image: foo, readinessProbe: "
                        + readiness + "tcpSocket: {port: 5000}}}", null),
                c("valid readiness http probe with port", "{image: foo, readinessProbe: {successThreshold: 1, "
                        + "httpGet: {port: http}}}", null),
                c("invalid readiness probe (has failureThreshold while using special probe)", "{image: foo, "
                        + "readinessProbe: {periodSeconds: 0, failureThreshold: 2, successThreshold: 1, "
                        + "httpGet: {path: /}}}", "failureThreshold is disallowed when periodSeconds is zero: " + C
                        + "readinessProbe.failureThreshold"),
                c("invalid readiness probe (has timeoutSeconds while using special probe)", "{image: foo, "
                        + "readinessProbe: {periodSeconds: 0, timeoutSeconds: 2, successThreshold: 1, "
                        + "httpGet: {path: /}}}", "timeoutSeconds is disallowed when periodSeconds is zero: " + C
                        + "readinessProbe.timeoutSeconds"),
                c("out of bounds probe values", "{image: foo, readinessProbe: {periodSeconds: -1, timeoutSeconds: 0, "
                        + "successThreshold: 0, failureThreshold: 0, initialDelaySeconds: -1, httpGet: {}}}",
                        "expected 0 <= -1 <= 2147483647: " + C + "readinessProbe.initialDelaySeconds, " + C
                                + "readinessProbe.periodSeconds\nexpected 1 <= 0 <= 2147483647: " + C
                                + "readinessProbe.failureThreshold, " + C + "readinessProbe.successThreshold, " + C
                                + "readinessProbe.timeoutSeconds"),
                c("reserved env var name for serving container", "{image: foo, env: [{name: PORT, value: Foo}], "
                        + "ports: [{containerPort: 8888}]}",
                        "\"PORT\" is a reserved environment variable: " + C + "env[0].name"),
                c("invalid liveness tcp probe (has port)", "{image: foo, livenessProbe: {tcpSocket: {port: imap}}}",
                        "invalid value: imap: " + C + "livenessProbe.tcpSocket.port\n"
                                + "Probe port must match container port"),
                c("valid liveness tcp probe with correct port", "{image: foo, ports: [{containerPort: 8888}], "
                        + "livenessProbe: {tcpSocket: {port: 8888}}}", null),
                c("disallowed container fields", DISALLOWED, "must not set the field(s): " + C + "lifecycle, " + C
                        + "stdin, " + C + "stdinOnce, " + C + "tty, " + C + "volumeDevices"),
                c("has numerous problems", "{lifecycle: {}}", "missing field(s): " + C + "image\n"
                        + "must not set the field(s): " + C + "lifecycle"),
                c("valid grpc probe", "{image: foo, readinessProbe: " + readiness + "grpc: {port: 46}}}", null),
                c("valid grpc probe with service", "{image: foo, readinessProbe: " + readiness
                        + "grpc: {port: 46, service: foo}}}", null));
    }

    private static final String DISALLOWED = "{image: foo, name: fail, stdin: true, stdinOnce: true, tty: true, "
            + "lifecycle: {}, volumeDevices: [{name: disallowed, devicePath: /}]}";

    private static List<Case> initOnly() {
        return List.of(
                c("has a lifecycle", INIT, "{name: foo, image: foo, lifecycle: {}}", null, NOT_IN_INIT + C
                        + "lifecycle\nmust not set the field(s): " + C + "lifecycle"),
                c("has lifecycle", "{image: foo, lifecycle: {}}", NOT_IN_INIT + C + "lifecycle\n"
                        + "must not set the field(s): " + C + "lifecycle"),
                c("invalid liveness tcp probe (has port)", "{image: foo, livenessProbe: {tcpSocket: {port: http}}}",
                        NOT_IN_INIT + C + "livenessProbe"),
                c("disallowed container fields", DISALLOWED, NOT_IN_INIT + C + "lifecycle\nmust not set the field(s): "
                        + C + "lifecycle, " + C + "stdin, " + C + "stdinOnce, " + C + "tty, " + C + "volumeDevices"),
                c("has numerous problems", "{lifecycle: {}}", NOT_IN_INIT + C + "lifecycle\nmissing field(s): " + C
                        + "image\nmust not set the field(s): " + C + "lifecycle"));
    }

    private static List<Case> common() {
        String big = String.valueOf(Integer.MAX_VALUE + 1L);
        String sc = "kubernetes.podspec-securitycontext=Enabled";
        List<Case> out = new ArrayList<>(List.of(
                c("empty container", INIT, "{}", null, "missing field(s): " + C.substring(0, C.length() - 1)),
                c("valid container", "{image: foo}", null),
                c("invalid container image", "{image: 'foo:bar:baz'}", "Failed to parse image reference: " + C
                        + "image\nimage: \"foo:bar:baz\", error: could not parse reference: foo:bar:baz"),
                c("has resources", "{image: foo, resources: {limits: {memory: 250M}, requests: {cpu: 25m}}}", null),
                c("has no container ports set", "{image: foo, ports: []}", null),
                c("has container port value too large", "{image: foo, ports: [{containerPort: 65536}]}",
                        "expected 0 <= 65536 <= 65535: " + C + "ports.containerPort"),
                c("has host ip", "{image: foo, ports: [{hostIP: 127.0.0.1}]}",
                        "must not set the field(s): " + C + "ports.hostIP"),
                reserved("port conflicts with profiling port", 8008),
                reserved("port conflicts with queue proxy", 8013),
                reserved("port conflicts with queue proxy", 8012),
                reserved("port conflicts with queue proxy metrics", 9090),
                reserved("port conflicts with user queue proxy metrics for user", 9091),
                reserved("port conflicts with queue proxy admin", 8022),
                c("has unknown volumeMounts", "{image: foo, volumeMounts: [{name: the-name, subPath: oops, "
                        + "mountPropagation: Bidirectional}]}", "missing field(s): " + C + "volumeMounts[0].mountPath\n"
                        + "must not set the field(s): " + C + "volumeMounts[0].mountPropagation\n"
                        + "volume mount should be readOnly for this type of volume: " + C
                        + "volumeMounts[0].readOnly\nvolumeMount has no matching volume: " + C
                        + "volumeMounts[0].name"),
                c("has known volumeMounts", "", "{image: foo, volumeMounts: [{mountPath: /mount/path, "
                        + "name: the-name, readOnly: true}]}", CM_VOLUME, null),
                c("has known volumeMounts, but at reserved path", "", "{image: foo, volumeMounts: [{mountPath: "
                        + "//dev//, name: the-name, readOnly: true}]}", CM_VOLUME,
                        "mountPath \"/dev\" is a reserved path: " + C + "volumeMounts[0].mountPath"),
                c("has known volumeMounts, bad mountPath", "", "{image: foo, volumeMounts: [{mountPath: "
                        + "not/absolute, name: the-name, readOnly: true}]}", CM_VOLUME,
                        "invalid value: not/absolute: " + C + "volumeMounts[0].mountPath"),
                c("Empty dir has rw access", "", "{image: foo, volumeMounts: [{mountPath: /mount/path, "
                        + "name: the-name}]}", "[{name: the-name, emptyDir: {medium: Memory}}]", null),
                c("has known volumeMount twice", "", "{image: foo, volumeMounts: [{mountPath: /mount/path, "
                        + "name: the-name, readOnly: true}, {mountPath: /another/mount/path, name: the-name, "
                        + "readOnly: true}]}", CM_VOLUME, null),
                c("not allowed to add a security context capability", "{image: foo, securityContext: "
                        + "{capabilities: {add: [all]}}}",
                        "must not set the field(s): " + C + "securityContext.capabilities.add"),
                c("allowed to add a security context capability when gate is enabled",
                        "kubernetes.containerspec-addcapabilities=Enabled", "{image: foo, securityContext: "
                        + "{capabilities: {add: [all]}}}", null, null),
                c("disallowed security context field", "{image: foo, securityContext: {privileged: true}}",
                        "must not set the field(s): " + C + "securityContext.privileged"),
                c("too large uid", "{image: foo, securityContext: {runAsUser: " + big + "}}",
                        "expected 0 <= " + big + " <= 2147483647: " + C + "securityContext.runAsUser"),
                c("negative uid", "{image: foo, securityContext: {runAsUser: -10}}",
                        "expected 0 <= -10 <= 2147483647: " + C + "securityContext.runAsUser"),
                c("too large gid - feature enabled", sc, "{image: foo, securityContext: {runAsGroup: " + big + "}}",
                        null, "expected 0 <= " + big + " <= 2147483647: " + C + "securityContext.runAsGroup"),
                c("negative gid - feature enabled", sc, "{image: foo, securityContext: {runAsGroup: -10}}", null,
                        "expected 0 <= -10 <= 2147483647: " + C + "securityContext.runAsGroup"),
                c("envFrom - None of", "{image: foo, envFrom: [{}]}", "expected exactly one, got neither: " + C
                        + "envFrom.configMapRef, " + C + "envFrom.secretRef"),
                c("envFrom - Multiple", "{image: foo, envFrom: [{configMapRef: {name: ConfigMapName}, "
                        + "secretRef: {name: SecretName}}]}", "expected exactly one, got both: " + C
                        + "envFrom.configMapRef, " + C + "envFrom.secretRef"),
                c("envFrom - Secret", "{image: foo, envFrom: [{secretRef: {name: SecretName}}]}", null),
                c("envFrom - ConfigMap", "{image: foo, envFrom: [{configMapRef: {name: ConfigMapName}}]}", null),
                c("termination message policy", "{image: foo, terminationMessagePolicy: Not a Policy}",
                        "invalid value: Not a Policy: " + C + "terminationMessagePolicy"),
                c("empty env var name", "{image: foo, env: [{value: Foo}]}", "missing field(s): " + C + "env[0].name"),
                c("disallowed envvarsource", "{image: foo, env: [{name: Foo, valueFrom: {fieldRef: "
                        + "{fieldPath: /v1}}}]}",
                        "must not set the field(s): " + C + "env[0].valueFrom.fieldRef")));
        return out;
    }

    private static Case reserved(String name, int port) {
        return c(name, "{image: foo, ports: [{containerPort: " + port + "}]}", "invalid value: " + port
                + " is a reserved port: " + C + "ports.containerPort\n" + port
                + " is a reserved port, please use a different value");
    }

    static Stream<Arguments> containerCases() {
        List<Case> all = new ArrayList<>(containerOnly());
        all.addAll(common());
        return all.stream().map(k -> Arguments.of(k.name(), k.flags(), "containers: [" + k.container() + "]"
                + volumes(k), k.want()));
    }

    static Stream<Arguments> initContainerCases() {
        List<Case> all = new ArrayList<>(initOnly());
        all.addAll(common());
        return all.stream().map(k -> Arguments.of(k.name(), k.flags().isEmpty() ? INIT : k.flags() + "," + INIT,
                "containers: [{name: main, image: busybox}]\ninitContainers: [" + k.container() + "]" + volumes(k),
                k.want()));
    }

    private static String volumes(Case k) {
        return k.volumes() == null ? "" : "\nvolumes: " + k.volumes();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerCases")
    void validatesContainersAsKnative(String name, String flags, String podSpec, String want) {
        assertThat(validate(flags, podSpec, FieldError.Level.ERROR)).isEqualTo(want);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("initContainerCases")
    void validatesInitContainersAsKnative(String name, String flags, String podSpec, String want) {
        assertThat(validate(flags, podSpec, FieldError.Level.ERROR)).isEqualTo(want);
    }

    /** TestVolumeValidation: the volume is mounted read-only by a serving container, so only its own errors show. */
    static Stream<Arguments> volumeCases() {
        String emptyDir = "kubernetes.podspec-volumes-emptydir=Enabled";
        String neither = "expected exactly one, got neither: " + V + "configMap, " + V + "emptyDir, " + V
                + "projected, " + V + "secret";
        return Stream.of(
                vol("just name", "", "{name: foo}", neither),
                vol("secret volume", "", "{name: foo, secret: {secretName: foo}}", null),
                vol("configMap volume", "", "{name: foo, configMap: {name: foo}}", null),
                vol("emptyDir volume", emptyDir, "{name: foo, emptyDir: {medium: Memory, sizeLimit: '400'}}", null),
                vol("invalid emptyDir volume", emptyDir, "{name: foo, emptyDir: {medium: Memory, sizeLimit: '-1'}}",
                        "invalid value: -1: " + V + "emptyDir.sizeLimit"),
                vol("valid PVC with PVC feature enabled", "kubernetes.podspec-persistent-volume-claim=Enabled",
                        "{name: foo, persistentVolumeClaim: {claimName: myclaim, readOnly: true}}", null),
                vol("valid PVC with PVC feature disabled", "", "{name: foo, persistentVolumeClaim: "
                        + "{claimName: myclaim, readOnly: false}}", "Persistent volume claim support is disabled, "
                        + "but found persistent volume claim myclaim: \nPersistent volume write support is disabled, "
                        + "but found persistent volume claim myclaim that is not read-only: \n"
                        + "must not set the field(s): " + V + "persistentVolumeClaim"),
                vol("no volume source", "", "{name: foo}", neither),
                vol("multiple volume source", "", "{name: foo, configMap: {name: foo}, projected: {sources: "
                        + "[{secret: {name: foo, items: [{key: foo, path: bar/baz}]}}]}}",
                        "expected exactly one, got both: " + V + "configMap, " + V + "projected"),
                vol("multiple projected volumes single source", "", "{name: foo, projected: {sources: [{secret: "
                        + "{name: foo}, configMap: {name: bar, items: [{key: foo, path: bar/baz}]}}]}}",
                        "expected exactly one, got both: " + V + "projected[0].configMap, " + V
                                + "projected[0].secret"),
                vol("multiple project volume one-per-source", "", "{name: foo, projected: {sources: [{secret: "
                        + "{name: foo}}, {configMap: {name: bar}}]}}", null),
                vol("multiple project volume one-per-source (no names)", "", "{name: foo, projected: {sources: "
                        + "[{secret: {}}, {configMap: {}}]}}", "missing field(s): " + V
                        + "projected[0].secret.name, " + V + "projected[1].configMap.name"),
                vol("no project volume source", "", "{name: foo, projected: {sources: [{}]}}",
                        "expected exactly one, got neither: " + V + "projected[0].configMap, " + V
                                + "projected[0].downwardAPI, " + V + "projected[0].secret, " + V
                                + "projected[0].serviceAccountToken"),
                vol("no name", "", "{secret: {secretName: foo}}", "missing field(s): " + V + "name"),
                vol("bad name", "", "{name: '@@@', secret: {secretName: foo}}", "invalid value: @@@: " + V + "name"),
                vol("secret missing keyToPath values", "", "{name: foo, secret: {secretName: foo, items: [{}]}}",
                        "missing field(s): " + V + "items[0].key, " + V + "items[0].path"),
                vol("configMap missing keyToPath values", "", "{name: foo, configMap: {name: foo, items: [{}]}}",
                        "missing field(s): " + V + "items[0].key, " + V + "items[0].path"),
                vol("projection missing keyToPath values", "", "{name: foo, projected: {sources: [{secret: "
                        + "{name: foo, items: [{}]}}, {configMap: {name: foo, items: [{}]}}]}}", "missing field(s): "
                        + V + "projected[0].secret.items[0].key, " + V + "projected[0].secret.items[0].path, " + V
                        + "projected[1].configMap.items[0].key, " + V + "projected[1].configMap.items[0].path"),
                vol("serviceaccounttoken", "", "{name: foo, projected: {sources: [{serviceAccountToken: "
                        + "{audience: api, expirationSeconds: 3600, path: token}}]}}", null),
                vol("projection missing serviceaccounttoken values", "", "{name: foo, projected: {sources: "
                        + "[{serviceAccountToken: {audience: api, expirationSeconds: 3600}}]}}",
                        "missing field(s): " + V + "projected[0].serviceAccountToken.path"),
                vol("projection with DownwardAPI no values", "", "{name: foo, projected: {sources: [{downwardAPI: "
                        + "{items: [{path: labels}]}}]}}", "expected exactly one, got neither: " + V
                        + "projected[0].downwardAPI.items[0].fieldRef, " + V
                        + "projected[0].downwardAPI.items[0].resourceFieldRef"),
                vol("projection with DownwardAPI with both fieldRef and resourceFieldRef", "", "{name: foo, "
                        + "projected: {sources: [{downwardAPI: {items: [{fieldRef: {fieldPath: metadata.labels}, "
                        + "path: labels, resourceFieldRef: {containerName: user-container, resource: limits.cpu}}]}}]}}",
                        "Within a single item, cannot set both: " + V + "projected[0].downwardAPI.items[0].fieldRef, "
                                + V + "projected[0].downwardAPI.items[0].resourceFieldRef"));
    }

    private static Arguments vol(String name, String flags, String volume, String want) {
        String mountName = volume.contains("name: foo,") || volume.equals("{name: foo}") ? "foo"
                : volume.contains("'@@@'") ? "'@@@'" : "''";
        return Arguments.of(name, flags, "containers: [{image: busybox, volumeMounts: [{name: " + mountName
                + ", mountPath: /data, readOnly: true}]}]\nvolumes: [" + volume + "]", want);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("volumeCases")
    void validatesVolumesAsKnative(String name, String flags, String podSpec, String want) {
        assertThat(validate(flags, podSpec, FieldError.Level.ERROR)).isEqualTo(want);
    }
}
