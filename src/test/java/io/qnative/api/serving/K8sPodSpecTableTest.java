package io.qnative.api.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.K8sNames;
import io.qnative.config.FeaturesConfig;
import io.qnative.testing.Admission;

/**
 * Knative's pod spec tables replayed against {@link PodSpecValidation#validate}, Go's {@code ValidatePodSpec}: the
 * cases of TestPodSpecValidation, TestPodSpecMultiContainerValidation, TestPodSpecFeatureValidation,
 * TestPodSpecFieldRefValidation and TestPodSpecSecurityContextValidation in pkg/apis/serving/k8s_validation_test.go,
 * same names, same inputs, the expected text of Go's {@code want.Error()} after {@code Filter(errLevel)}.
 */
class K8sPodSpecTableTest {

    private static final String WARN = "Kubernetes default value is insecure, Knative may default this to secure in a "
            + "future release: ";
    private static final String ONE_PORT = "more than one container port is set: containers[*].ports\n"
            + "Only a single port is allowed across all containers";
    private static final String EMPTYDIR_INIT = "kubernetes.podspec-volumes-emptydir=Enabled,"
            + "kubernetes.podspec-init-containers=Enabled";
    private static final String PVC = "kubernetes.podspec-persistent-volume-claim=Enabled";
    private static final String PVC_WRITE = PVC + ",kubernetes.podspec-persistent-volume-write=Enabled";

    static Stream<Arguments> podSpec() {
        return Stream.of(
                row("valid", "", "containers: [{image: helloworld}]", null),
                row("with volume (ok)", "", """
                        containers: [{image: helloworld, volumeMounts: [{mountPath: /mount/path, name: the-name, \
                        readOnly: true}]}]
                        volumes: [{name: the-name, secret: {secretName: foo}}]""", null),
                row("with automountServiceAccountToken (ok)", "", """
                        automountServiceAccountToken: false
                        containers: [{image: helloworld}]""", null),
                row("with automountServiceAccountToken = true", "", """
                        automountServiceAccountToken: true
                        containers: [{image: helloworld}]""",
                        "must not set the field(s): automountServiceAccountToken"),
                row("with volume name collision", "", """
                        containers: [{image: helloworld, volumeMounts: [{mountPath: /mount/path, name: the-name, \
                        readOnly: true}]}]
                        volumes: [{name: the-name, secret: {secretName: foo}}, {name: the-name, configMap: {}}]""",
                        "duplicate volume name \"the-name\": volumes[1].name"),
                row("with volume mount path collision", "", """
                        containers: [{image: helloworld, volumeMounts: [{mountPath: /mount/path, name: the-foo, \
                        readOnly: true}, {mountPath: /mount/path, name: the-bar, readOnly: true}]}]
                        volumes: [{name: the-foo, secret: {secretName: foo}}, {name: the-bar, secret: \
                        {secretName: bar}}]""",
                        "invalid value: \"/mount/path\" must be unique: containers[0].volumeMounts[1].mountPath"),
                row("bad pod spec", "", "containers: [{name: steve, image: helloworld, lifecycle: {}}]",
                        "must not set the field(s): containers[0].lifecycle"),
                row("missing all", "", "containers: []", "missing field(s): containers"),
                row("missing container", "", "serviceAccountName: bob\ncontainers: []",
                        "missing field(s): containers"),
                row("too many containers", "multi-container=Disabled",
                        "containers: [{image: busybox, ports: [{}]}, {image: helloworld}]",
                        "multi-container is off, but found 2 containers: "),
                row("extra field", "", "containers: [{image: busybox}]\nterminationGracePeriodSeconds: 5",
                        "must not set the field(s): terminationGracePeriodSeconds"),
                row("bad service account name", "", "containers: [{image: busybox}]\nserviceAccountName: foo@bar.baz",
                        "invalid value: foo@bar.baz: serviceAccountName\n"
                                + String.join("\n", K8sNames.dns1123Subdomain("foo@bar.baz"))),
                row("init containers with no mounted volume", EMPTYDIR_INIT, """
                        initContainers: [{image: busybox, name: install-nodejs-debug-support}]
                        containers: [{image: busybox, volumeMounts: [{name: debugging-support-files, \
                        mountPath: /dbg}]}]
                        volumes: [{name: debugging-support-files, emptyDir: {}}]""", null),
                row("user container with no mounted volume and init container with mounted volume", EMPTYDIR_INIT,
                        """
                        initContainers: [{image: busybox, name: install-nodejs-debug-support, volumeMounts: \
                        [{name: debugging-support-files, mountPath: /dbg}]}]
                        containers: [{image: busybox}]
                        volumes: [{name: debugging-support-files, emptyDir: {}}]""", null),
                row("user and init-containers with multiple volumes", EMPTYDIR_INIT, """
                        initContainers: [{image: busybox, name: install-nodejs-debug-support, volumeMounts: \
                        [{name: debugging-support-files, mountPath: /dbg}]}]
                        containers: [{image: busybox, volumeMounts: [{name: data, mountPath: /data}]}]
                        volumes: [{name: debugging-support-files, emptyDir: {}}, {name: data, emptyDir: {}}]""",
                        null),
                row("user and init-containers with multiple volumes and one not mounted", EMPTYDIR_INIT, """
                        initContainers: [{image: busybox, name: install-nodejs-debug-support}]
                        containers: [{image: busybox, volumeMounts: [{name: data, mountPath: /data}]}]
                        volumes: [{name: debugging-support-files, emptyDir: {}}, {name: data, emptyDir: {}}]""",
                        "volume with name \"debugging-support-files\" not mounted: volumes[0].name"),
                row("init-container name collision", "kubernetes.podspec-init-containers=Enabled", """
                        initContainers: [{name: the-name, image: busybox}]
                        containers: [{name: the-name, image: busybox}]""",
                        "duplicate container name \"the-name\": containers[0].name"),
                row("container name collision", "", """
                        containers: [{name: the-name, image: busybox, ports: [{containerPort: 8888}]}, \
                        {name: the-name, image: busybox}]""",
                        "duplicate container name \"the-name\": containers[1].name"),
                row("PVC not read-only, mount read-only, write disabled by default", PVC, pvc(true, false),
                        "Persistent volume write support is disabled, but found persistent volume claim myclaim "
                                + "that is not read-only: "),
                row("PVC not read-only, mount not read-only, write disabled by default", PVC, pvc(false, false),
                        "Persistent volume write support is disabled, but found persistent volume claim myclaim "
                                + "that is not read-only: "),
                row("PVC read-only, mount not read-only, write disabled by default", PVC, pvc(false, true),
                        "volume is readOnly but volume mount is not: containers[0].volumeMounts[0].readOnly"),
                row("PVC read-only, write disabled by default", PVC, pvc(true, true), null),
                row("PVC not read-only, write enabled", PVC_WRITE, pvc(true, false), null),
                row("PVC read-only, write enabled", PVC_WRITE, pvc(false, false), null),
                warn("insecure security context default struct", "containers: [{image: busybox}]", WARN
                        + "containers[0].securityContext.allowPrivilegeEscalation, "
                        + "containers[0].securityContext.capabilities, containers[0].securityContext.runAsNonRoot, "
                        + "containers[0].securityContext.seccompProfile"),
                warn("insecure security context default values", """
                        containers: [{image: busybox, securityContext: {capabilities: {}}}]
                        securityContext: {seccompProfile: {}}""", WARN
                        + "containers[0].securityContext.allowPrivilegeEscalation, "
                        + "containers[0].securityContext.capabilities.drop, "
                        + "containers[0].securityContext.runAsNonRoot, "
                        + "containers[0].securityContext.seccompProfile.type"),
                // "explicitly dangerous security context values" is not replayed: its capabilities.drop is an
                // empty non-nil Go slice, which warns not; fabric8 reads an absent and an empty drop list alike
                // (SecurityWarnings)
                warn("explicitly dangerous pod security context values", """
                        containers: [{image: busybox}]
                        securityContext: {runAsNonRoot: true, seccompProfile: {type: Unconfined}}""", WARN
                        + "containers[0].securityContext.allowPrivilegeEscalation, "
                        + "containers[0].securityContext.capabilities"),
                warn("misspelled drop all doesn't drop ALL", """
                        containers: [{image: busybox, securityContext: {allowPrivilegeEscalation: false, \
                        capabilities: {drop: [all]}}}]
                        securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}""",
                        "invalid value: all: containers[0].securityContext.capabilities.drop\n"
                                + "Must be spelled as 'ALL'"));
    }

    private static String pvc(boolean mountReadOnly, boolean claimReadOnly) {
        return """
                containers: [{image: busybox, volumeMounts: [{name: foo, mountPath: /data, readOnly: %s}]}]
                volumes: [{name: foo, persistentVolumeClaim: {claimName: myclaim, readOnly: %s}}]"""
                .formatted(mountReadOnly, claimReadOnly);
    }

    static Stream<Arguments> multiContainer() {
        return Stream.of(
                row("flag disabled: more than one container", "multi-container=Disabled",
                        "containers: [{image: busybox, ports: [{containerPort: 8888}]}, {image: helloworld}]",
                        "multi-container is off, but found 2 containers: "),
                row("flag enabled: more than one container with one container port", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}]}, \
                        {name: container-b, image: helloworld}]""", null),
                row("flag enabled: probes are not allowed for non serving containers", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}]}, \
                        {name: container-b, image: helloworld, livenessProbe: {timeoutSeconds: 1}, \
                        readinessProbe: {timeoutSeconds: 1}}]""", "must not set the field(s): "
                        + "containers[1].livenessProbe.timeoutSeconds, containers[1].readinessProbe.timeoutSeconds"),
                row("flag enabled: multiple containers with no port", "",
                        "containers: [{name: container-a, image: busybox}, {name: container-b, image: helloworld}]",
                        "missing field(s): containers[*].ports"),
                row("flag enabled: multiple containers with multiple port", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}]}, \
                        {name: container-b, image: helloworld, ports: [{containerPort: 9999}]}]""", ONE_PORT),
                row("flag enabled: multiple containers with multiple ports for each container", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}, \
                        {containerPort: 9999}]}, {name: container-b, image: helloworld, ports: \
                        [{containerPort: 80}]}]""", ONE_PORT),
                row("flag enabled: multiple containers with multiple port for a single container", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}, \
                        {containerPort: 9999}]}, {name: container-b, image: helloworld}]""", ONE_PORT),
                row("flag enabled: multiple containers with readinessProbe targeting different container's port",
                        "", """
                        containers: [{name: container-a, image: work, ports: [{containerPort: 9999}]}, \
                        {name: container-b, image: health, livenessProbe: {httpGet: {port: 9999}}}]""",
                        "must not set the field(s): containers[1].livenessProbe"),
                row("flag enabled: multiple containers with illegal env variable defined for side car", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}]}, \
                        {name: container-b, image: helloworld, env: [{name: PORT, value: Foo}, \
                        {name: K_SERVICE, value: Foo}]}]""",
                        "\"K_SERVICE\" is a reserved environment variable: containers[1].env[1].name"),
                row("flag enabled: multiple containers with PORT defined for side car", "", """
                        containers: [{name: container-a, image: busybox, ports: [{containerPort: 8888}]}, \
                        {name: container-b, image: helloworld, env: [{name: PORT, value: Foo}]}]""", null),
                row("Volume mounts ok with single container", "kubernetes.podspec-fieldref=Enabled", """
                        volumes: [{name: the-name, secret: {secretName: foo}}]
                        containers: [{image: busybox, volumeMounts: [{mountPath: /mount/path, name: the-name, \
                        readOnly: true}]}]""", null),
                row("Volume not mounted when having a single container", "kubernetes.podspec-fieldref=Enabled", """
                        volumes: [{name: the-name, secret: {secretName: foo}}]
                        containers: [{image: busybox}]""",
                        "volume with name \"the-name\" not mounted: volumes[0].name"),
                row("Volume mounts ok when having multiple containers", "", """
                        volumes: [{name: the-name1, secret: {secretName: foo1}}, {name: the-name2, secret: \
                        {secretName: foo2}}]
                        containers:
                        - {name: container-a, image: busybox, ports: [{containerPort: 8888}], volumeMounts: \
                        [{mountPath: /mount/path, name: the-name1, readOnly: true}]}
                        - {name: container-b, image: busybox, volumeMounts: [{mountPath: /mount/path, \
                        name: the-name2, readOnly: true}]}""", null),
                row("Volume not mounted when having multiple containers", "", """
                        volumes: [{name: the-name1, secret: {secretName: foo1}}, {name: the-name2, secret: \
                        {secretName: foo2}}]
                        containers:
                        - {name: container-a, image: busybox, ports: [{containerPort: 8888}], volumeMounts: \
                        [{mountPath: /mount/path, name: the-name1, readOnly: true}]}
                        - {name: container-b, image: busybox}""",
                        "volume with name \"the-name2\" not mounted: volumes[1].name"),
                row("multiple containers and init-containers with multiple volumes", EMPTYDIR_INIT, """
                        initContainers: [{image: busybox, name: install-nodejs-debug-support}]
                        containers:
                        - {name: container-a, image: busybox1, ports: [{containerPort: 8888}], volumeMounts: \
                        [{name: data, mountPath: /data}]}
                        - {name: container-b, image: busybox2, volumeMounts: [{name: debugging-support-files, \
                        mountPath: /dbg}]}
                        volumes: [{name: debugging-support-files, emptyDir: {}}, {name: data, emptyDir: {}}]""",
                        null));
    }

    /** TestPodSpecFeatureValidation: each gated field, flag off and on, present and not. */
    static Stream<Arguments> features() {
        Map<String, String[]> data = new java.util.LinkedHashMap<>();
        data.put("Affinity", new String[] {"affinity", "kubernetes.podspec-affinity", """
                affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: \
                [{matchExpressions: [{key: failure-domain.beta.kubernetes.io/zone, operator: In, \
                values: [us-east1-b]}]}]}}}"""});
        data.put("TopologySpreadConstraints", new String[] {"topologySpreadConstraints",
            "kubernetes.podspec-topologyspreadconstraints", """
                topologySpreadConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, \
                whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: key, operator: In, \
                values: [value]}]}}]"""});
        data.put("DNSPolicy", new String[] {"dnsPolicy", "kubernetes.podspec-dnspolicy", "dnsPolicy: Default"});
        data.put("DNSConfig", new String[] {"dnsConfig", "kubernetes.podspec-dnsconfig",
            "dnsConfig: {nameservers: [1.2.3.4]}"});
        data.put("HostAliases", new String[] {"hostAliases", "kubernetes.podspec-hostaliases",
            "hostAliases: [{ip: 127.0.0.1, hostnames: [foo.remote, bar.remote]}]"});
        data.put("NodeSelector", new String[] {"nodeSelector", "kubernetes.podspec-nodeselector",
            "nodeSelector: {kubernetes.io/arch: amd64}"});
        data.put("Tolerations", new String[] {"tolerations", "kubernetes.podspec-tolerations",
            "tolerations: [{key: key, operator: Equal, value: value, effect: NoSchedule}]"});
        data.put("RuntimeClassName", new String[] {"runtimeClassName", "kubernetes.podspec-runtimeclassname",
            "runtimeClassName: test"});
        data.put("PodSpecSecurityContext", new String[] {"securityContext", "kubernetes.podspec-securitycontext",
            "securityContext: {}"});
        data.put("PriorityClassName", new String[] {"priorityClassName", "kubernetes.podspec-priorityclassname",
            "priorityClassName: foo"});
        data.put("SchedulerName", new String[] {"schedulerName", "kubernetes.podspec-schedulername",
            "schedulerName: foo"});
        data.put("ShareProcessNamespace", new String[] {"shareProcessNamespace",
            "kubernetes.podspec-shareprocessnamespace", "shareProcessNamespace: true"});
        List<Arguments> out = new ArrayList<>();
        data.forEach((name, d) -> {
            String plain = "containers: [{image: busybox}]";
            String with = d[2] + "\n" + plain;
            String err = "must not set the field(s): " + d[0];
            String on = d[1] + "=Enabled";
            out.add(row("flag disabled: " + name + " not present", "", plain, null));
            out.add(row("flag disabled: " + name + " present", "", with, err));
            out.add(row("flag enabled: " + name + " not present", on, plain, null));
            out.add(row("flag enabled: " + name + " present", on, with, null));
        });
        return out.stream();
    }

    static Stream<Arguments> fieldRef() {
        String field = "containers: [{image: busybox, env: [{name: NODE_IP, valueFrom: {fieldRef: "
                + "{fieldPath: status.hostIP}}}]}]";
        String resource = "containers: [{image: busybox, env: [{name: NODE_IP, valueFrom: {resourceFieldRef: "
                + "{containerName: Server, resource: request.cpu}}}]}]";
        String on = "kubernetes.podspec-fieldref=Enabled";
        return Stream.of(
                row("flag disabled: fieldRef not present", "", "containers: [{image: busybox}]", null),
                row("flag disabled: fieldRef present", "", field,
                        "must not set the field(s): containers[0].env[0].valueFrom.fieldRef"),
                row("flag disabled: resourceFieldRef present", "", resource,
                        "must not set the field(s): containers[0].env[0].valueFrom.resourceFieldRef"),
                row("flag enabled: fieldRef not present", on, "containers: [{image: busybox}]", null),
                row("flag enabled: fieldRef present", on, field, null),
                row("flag enabled: resourceFieldRef present", on, resource, null));
    }

    /**
     * TestPodSpecSecurityContextValidation (the flag always on), through a pod spec: Go's ValidatePodSecurityContext
     * errors come out of ValidatePodSpec under {@code securityContext}.
     */
    static Stream<Arguments> podSecurityContext() {
        String on = "kubernetes.podspec-securitycontext=Enabled";
        String c = "containers: [{image: busybox}]\n";
        String big = String.valueOf(Integer.MAX_VALUE + 1L);
        return Stream.of(
                row("nil", on, c, null),
                row("disallowed fields", on, c + "securityContext: {seLinuxOptions: {}, windowsOptions: {}, "
                        + "sysctls: [{name: a, value: b}]}", "must not set the field(s): securityContext.seLinuxOptions, "
                        + "securityContext.sysctls, securityContext.windowsOptions"),
                row("too large uid", on, c + "securityContext: {runAsUser: " + big + "}",
                        "expected 0 <= " + big + " <= 2147483647: securityContext.runAsUser"),
                row("negative uid", on, c + "securityContext: {runAsUser: -10}",
                        "expected 0 <= -10 <= 2147483647: securityContext.runAsUser"),
                row("too large gid", on, c + "securityContext: {runAsGroup: " + big + "}",
                        "expected 0 <= " + big + " <= 2147483647: securityContext.runAsGroup"),
                row("negative gid", on, c + "securityContext: {runAsGroup: -10}",
                        "expected 0 <= -10 <= 2147483647: securityContext.runAsGroup"),
                row("too large fsGroup", on, c + "securityContext: {fsGroup: " + big + "}",
                        "expected 0 <= " + big + " <= 2147483647: securityContext.fsGroup"),
                row("negative fsGroup", on, c + "securityContext: {fsGroup: -10}",
                        "expected 0 <= -10 <= 2147483647: securityContext.fsGroup"),
                row("too large supplementalGroups", on, c + "securityContext: {supplementalGroups: [" + big + "]}",
                        "expected 0 <= " + big + " <= 2147483647: securityContext.supplementalGroups[0]"),
                row("negative supplementalGroups", on, c + "securityContext: {supplementalGroups: [-10]}",
                        "expected 0 <= -10 <= 2147483647: securityContext.supplementalGroups[0]"));
    }

    /** A row checked at error level; {@code flags} is {@code key=Value,...} of config-features. */
    static Arguments row(String name, String flags, String podSpec, String want) {
        return Arguments.of(name, flags, podSpec, FieldError.Level.ERROR, want);
    }

    private static Arguments warn(String name, String podSpec, String want) {
        return Arguments.of(name, "", podSpec, FieldError.Level.WARNING, want);
    }

    /** Go's {@code ValidatePodSpec(ctx, ps).Filter(level).Error()}, null for "". */
    static String validate(String flags, String podSpec, FieldError.Level level) {
        Map<String, String> data = new HashMap<>();
        for (String kv : flags.split(",")) {
            if (!kv.isEmpty()) {
                String[] p = kv.split("=", 2);
                data.put(p[0], p[1]);
            }
        }
        PodSpec ps = Admission.yaml(PodSpec.class, podSpec);
        FieldError got = PodSpecValidation.validate(ps, FeaturesConfig.parse(data)).filter(level);
        return got.isEmpty() ? null : got.render();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"podSpec", "multiContainer", "features", "fieldRef", "podSecurityContext"})
    void validatesAsKnative(String name, String flags, String podSpec, FieldError.Level level, String want) {
        assertThat(validate(flags, podSpec, level)).isEqualTo(want);
    }
}
