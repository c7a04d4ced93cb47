package io.qnative.webhook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The AdmissionReviews {@link WebhookServer#warmUp()} answers in-process before the webhook reports ready: one of
 * each kind and operation the API server sends most (a ksvc CREATE and UPDATE, the reconcilers' status updates of
 * every serving kind, a DomainMapping, a config-map change), so that a new replica's first real reviews do not pay
 * the loading and first interpretation of the model classes and rules (docs/memory-and-startup.md: seconds on a busy
 * two-core node, when a replacement pod takes over). The same reviews run in the CDS training start (hack/appcds.sh),
 * so their classes are in the application archive.
 */
final class AdmissionWarmup {

    private static final String GROUP = "serving.knative.dev";
    private static final String NAMESPACE = "qnative-warmup";

    /** One review for one endpoint. */
    record Sample(String path, byte[] body) {
    }

    private static final String TEMPLATE_SPEC = """
            {"containerConcurrency":0,"timeoutSeconds":300,"containers":[{"name":"user-container",\
            "image":"registry.example/hello:1","env":[{"name":"TARGET","value":"World"}],\
            "ports":[{"containerPort":8080}],\
            "resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"cpu":"500m","memory":"512Mi"}},\
            "readinessProbe":{"httpGet":{"path":"/ready"},"successThreshold":1},\
            "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]},\
            "runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}}]}""";
    private static final String TEMPLATE = """
            {"metadata":{"annotations":{"autoscaling.knative.dev/min-scale":"1",\
            "autoscaling.knative.dev/target":"100"}},"spec":""" + TEMPLATE_SPEC + "}";
    private static final String CONDITIONS = """
            "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-01T00:00:00Z"}]""";
    private static final String META = """
            "metadata":{"name":"%s","namespace":"qnative-warmup","generation":1,%s\
            "annotations":{"serving.knative.dev/creator":"warmup","serving.knative.dev/lastModifier":"warmup"}}""";
    /** A child's labels and controller reference, as the reconcilers write them. */
    private static final String CHILD = """
            "labels":{"serving.knative.dev/service":"hello","serving.knative.dev/configuration":"hello"},\
            "ownerReferences":[{"apiVersion":"serving.knative.dev/v1","kind":"%s","name":"hello",\
            "uid":"00000000-0000-4000-8000-000000000001","controller":true,"blockOwnerDeletion":true}],""";
    private static final String URL = "\"url\":\"http://hello.qnative-warmup.example.com\"";

    private static final String SERVICE = object("v1", "Service", META.formatted("hello", ""),
            "{\"template\":" + TEMPLATE + ",\"traffic\":[{\"latestRevision\":true,\"percent\":100},"
                    + "{\"tag\":\"t\",\"revisionName\":\"hello-00001\",\"percent\":0}]}",
            "{\"observedGeneration\":1," + CONDITIONS + "," + URL + "}");
    private static final String CONFIGURATION = object("v1", "Configuration",
            META.formatted("hello", CHILD.formatted("Service")), "{\"template\":" + TEMPLATE + "}",
            "{\"observedGeneration\":1," + CONDITIONS + ",\"latestCreatedRevisionName\":\"hello-00001\","
                    + "\"latestReadyRevisionName\":\"hello-00001\"}");
    private static final String REVISION = object("v1", "Revision",
            META.formatted("hello-00001", CHILD.formatted("Configuration")), TEMPLATE_SPEC,
            "{\"observedGeneration\":1," + CONDITIONS + ",\"actualReplicas\":1,\"desiredReplicas\":1,"
                    + "\"containerStatuses\":[{\"name\":\"user-container\",\"imageDigest\":"
                    + "\"registry.example/hello@sha256:" + "0".repeat(64) + "\"}]}");
    private static final String ROUTE = object("v1", "Route", META.formatted("hello", CHILD.formatted("Service")),
            "{\"traffic\":[{\"configurationName\":\"hello\",\"latestRevision\":true,\"percent\":100}]}",
            "{\"observedGeneration\":1," + CONDITIONS + "," + URL + ",\"traffic\":[{\"revisionName\":"
                    + "\"hello-00001\",\"latestRevision\":true,\"percent\":100}]}");
    private static final String DOMAIN_MAPPING = object("v1beta1", "DomainMapping",
            META.formatted("hello.example.org", ""),
            "{\"ref\":{\"apiVersion\":\"serving.knative.dev/v1\",\"kind\":\"Service\",\"name\":\"hello\"}}",
            null);

    private AdmissionWarmup() {
    }

    /** The samples, config-map ones for {@code systemNamespace}. */
    static List<Sample> samples(String systemNamespace) {
        List<Sample> samples = new ArrayList<>();
        for (String path : List.of(WebhookServer.DEFAULTING, WebhookServer.RESOURCE_VALIDATION)) {
            samples.add(new Sample(path, serving("v1", "Service", "hello", "CREATE", "", SERVICE, null)));
            samples.add(new Sample(path, serving("v1", "Service", "hello", "UPDATE", "", SERVICE, SERVICE)));
            samples.add(new Sample(path, serving("v1", "Service", "hello", "UPDATE", "status", SERVICE, SERVICE)));
            samples.add(new Sample(path, serving("v1", "Configuration", "hello", "UPDATE", "status", CONFIGURATION,
                    CONFIGURATION)));
            samples.add(new Sample(path, serving("v1", "Revision", "hello-00001", "UPDATE", "status", REVISION,
                    REVISION)));
            samples.add(new Sample(path, serving("v1", "Route", "hello", "UPDATE", "status", ROUTE, ROUTE)));
            samples.add(new Sample(path, serving("v1beta1", "DomainMapping", "hello.example.org", "CREATE", "",
                    DOMAIN_MAPPING, null)));
        }
        String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":"
                + "\"config-autoscaler\",\"namespace\":\"" + systemNamespace + "\"},\"data\":{"
                + "\"container-concurrency-target-default\":\"100\",\"stable-window\":\"60s\","
                + "\"enable-scale-to-zero\":\"true\",\"allow-zero-initial-scale\":\"false\"}}";
        samples.add(new Sample(WebhookServer.CONFIG_VALIDATION, review("", "v1", "ConfigMap", "configmaps",
                "config-autoscaler", "UPDATE", "", systemNamespace, configMap, configMap)));
        return samples;
    }

    private static String object(String version, String kind, String metadata, String spec, String status) {
        return "{\"apiVersion\":\"serving.knative.dev/" + version + "\",\"kind\":\"" + kind + "\"," + metadata
                + ",\"spec\":" + spec + (status == null ? "" : ",\"status\":" + status) + "}";
    }

    /** A review of a serving kind in the warm-up's namespace; the resource is the kind's plural. */
    private static byte[] serving(String version, String kind, String name, String operation, String subResource,
            String object, String oldObject) {
        String resource = kind.toLowerCase(Locale.ROOT) + "s";
        return review(GROUP, version, kind, resource, name, operation, subResource, NAMESPACE, object, oldObject);
    }

    private static byte[] review(String group, String version, String kind, String resource, String name,
            String operation, String subResource, String namespace, String object, String oldObject) {
        return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
                + "\"uid\":\"warmup\",\"kind\":{\"group\":\"" + group + "\",\"version\":\"" + version
                + "\",\"kind\":\"" + kind + "\"},\"resource\":{\"group\":\"" + group + "\",\"version\":\""
                + version + "\",\"resource\":\"" + resource + "\"},"
                + (subResource.isEmpty() ? "" : "\"subResource\":\"" + subResource + "\",")
                + "\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\",\"operation\":\""
                + operation + "\",\"userInfo\":{\"username\":\"warmup\"},\"object\":" + object
                + (oldObject == null ? "" : ",\"oldObject\":" + oldObject) + "}}").getBytes(StandardCharsets.UTF_8);
    }
}
