package io.qnative.api.serving;

import static io.qnative.api.validation.GoFormat.nz;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.qnative.api.validation.FieldError;
import io.qnative.api.validation.GoFormat;
import io.qnative.api.validation.K8sNames;
import io.qnative.config.FeaturesConfig;
import io.qnative.config.FeaturesConfig.SecurePodDefaults;

/**
 * Knative's pod-spec and container rules ({@code pkg/apis/serving/k8s_validation.go} and the masks of
 * {@code fieldmask.go}), gated by {@code config-features}. Paths are relative to the pod spec.
 */
public final class PodSpecValidation {

    /** Which kind of container is being validated (Knative's context markers). */
    enum Kind {
        USER,
        SIDECAR,
        INIT
    }

    static final long MAX_ID = Integer.MAX_VALUE;
    private static final Set<String> RESERVED_CONTAINER_NAMES = Set.of("queue-proxy");
    private static final Set<String> RESERVED_ENV = Set.of("PORT", "K_SERVICE", "K_CONFIGURATION", "K_REVISION");
    private static final Set<String> RESERVED_SIDECAR_ENV = Set.of("K_SERVICE", "K_CONFIGURATION", "K_REVISION");
    private static final Set<Integer> RESERVED_PORTS = Set.of(8012, 8013, 8022, 8008, 9090, 9091);
    private static final Set<String> VALID_PORT_NAMES = Set.of("h2c", "http1", "");
    private static final Set<String> CONTAINER_FIELDS = Set.of("name", "image", "command", "args", "workingDir",
            "env", "envFrom", "imagePullPolicy", "ports", "resources", "securityContext", "readinessProbe",
            "livenessProbe", "startupProbe", "terminationMessagePath", "terminationMessagePolicy", "volumeMounts");
    static final Set<String> PROBE_FIELDS = Set.of("httpGet", "tcpSocket", "exec", "grpc",
            "initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold",
            "terminationGracePeriodSeconds");
    static final Set<String> PROBE_POINTERS = Set.of("terminationGracePeriodSeconds");
    private static final Set<String> POD_POINTERS = Set.of("terminationGracePeriodSeconds", "activeDeadlineSeconds",
            "shareProcessNamespace", "automountServiceAccountToken", "setHostnameAsFQDN", "hostUsers", "priority",
            "runtimeClassName", "preemptionPolicy", "enableServiceLinks", "os", "securityContext", "dnsConfig",
            "affinity");
    private static final Map<String, String> POD_FLAGS = podFlags();

    private PodSpecValidation() {
    }

    private static Map<String, String> podFlags() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("affinity", "topologySpreadConstraints", "hostAliases", "nodeSelector",
                "runtimeClassName", "tolerations", "shareProcessNamespace", "priorityClassName", "schedulerName",
                "dnsPolicy", "dnsConfig", "hostIPC", "hostPID", "hostNetwork")) {
            m.put(f, "kubernetes.podspec-" + f.toLowerCase(java.util.Locale.ROOT));
        }
        m.put("initContainers", "kubernetes.podspec-init-containers");
        return m;
    }

    /** {@code ValidatePodSpec}. */
    public static FieldError validate(PodSpec ps, FeaturesConfig features) {
        FieldError errs = Masks.disallowed(ps, podAllowed(ps, features), POD_POINTERS);
        errs = errs.also(podSecurityContext(ps.getSecurityContext(), features).viaField("securityContext"));
        List<Container> containers = list(ps.getContainers());
        List<Container> inits = list(ps.getInitContainers());
        if (features.securePodDefaults() == SecurePodDefaults.DISABLED) {
            for (int i = 0; i < containers.size(); i++) {
                errs = errs.also(SecurityWarnings.warn(ps.getSecurityContext(), containers.get(i).getSecurityContext())
                        .viaField("securityContext").viaFieldIndex("containers", i));
            }
            for (int i = 0; i < inits.size(); i++) {
                errs = errs.also(SecurityWarnings.warn(ps.getSecurityContext(), inits.get(i).getSecurityContext())
                        .viaField("securityContext").viaFieldIndex("initContainers", i));
            }
        }
        Set<String> mounted = new HashSet<>();
        // Go's AllMountedVolumes: a name not given is "", as a volume's is
        inits.forEach(c -> list(c.getVolumeMounts()).forEach(m -> mounted.add(nz(m.getName()))));
        containers.forEach(c -> list(c.getVolumeMounts()).forEach(m -> mounted.add(nz(m.getName()))));
        Map<String, Volume> volumes = new LinkedHashMap<>();
        errs = errs.also(VolumeValidation.volumes(list(ps.getVolumes()), mounted, volumes, features)
                .viaField("volumes"));
        errs = errs.also(initContainers(inits, containers, volumes, features));

        ContainerPort port = new ContainerPort();
        int count = 0;
        for (Container c : containers) {
            if (!list(c.getPorts()).isEmpty()) {
                count += c.getPorts().size();
                port = c.getPorts().get(0);
            }
        }
        FieldError portErr = FieldError.none();
        if (count == 0 && containers.size() > 1) {
            portErr = FieldError.missingField("ports");
        } else if (count > 1) {
            portErr = new FieldError("more than one container port is set", List.of("ports"),
                    FieldError.Level.ERROR, "Only a single port is allowed across all containers");
        }
        errs = errs.also(portErr.viaField("containers[*]"));
        String portName = port.getName() == null || port.getName().isEmpty() ? "http" : port.getName();

        if (containers.isEmpty()) {
            errs = errs.also(FieldError.missingField("containers"));
        } else if (containers.size() == 1) {
            errs = errs.also(container(Kind.USER, containers.get(0), volumes, portName, features)
                    .viaFieldIndex("containers", 0));
        } else if (!features.enabled(FeaturesConfig.MULTI_CONTAINER)) {
            errs = errs.also(FieldError.generic(
                    "multi-container is off, but found " + containers.size() + " containers"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < containers.size(); i++) {
                Container c = containers.get(i);
                if (!names.add(nz(c.getName()))) {
                    errs = errs.also(FieldError.generic("duplicate container name " + GoFormat.quote(nz(c.getName())),
                            "name").viaFieldIndex("containers", i));
                }
                Kind kind = list(c.getPorts()).isEmpty() ? Kind.SIDECAR : Kind.USER;
                errs = errs.also(container(kind, c, volumes, portName, features).viaFieldIndex("containers", i));
            }
        }
        String sa = ps.getServiceAccountName();
        if (sa != null && !sa.isEmpty()) {
            for (String e : K8sNames.dns1123Subdomain(sa)) {
                errs = errs.also(FieldError.invalidValue(sa, "serviceAccountName", e));
            }
        }
        return errs;
    }

    private static Set<String> podAllowed(PodSpec ps, FeaturesConfig features) {
        Set<String> allowed = new HashSet<>(Set.of("serviceAccountName", "containers", "volumes", "imagePullSecrets",
                "enableServiceLinks", "containerConcurrency", "timeoutSeconds", "responseStartTimeoutSeconds",
                "idleTimeoutSeconds"));
        if (Boolean.FALSE.equals(ps.getAutomountServiceAccountToken())) {
            allowed.add("automountServiceAccountToken");
        }
        POD_FLAGS.forEach((field, flag) -> {
            if (features.allowed(flag)) {
                allowed.add(field);
            }
        });
        if (features.allowed("kubernetes.podspec-securitycontext")
                || features.securePodDefaults() != SecurePodDefaults.DISABLED) {
            allowed.add("securityContext");
        }
        return allowed;
    }

    private static FieldError podSecurityContext(PodSecurityContext sc, FeaturesConfig features) {
        if (sc == null) {
            return FieldError.none();
        }
        Set<String> allowed = new HashSet<>();
        boolean fullSc = features.allowed("kubernetes.podspec-securitycontext");
        if (fullSc) {
            allowed.addAll(Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup", "supplementalGroups",
                    "seccompProfile"));
        } else if (features.securePodDefaults() != SecurePodDefaults.DISABLED && sc.getSeccompProfile() != null
                && Set.of("RuntimeDefault", "Unconfined").contains(nz(sc.getSeccompProfile().getType()))
                && sc.getSeccompProfile().getLocalhostProfile() == null) {
            allowed.add("seccompProfile");
        }
        FieldError errs = Masks.disallowed(sc, allowed, Set.of("runAsUser", "runAsGroup", "runAsNonRoot", "fsGroup",
                "seccompProfile", "seLinuxOptions", "windowsOptions", "fsGroupChangePolicy", "appArmorProfile"));
        errs = errs.also(idRange(sc.getRunAsUser(), "runAsUser")).also(idRange(sc.getRunAsGroup(), "runAsGroup"))
                .also(idRange(sc.getFsGroup(), "fsGroup"));
        List<Long> groups = list(sc.getSupplementalGroups());
        for (int i = 0; i < groups.size(); i++) {
            errs = errs.also(idRange(groups.get(i), "").viaFieldIndex("supplementalGroups", i));
        }
        return errs;
    }

    private static FieldError idRange(Long id, String path) {
        if (id != null && (id < 0 || id > MAX_ID)) {
            return FieldError.outOfBoundsValue(id, 0, MAX_ID, path);
        }
        return FieldError.none();
    }

    private static FieldError initContainers(List<Container> inits, List<Container> containers,
            Map<String, Volume> volumes, FeaturesConfig features) {
        if (inits.isEmpty()) {
            return FieldError.none();
        }
        if (!features.enabled("kubernetes.podspec-init-containers")) {
            return FieldError.generic("pod spec support for init-containers is off, but found " + inits.size()
                    + " init containers");
        }
        Set<String> names = new HashSet<>();
        containers.forEach(c -> names.add(nz(c.getName())));
        // Knative's validateInitContainers (pkg/apis/serving/k8s_validation.go) indexes an init container's errors
        // as containers[i], not initContainers[i], and its duplicate name as errs.Also(dup).ViaFieldIndex(...),
        // which puts the index in front of every error found so far; k8s_validation_test.go's "init-container name
        // collision" pins containers[0].name.
        FieldError errs = FieldError.none();
        for (int i = 0; i < inits.size(); i++) {
            Container c = inits.get(i);
            if (names.contains(nz(c.getName()))) {
                errs = errs.also(FieldError.generic("duplicate container name " + GoFormat.quote(nz(c.getName())),
                        "name")).viaFieldIndex("containers", i);
            }
            FieldError ce = FieldError.none();
            Map<String, Object> fields = Masks.fields(c);
            for (String f : new String[] {"livenessProbe", "readinessProbe", "startupProbe", "lifecycle"}) {
                if (fields.containsKey(f)) {
                    ce = ce.also(FieldError.generic("field not allowed in an init container", f));
                }
            }
            ce = ce.also(common(Kind.INIT, c, volumes, features));
            errs = errs.also(ce.viaFieldIndex("containers", i));
        }
        return errs;
    }

    private static FieldError container(Kind kind, Container c, Map<String, Volume> volumes, String portName,
            FeaturesConfig features) {
        FieldError errs = FieldError.none();
        if (kind == Kind.USER) {
            errs = errs.also(ProbeValidation.probe(c.getLivenessProbe(), portName).viaField("livenessProbe"));
            errs = errs.also(ProbeValidation.readiness(c.getReadinessProbe(), portName).viaField("readinessProbe"));
        } else if (!features.enabled(FeaturesConfig.MULTI_CONTAINER_PROBING)) {
            errs = errs.also(ProbeValidation.refused(c.getLivenessProbe()).viaField("livenessProbe"));
            errs = errs.also(ProbeValidation.refused(c.getReadinessProbe()).viaField("readinessProbe"));
        } else {
            errs = errs.also(ProbeValidation.probe(c.getLivenessProbe(), null).viaField("livenessProbe"));
            errs = errs.also(ProbeValidation.readiness(c.getReadinessProbe(), null).viaField("readinessProbe"));
        }
        return errs.also(common(kind, c, volumes, features));
    }

    /** Knative's {@code validate}: the checks every container gets. */
    private static FieldError common(Kind kind, Container c, Map<String, Volume> volumes, FeaturesConfig features) {
        if (Masks.allZero(c)) {
            return FieldError.missingField(FieldError.CURRENT_FIELD);
        }
        FieldError errs = Masks.disallowed(c, CONTAINER_FIELDS);
        if (RESERVED_CONTAINER_NAMES.contains(nz(c.getName()))) {
            errs = errs.also(FieldError.generic(GoFormat.quote(c.getName()) + " is a reserved container name",
                    "name"));
        }
        errs = errs.also(env(kind, list(c.getEnv()), features).viaField("env"));
        errs = errs.also(envFrom(list(c.getEnvFrom())).viaField("envFrom"));
        String image = nz(c.getImage());
        if (image.isEmpty()) {
            errs = errs.also(FieldError.missingField("image"));
        } else if (!ImageReference.parses(image)) {
            errs = errs.also(new FieldError("Failed to parse image reference", List.of("image"),
                    FieldError.Level.ERROR,
                    "image: " + GoFormat.quote(image) + ", error: could not parse reference: " + image));
        }
        errs = errs.also((kind == Kind.INIT ? initPorts(list(c.getPorts())) : ports(list(c.getPorts())))
                .viaField("ports"));
        if (c.getResources() != null) {
            errs = errs.also(Masks.disallowed(c.getResources(), Set.of("limits", "requests")).viaField("resources"));
        }
        errs = errs.also(securityContext(c.getSecurityContext(), features).viaField("securityContext"));
        String tmp = nz(c.getTerminationMessagePolicy());
        if (!tmp.isEmpty() && !tmp.equals("File") && !tmp.equals("FallbackToLogsOnError")) {
            errs = errs.also(FieldError.invalidValue(tmp, "terminationMessagePolicy"));
        }
        return errs.also(VolumeValidation.mounts(list(c.getVolumeMounts()), volumes, features)
                .viaField("volumeMounts"));
    }

    private static FieldError env(Kind kind, List<EnvVar> envs, FeaturesConfig features) {
        FieldError errs = FieldError.none();
        Set<String> reserved = kind == Kind.USER ? RESERVED_ENV : RESERVED_SIDECAR_ENV;
        for (int i = 0; i < envs.size(); i++) {
            EnvVar e = envs.get(i);
            FieldError ee = Masks.disallowed(e, Set.of("name", "value", "valueFrom"));
            if (nz(e.getName()).isEmpty()) {
                ee = ee.also(FieldError.missingField("name"));
            } else if (reserved.contains(e.getName())) {
                ee = ee.also(FieldError.generic(GoFormat.quote(e.getName()) + " is a reserved environment variable",
                        "name"));
            }
            if (e.getValueFrom() != null) {
                Set<String> allowed = new HashSet<>(Set.of("configMapKeyRef", "secretKeyRef"));
                if (features.allowed("kubernetes.podspec-fieldref")) {
                    allowed.addAll(Set.of("fieldRef", "resourceFieldRef"));
                }
                ee = ee.also(Masks.disallowed(e.getValueFrom(), allowed).viaField("valueFrom"));
            }
            errs = errs.also(ee.viaIndex(i));
        }
        return errs;
    }

    private static FieldError envFrom(List<EnvFromSource> list) {
        FieldError errs = FieldError.none();
        for (int i = 0; i < list.size(); i++) {
            EnvFromSource ef = list.get(i);
            errs = errs.also(Masks.disallowed(ef, Set.of("prefix", "configMapRef", "secretRef")).viaIndex(i));
            boolean cm = ef.getConfigMapRef() != null;
            boolean sm = ef.getSecretRef() != null;
            if (sm) {
                errs = errs.also(Masks.disallowed(ef.getSecretRef(), Set.of("name", "optional"), Set.of("optional"))
                        .viaIndex(i)).viaField("secretRef");
            }
            if (cm) {
                errs = errs.also(Masks.disallowed(ef.getConfigMapRef(), Set.of("name", "optional"),
                        Set.of("optional")).viaIndex(i)).viaField("configMapRef");
            }
            if (cm && sm) {
                errs = errs.also(FieldError.multipleOneOf("configMapRef", "secretRef"));
            } else if (!cm && !sm) {
                errs = errs.also(FieldError.missingOneOf("configMapRef", "secretRef"));
            }
        }
        return errs;
    }

    private static FieldError ports(List<ContainerPort> ports) {
        if (ports.isEmpty()) {
            return FieldError.none();
        }
        ContainerPort p = ports.get(0);
        FieldError errs = portBasic(p);
        String protocol = nz(p.getProtocol());
        if (!protocol.isEmpty() && !protocol.equals("TCP")) {
            errs = errs.also(FieldError.invalidValue(protocol, "protocol"));
        }
        if (!VALID_PORT_NAMES.contains(nz(p.getName()))) {
            errs = errs.also(new FieldError("Port name " + p.getName() + " is not allowed", List.of(""),
                    FieldError.Level.ERROR, "Name must be empty, or one of: 'h2c', 'http1'"));
        }
        return errs;
    }

    private static FieldError initPorts(List<ContainerPort> ports) {
        FieldError errs = FieldError.none();
        for (ContainerPort p : ports) {
            errs = errs.also(portBasic(p));
        }
        return errs;
    }

    private static FieldError portBasic(ContainerPort p) {
        FieldError errs = Masks.disallowed(p, Set.of("containerPort", "name", "protocol"));
        int cp = p.getContainerPort() == null ? 0 : p.getContainerPort();
        if (RESERVED_PORTS.contains(cp)) {
            errs = errs.also(FieldError.invalidValue(cp + " is a reserved port", "containerPort",
                    cp + " is a reserved port, please use a different value"));
        }
        if (cp < 0 || cp > 65535) {
            errs = errs.also(FieldError.outOfBoundsValue(cp, 0, 65535, "containerPort"));
        }
        return errs;
    }

    private static FieldError securityContext(SecurityContext sc, FeaturesConfig features) {
        if (sc == null) {
            return FieldError.none();
        }
        Set<String> allowed = new HashSet<>(Set.of("capabilities", "readOnlyRootFilesystem", "runAsUser",
                "runAsGroup", "runAsNonRoot", "allowPrivilegeEscalation", "seccompProfile"));
        if (Boolean.FALSE.equals(sc.getPrivileged())) {
            allowed.add("privileged");
        }
        FieldError errs = Masks.disallowed(sc, allowed, Set.of("privileged", "procMount", "seLinuxOptions",
                "windowsOptions", "appArmorProfile"));
        Capabilities cap = sc.getCapabilities();
        if (cap != null) {
            Set<String> capAllowed = new HashSet<>(Set.of("drop"));
            if (features.enabled("kubernetes.containerspec-addcapabilities")
                    || features.securePodDefaults() != SecurePodDefaults.DISABLED
                    && List.of("NET_BIND_SERVICE").equals(cap.getAdd())) {
                capAllowed.add("add");
            }
            errs = errs.also(Masks.disallowed(cap, capAllowed).viaField("capabilities"));
        }
        return errs.also(idRange(sc.getRunAsUser(), "runAsUser")).also(idRange(sc.getRunAsGroup(), "runAsGroup"));
    }

    static String portString(IntOrString p) {
        if (p == null) {
            return "0";
        }
        return p.getStrVal() != null ? p.getStrVal() : String.valueOf(p.getIntVal() == null ? 0 : p.getIntVal());
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
