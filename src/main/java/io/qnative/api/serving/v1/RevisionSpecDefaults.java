package io.qnative.api.serving.v1;

import static io.qnative.api.validation.GoFormat.nz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.qnative.api.validation.K8sNames;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.DefaultsConfig;
import io.qnative.config.FeaturesConfig.SecurePodDefaults;

/** Knative's {@code RevisionSpec.SetDefaults} ({@code revision_defaults.go}). */
final class RevisionSpecDefaults {

    private RevisionSpecDefaults() {
    }

    /**
     * Defaults {@code rs} in place.
     *
     * @param parent the metadata the container-name templates render over
     * @param create whether this is a CREATE (enableServiceLinks is defaulted only then)
     */
    static void apply(RevisionSpec rs, ObjectMeta parent, ConfigSnapshot config, boolean create) {
        DefaultsConfig d = config.defaults();
        if (rs.getTimeoutSeconds() == null || rs.getTimeoutSeconds() == 0) {
            rs.setTimeoutSeconds(d.revisionTimeoutSeconds());
        }
        long timeout = rs.getTimeoutSeconds();
        if (rs.getIdleTimeoutSeconds() == null && d.revisionIdleTimeoutSeconds() > 0
                && d.revisionIdleTimeoutSeconds() < timeout) {
            rs.setIdleTimeoutSeconds(d.revisionIdleTimeoutSeconds());
        }
        if (rs.getResponseStartTimeoutSeconds() == null && d.revisionResponseStartTimeoutSeconds() > 0
                && d.revisionResponseStartTimeoutSeconds() < timeout) {
            rs.setResponseStartTimeoutSeconds(d.revisionResponseStartTimeoutSeconds());
        }
        if (rs.getContainerConcurrency() == null) {
            rs.setContainerConcurrency(d.containerConcurrency());
        }
        if (create && rs.getEnableServiceLinks() == null && d.enableServiceLinks().isPresent()) {
            rs.setEnableServiceLinks(d.enableServiceLinks().get());
        }
        List<Container> containers = rs.getContainers() == null ? List.of() : rs.getContainers();
        List<Container> inits = rs.getInitContainers() == null ? List.of() : rs.getInitContainers();
        Set<String> names = new HashSet<>();
        containers.forEach(c -> names.add(nz(c.getName())));
        inits.forEach(c -> names.add(nz(c.getName())));
        ObjectMeta meta = parent == null ? new ObjectMeta() : parent;
        applyNames(containers, names, d.containerName(meta));
        applyNames(inits, names, d.initContainerName(meta));
        for (Container c : containers) {
            container(rs, c, containers.size(), d);
            securityContext(rs.getSecurityContext(), c, config);
        }
        for (Container c : inits) {
            securityContext(rs.getSecurityContext(), c, config);
        }
    }

    /**
     * {@code applyDefaultContainerNames}: a lone unnamed container takes the default unless a container has it;
     * otherwise unnamed ones take {@code kmeta.ChildName(<default>, "-<k>")}, skipping names already taken.
     */
    private static void applyNames(List<Container> containers, Set<String> names, String defaultName) {
        if (containers.size() == 1 && nz(containers.get(0).getName()).isEmpty() && !names.contains(defaultName)) {
            containers.get(0).setName(defaultName);
            return;
        }
        for (Container c : containers) {
            if (nz(c.getName()).isEmpty()) {
                String name;
                int i = 0;
                do {
                    name = K8sNames.childName(defaultName, "-" + i++);
                } while (names.contains(name));
                names.add(name);
                c.setName(name);
            }
        }
    }

    private static void container(RevisionSpec rs, Container c, int count, DefaultsConfig d) {
        resources(c, d.resources());
        if (count == 1 || (c.getPorts() != null && !c.getPorts().isEmpty())) {
            if (c.getReadinessProbe() == null) {
                c.setReadinessProbe(new Probe());
            }
            Probe p = c.getReadinessProbe();
            if (p.getTcpSocket() == null && p.getHttpGet() == null && p.getExec() == null && p.getGrpc() == null) {
                TCPSocketAction tcp = new TCPSocketAction();
                tcp.setPort(new IntOrString(0));
                p.setTcpSocket(tcp);
            }
        }
        Probe p = c.getReadinessProbe();
        if (p != null) {
            if (p.getSuccessThreshold() == null || p.getSuccessThreshold() == 0) {
                p.setSuccessThreshold(1);
            }
            if (p.getPeriodSeconds() != null && p.getPeriodSeconds() != 0) {
                if (p.getFailureThreshold() == null || p.getFailureThreshold() == 0) {
                    p.setFailureThreshold(3);
                }
                if (p.getTimeoutSeconds() == null || p.getTimeoutSeconds() == 0) {
                    p.setTimeoutSeconds(1);
                }
            }
        }
        for (Probe probe : new Probe[] {c.getReadinessProbe(), c.getLivenessProbe()}) {
            // Go's TCPSocketAction.Port is an IntOrString without omitempty: Knative's round trip writes port 0
            if (probe != null && probe.getTcpSocket() != null && probe.getTcpSocket().getPort() == null) {
                probe.getTcpSocket().setPort(new IntOrString(0));
            }
            if (probe != null && probe.getGrpc() != null && probe.getGrpc().getService() == null) {
                probe.getGrpc().setService("");
            }
        }
        // applyGRPCProbeDefaults (pkg/apis/serving/v1/revision_defaults.go) gives the startup probe's gRPC service ""
        Probe startup = c.getStartupProbe();
        if (startup != null && startup.getGrpc() != null && startup.getGrpc().getService() == null) {
            startup.getGrpc().setService("");
        }
        Set<String> writable = new HashSet<>();
        for (Volume v : rs.getVolumes() == null ? List.<Volume>of() : rs.getVolumes()) {
            if (v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null || v.getEphemeral() != null) {
                writable.add(v.getName());
            }
        }
        for (VolumeMount vm : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            if (!writable.contains(vm.getName())) {
                vm.setReadOnly(true);
            }
        }
    }

    private static void resources(Container c, DefaultsConfig.RevisionResources r) {
        Map<String, Optional<String>> requests = new LinkedHashMap<>();
        requests.put("cpu", r.cpuRequest());
        requests.put("memory", r.memoryRequest());
        requests.put("ephemeral-storage", r.ephemeralStorageRequest());
        Map<String, Optional<String>> limits = new LinkedHashMap<>();
        limits.put("cpu", r.cpuLimit());
        limits.put("memory", r.memoryLimit());
        limits.put("ephemeral-storage", r.ephemeralStorageLimit());
        if (requests.values().stream().allMatch(Optional::isEmpty) && limits.values().stream()
                .allMatch(Optional::isEmpty)) {
            return;
        }
        ResourceRequirements res = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        res.setRequests(merge(res.getRequests(), requests));
        res.setLimits(merge(res.getLimits(), limits));
        c.setResources(res);
    }

    private static Map<String, Quantity> merge(Map<String, Quantity> existing, Map<String, Optional<String>> dflt) {
        Map<String, Quantity> out = existing == null ? new LinkedHashMap<>() : new LinkedHashMap<>(existing);
        dflt.forEach((k, v) -> v.ifPresent(q -> out.putIfAbsent(k, new Quantity(q))));
        return out.isEmpty() ? existing : out;
    }

    private static void securityContext(PodSecurityContext podSc, Container c, ConfigSnapshot config) {
        SecurePodDefaults spd = config.features().securePodDefaults();
        if (spd == SecurePodDefaults.DISABLED) {
            return;
        }
        PodSecurityContext psc = podSc == null ? new PodSecurityContext() : podSc;
        SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        if (sc.getAllowPrivilegeEscalation() == null) {
            sc.setAllowPrivilegeEscalation(false);
        }
        if (psc.getSeccompProfile() == null || nz(psc.getSeccompProfile().getType()).isEmpty()) {
            if (sc.getSeccompProfile() == null) {
                sc.setSeccompProfile(new SeccompProfile());
            }
            if (nz(sc.getSeccompProfile().getType()).isEmpty()) {
                sc.getSeccompProfile().setType("RuntimeDefault");
            }
        }
        if (sc.getCapabilities() == null) {
            Capabilities cap = new Capabilities();
            cap.setDrop(new ArrayList<>(List.of("ALL")));
            boolean lowPort = false;
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (p.getContainerPort() == null || p.getContainerPort() < 1024) {
                    lowPort = true;
                    break;
                }
            }
            if (lowPort) {
                cap.setAdd(new ArrayList<>(List.of("NET_BIND_SERVICE")));
            }
            sc.setCapabilities(cap);
        }
        if (spd == SecurePodDefaults.ENABLED && psc.getRunAsNonRoot() == null && sc.getRunAsNonRoot() == null) {
            sc.setRunAsNonRoot(true);
        }
        c.setSecurityContext(sc);
    }
}
