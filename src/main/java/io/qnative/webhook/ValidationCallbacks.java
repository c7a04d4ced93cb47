package io.qnative.webhook;

import static io.qnative.api.validation.GoFormat.nz;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionTemplateSpec;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.validation.AdmissionContext;
import io.qnative.api.validation.AdmissionContext.Operation;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.PodSpecs;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Knative's validation callbacks for Services and Configurations ({@code pkg/webhook/validate_unstructured.go},
 * {@code podspec_dryrun.go}): on a dry-run CREATE or UPDATE only ({@code kubectl apply --dry-run=server}), the
 * template's pod spec, as a Revision's Deployment would run it, is dry-run created as a Pod, and the API server's
 * rejection denies the request with {@code validation callback failed: dry run failed with <error>: spec.template}.
 * A Configuration owned by a Service is skipped (its Service was checked). A server that does not support dry run
 * for pods (another webhook with side effects) admits the request, as Knative's non-strict mode.
 *
 * <p>{@link #check} blocks on the API server: call it off the event loop.
 */
public final class ValidationCallbacks {

    private static final Logger LOG = Logger.getLogger(ValidationCallbacks.class);
    private static final Set<String> KINDS = Set.of("Service", "Configuration");
    private static final String FIELD = "spec.template";
    /** The generateName of the dry-run pod (Knative's). */
    static final String GENERATE_NAME = "dry-run-validation";

    private final PodDryRun dryRun;

    public ValidationCallbacks(PodDryRun dryRun) {
        this.dryRun = dryRun;
    }

    /**
     * Whether {@code request} has a callback: a dry-run CREATE or UPDATE of a serving.knative.dev/v1 Service or
     * Configuration.
     */
    public boolean applies(AdmissionRequest request) {
        return request.dryRun() && request.isCreateOrUpdate() && ServingKeys.GROUP.equals(request.group())
                && "v1".equals(request.version()) && KINDS.contains(request.kind()) && request.subResource().isEmpty();
    }

    /**
     * The denial message of the callback, empty when the request passes (or has no callback). Reads the object
     * decoded for the rules (not decoded again) and defaults its template in place: run it after them.
     */
    public Optional<String> check(AdmissionRequest request, ConfigSnapshot config) {
        if (!applies(request)) {
            return Optional.empty();
        }
        ObjectMeta meta;
        RevisionTemplateSpec template;
        try {
            if ("Service".equals(request.kind())) {
                Service service = request.object().as(Service.class);
                meta = service.getMetadata();
                template = service.getSpec() == null ? null : service.getSpec().getTemplate();
            } else {
                Configuration configuration = request.object().as(Configuration.class);
                meta = configuration.getMetadata();
                if (meta != null && meta.getLabels() != null
                        && !nz(meta.getLabels().get(ServingKeys.SERVICE)).isEmpty()) {
                    return Optional.empty(); // owned by a Service, which was checked
                }
                template = configuration.getSpec() == null ? null : configuration.getSpec().getTemplate();
            }
        } catch (ReviewObject.Undecodable e) {
            return e.absent() ? Optional.empty() : Optional.of("validation callback failed: could not decode"
                    + " RevisionTemplateSpec from resource: " + e.getMessage());
        }
        if (template == null || template.getMetadata() == null && template.getSpec() == null
                && !template.hasAdditionalProperties()) {
            return Optional.empty();
        }
        String namespace = meta == null ? "" : nz(meta.getNamespace());
        Pod pod = pod(template, namespace.isEmpty() ? request.namespace() : namespace, request, config);
        try {
            String error = dryRun.create(pod);
            if (error == null) {
                return Optional.empty();
            }
            if (error.contains("does not support dry run")) {
                LOG.warnf("dry run validation of %s %s/%s skipped, a webhook did not support dry-run: %s",
                        request.kind(), request.namespace(), request.name(), error);
                return Optional.empty();
            }
            return Optional.of(deny("dry run failed with " + error));
        } catch (PodDryRun.UnreachableException e) {
            return Optional.of(deny("dry run of the pod spec could not be checked: " + e.getMessage()));
        }
    }

    /** The Pod Knative's {@code validatePodSpec} builds: a defaulted Revision's pod spec, no config-dependent parts. */
    static Pod pod(RevisionTemplateSpec template, String namespace, AdmissionRequest request, ConfigSnapshot config) {
        ObjectMeta meta = new ObjectMetaBuilder().withGenerateName(GENERATE_NAME).withNamespace(namespace).build();
        Revision rev = new Revision();
        // named only for the builder (labels, env); the Pod itself takes the generateName
        rev.setMetadata(new ObjectMetaBuilder(meta).withName(GENERATE_NAME).build());
        rev.setSpec(template.getSpec());
        rev.setDefaults(new AdmissionContext(Operation.CREATE, "", request.username(), Optional.empty(), config,
                true));
        PodSpec spec = PodSpecs.make(rev, config, new DeploymentOptions(0, 0));
        // as Knative's BuildPodSpec without configs: nothing the config-* maps add to a Deployment's pods
        spec.setAffinity(rev.getSpec().getAffinity());
        spec.setRuntimeClassName(rev.getSpec().getRuntimeClassName());
        spec.setEnableServiceLinks(rev.getSpec().getEnableServiceLinks());
        Pod pod = new Pod();
        pod.setMetadata(meta);
        pod.setSpec(spec);
        return pod;
    }

    private static String deny(String message) {
        return "validation callback failed: " + message + ": " + FIELD;
    }
}
