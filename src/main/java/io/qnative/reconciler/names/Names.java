package io.qnative.reconciler.names;

import static io.qnative.api.validation.K8sNames.childName;

import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.validation.K8sNames;

/**
 * The names of every child object the reconcilers create, Knative's {@code resources/names} packages in one class.
 * Anything that could exceed Kubernetes' 63-character limit goes through {@link K8sNames#childName(String, String)}.
 */
public final class Names {

    private Names() {
    }

    // ---- Service ----

    /** The Configuration of a Service: the Service's name. */
    public static String configuration(HasMetadata service) {
        return service.getMetadata().getName();
    }

    /** The Route of a Service: the Service's name. */
    public static String route(HasMetadata service) {
        return service.getMetadata().getName();
    }

    // ---- Configuration ----

    /**
     * The Revision a Configuration wants for its current generation: the template's {@code metadata.name} (bring
     * your own) or {@code <config>-%05d} of the Configuration's generation.
     */
    public static String revision(Configuration configuration) {
        String byo = byoRevisionName(configuration);
        if (byo != null) {
            return byo;
        }
        Long generation = configuration.getMetadata().getGeneration();
        return revision(configuration.getMetadata().getName(), generation == null ? 0 : generation);
    }

    /** {@code ChildName(<config>, "-%05d" % generation)}: {@code foo-00001}. */
    public static String revision(String configurationName, long generation) {
        return childName(configurationName, String.format("-%05d", generation));
    }

    /** The template's {@code metadata.name}, or null when the Configuration names no revision. */
    public static String byoRevisionName(Configuration configuration) {
        if (configuration.getSpec() == null || configuration.getSpec().getTemplate() == null) {
            return null;
        }
        ObjectMeta meta = configuration.getSpec().getTemplate().getMetadata();
        String name = meta == null ? null : meta.getName();
        return name == null || name.isEmpty() ? null : name;
    }

    // ---- Revision ----

    /** The Deployment of a Revision: {@code ChildName(<rev>, "-deployment")}. */
    public static String deployment(HasMetadata revision) {
        return childName(revision.getMetadata().getName(), "-deployment");
    }

    /** The PodAutoscaler of a Revision: the Revision's name. */
    public static String podAutoscaler(HasMetadata revision) {
        return revision.getMetadata().getName();
    }

    /**
     * The public Kubernetes Service of a Revision (no selector; qnative's gateway is its endpoints): the Revision's
     * name, as Knative's ServerlessService names it.
     */
    public static String publicService(HasMetadata revision) {
        return revision.getMetadata().getName();
    }

    /** The private Kubernetes Service of a Revision (selects its pods): {@code ChildName(<rev>, "-private")}. */
    public static String privateService(HasMetadata revision) {
        return childName(revision.getMetadata().getName(), "-private");
    }

    /** The caching Image of one container of a Revision: {@code ChildName(<rev>-cache, "-<container>")}. */
    public static String imageCache(HasMetadata revision, String containerName) {
        return childName(revision.getMetadata().getName() + "-cache", "-" + containerName);
    }

    // ---- Route ----

    /** The placeholder Kubernetes Service of a Route: the Route's name. */
    public static String routeService(HasMetadata route) {
        return route.getMetadata().getName();
    }

    /** The KIngress of a Route: the Route's name. */
    public static String ingress(HasMetadata route) {
        return route.getMetadata().getName();
    }

    /** The Certificate of a Route's hosts: {@code route-<uid>}. */
    public static String certificate(HasMetadata route) {
        return "route-" + route.getMetadata().getUid();
    }

    /**
     * The Certificate of one tag's host: {@code route-<uid>-<adler32(tag)>} (decimal), as Knative keeps it within 63
     * characters; the untagged host uses {@link #certificate(HasMetadata)}.
     */
    public static String tagCertificate(HasMetadata route, String tag) {
        if (tag == null || tag.isEmpty()) {
            return certificate(route);
        }
        Adler32 adler = new Adler32();
        adler.update(tag.getBytes(StandardCharsets.UTF_8));
        return certificate(route) + "-" + adler.getValue();
    }

    // ---- DomainMapping ----

    /** The KIngress of a DomainMapping: {@code ChildName(<domain>, "")}. */
    public static String domainMappingIngress(HasMetadata domainMapping) {
        return childName(domainMapping.getMetadata().getName(), "");
    }

    /** The Certificate of a DomainMapping's domain: {@code ChildName(<domain>, "")}. */
    public static String domainMappingCertificate(HasMetadata domainMapping) {
        return childName(domainMapping.getMetadata().getName(), "");
    }

    /** The cluster-scoped ClusterDomainClaim of a DomainMapping's domain: the domain itself. */
    public static String domainClaim(HasMetadata domainMapping) {
        return domainMapping.getMetadata().getName();
    }
}
