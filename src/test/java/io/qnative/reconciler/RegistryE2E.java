package io.qnative.reconciler;

import static io.qnative.reconciler.ServingE2E.awaitReady;
import static io.qnative.reconciler.ServingE2E.create;
import static io.qnative.reconciler.ServingE2E.edit;
import static io.qnative.reconciler.ServingE2E.get;
import static io.qnative.reconciler.ServingE2E.ksvc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.ContainerStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.testing.e2e.ClusterSession;
import io.qnative.testing.e2e.ImageRegistry;
import io.qnative.testing.e2e.TestNamespace;
import io.qnative.testing.e2e.WithQnative;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Tag-to-digest resolution end to end with the local cluster's registry (hack/registry/up.sh, Debian's docker-registry
 * on loopback, the stand-in samples published in it): Knative's TestServiceCreateAndUpdate digest checks
 * ({@code test/conformance/api/v1/service_test.go}: each container's {@code imageDigest} parses as a digest of the
 * image's repository, and the Revision's Deployment and pods run that digest), a tag moved after a revision was created
 * (its pods keep the digest it resolved; a new revision gets the new one), and an image the registry does not have
 * (TestContainerErrorMsg, {@code test/conformance/api/v1/errorcondition_test.go}: {@code ContainerMissing} through
 * Revision, Configuration, Route and Service); a registry that is down fails the revision with {@code ContainerMissing}
 * and the revision becomes ready once the registry is back (Knative's {@code pkg/reconciler/revision/revision.go}
 * retries the resolution); a private image of a registry behind basic auth resolves and is pulled with the ksvc's
 * {@code imagePullSecrets}, and fails with {@code ContainerMissing} without.
 */
@WithQnative(value = "registry")
class RegistryE2E {

    private static final Duration READY = Duration.ofSeconds(120);

    @Test
    void aServiceOfTheRegistrysSamplesRunsTheirDigestsAcrossAnUpdate(KubernetesClient client, TestNamespace ns,
            ImageRegistry registry) throws Exception {
        String n = ns.name();
        Service svc = ksvc(n, "digest", "one");
        image(svc, registry.image(ImageRegistry.HELLOWORLD));
        create(client, svc);
        Service first = awaitReady(client, n, "digest");
        String hello = registry.image(ImageRegistry.HELLOWORLD) + "@" + registry.digest(ImageRegistry.HELLOWORLD,
                "latest");
        assertRunsDigest(client, n, first.getStatus().getLatestReadyRevisionName(), "1",
                registry.image(ImageRegistry.HELLOWORLD), hello);

        // an update to the other sample: a new revision with that image's digest, the first one keeps its own
        edit(client, n, "digest", s -> image(s, registry.image(ImageRegistry.AUTOSCALE) + ":latest"));
        Service second = await("second revision ready").atMost(READY).until(() -> awaitReady(client, n, "digest"),
                s -> !s.getStatus().getLatestReadyRevisionName().equals(first.getStatus()
                        .getLatestReadyRevisionName()));
        String autoscale = registry.image(ImageRegistry.AUTOSCALE) + "@" + registry.digest(ImageRegistry.AUTOSCALE,
                "latest");
        assertRunsDigest(client, n, second.getStatus().getLatestReadyRevisionName(), "2",
                registry.image(ImageRegistry.AUTOSCALE), autoscale);
        assertThat(deploymentImage(client, n, first.getStatus().getLatestReadyRevisionName())).isEqualTo(hello);
        assertThat(hello).isNotEqualTo(autoscale);
    }

    @Test
    void aTagMovedAfterTheRevisionWasCreatedDoesNotChangeItsPodsImage(KubernetesClient client, TestNamespace ns,
            ImageRegistry registry) throws Exception {
        String n = ns.name();
        String repository = "e2e/" + n + "/moving";
        String before = registry.push(repository, "v1", "one " + n);
        Service svc = ksvc(n, "moving", "one");
        image(svc, registry.image(repository) + ":v1");
        // one pod all along (no scale to zero while the test replaces it)
        svc.getSpec().getTemplate().getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(
                "autoscaling.knative.dev/min-scale", "1")));
        create(client, svc);
        String rev1 = awaitReady(client, n, "moving").getStatus().getLatestReadyRevisionName();
        String pinned = registry.image(repository) + "@" + before;
        assertRunsDigest(client, n, rev1, "1", registry.image(repository), pinned);

        String after = registry.push(repository, "v1", "two " + n);
        assertThat(after).isNotEqualTo(before);
        assertThat(registry.digest(repository, "v1")).isEqualTo(after);

        // a replacement pod of the same revision still runs the digest the revision resolved, not the tag's new one
        Pod old = runningPod(client, n, rev1, null);
        client.pods().inNamespace(n).resource(old).delete();
        Pod replacement = runningPod(client, n, rev1, old.getMetadata().getUid());
        assertThat(userContainer(replacement).getImage()).isEqualTo(pinned);
        assertThat(imageId(replacement)).isEqualTo("docker-pullable://" + pinned);
        assertThat(revisionDigest(client, n, rev1)).isEqualTo(pinned);

        // a new revision resolves the tag again
        edit(client, n, "moving", s -> ServingE2E.env(s, "two"));
        Service second = await("second revision ready").atMost(READY).until(() -> awaitReady(client, n, "moving"),
                s -> !s.getStatus().getLatestReadyRevisionName().equals(rev1));
        assertRunsDigest(client, n, second.getStatus().getLatestReadyRevisionName(), "2", registry.image(repository),
                registry.image(repository) + "@" + after);
        assertThat(deploymentImage(client, n, rev1)).isEqualTo(pinned);
    }

    @Test
    void anImageTheRegistryDoesNotHaveFailsWithContainerMissingDownToTheService(KubernetesClient client,
            TestNamespace ns, ImageRegistry registry) {
        String n = ns.name();
        String image = registry.image("e2e/" + n + "/missing") + ":v1";
        Service svc = ksvc(n, "missing", "one");
        image(svc, image);
        create(client, svc);

        Service failed = await("ksvc failed").atMost(READY).pollInterval(Duration.ofMillis(250)).until(
                () -> get(client, Service.class, n, "missing"), s -> s != null && s.getStatus() != null
                        && s.getStatus().getObservedGeneration() != null
                        && s.getStatus().getObservedGeneration().equals(s.getMetadata().getGeneration())
                        && "False".equals(status(s.getStatus().getConditions(), "ConfigurationsReady"))
                        && "False".equals(status(s.getStatus().getConditions(), "RoutesReady")));
        assertThat(condition(failed.getStatus().getConditions(), "Ready")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("RevisionMissing");
            assertThat(c.getMessage()).isNotEmpty();
        });
        Revision rev = get(client, Revision.class, n, failed.getStatus().getLatestCreatedRevisionName());
        assertThat(condition(rev.getStatus().getConditions(), "ContainerHealthy")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ContainerMissing");
            assertThat(c.getMessage()).startsWith("Unable to fetch image \"" + image + "\": failed to resolve image "
                    + "to digest:");
        });
        assertThat(condition(rev.getStatus().getConditions(), "Ready")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("ContainerMissing");
        });
        Route route = get(client, Route.class, n, "missing");
        assertThat(condition(route.getStatus().getConditions(), "AllTrafficAssigned")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("RevisionMissing");
        });
        assertThat(client.apps().deployments().inNamespace(n).list().getItems()).isEmpty();
    }

    @Test
    void aRegistryThatIsDownFailsTheRevisionWithContainerMissingAndItBecomesReadyOnceTheRegistryIsBack(
            ClusterSession cluster, KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        ImageRegistry flaky = cluster.startRegistry(n);
        try {
            String digest = flaky.image(ImageRegistry.HELLOWORLD) + "@" + flaky.digest(ImageRegistry.HELLOWORLD,
                    "latest");
            flaky.stop();
            String image = flaky.image(ImageRegistry.HELLOWORLD);
            Service svc = ksvc(n, "flaky", "one");
            image(svc, image);
            create(client, svc);

            Revision failed = await("ContainerMissing while the registry is down").atMost(READY)
                    .pollInterval(Duration.ofMillis(250)).until(() -> get(client, Revision.class, n, "flaky-00001"),
                            r -> r != null && r.getStatus() != null && r.getStatus().getConditions() != null
                                    && "ContainerMissing".equals(reason(r.getStatus().getConditions(),
                                            "ContainerHealthy")));
            assertThat(condition(failed.getStatus().getConditions(), "ContainerHealthy").getMessage())
                    .startsWith("Unable to fetch image \"" + image + "\": failed to resolve image to digest:")
                    .contains(flaky.host());
            assertThat(client.apps().deployments().inNamespace(n).withName("flaky-00001-deployment").get()).isNull();
            Service down = get(client, Service.class, n, "flaky");
            assertThat(down.isReady()).isFalse();

            // back on the same port with the same storage: the retried resolution gets the digest
            flaky.restart();
            Service ready = awaitReady(client, n, "flaky");
            assertThat(ready.getStatus().getLatestReadyRevisionName()).isEqualTo("flaky-00001");
            assertRunsDigest(client, n, "flaky-00001", "1", flaky.image(ImageRegistry.HELLOWORLD), digest);
        } finally {
            flaky.stop();
        }
    }

    @Test
    void aPrivateImageRunsItsDigestWithAPullSecretAndFailsWithContainerMissingWithout(ClusterSession cluster,
            KubernetesClient client, TestNamespace ns) throws Exception {
        String n = ns.name();
        ImageRegistry locked = cluster.startRegistry(n + "-auth", "alice", "s3cret");
        try {
            String pushed = locked.push("team/private", "v1", "secret bits " + n);
            String image = locked.image("team/private") + ":v1";

            // no pull secret: Knative's condition and message, nothing deployed
            Service anonymous = ksvc(n, "anonymous", "one");
            image(anonymous, image);
            create(client, anonymous);
            Revision denied = await("ContainerMissing without a pull secret").atMost(READY)
                    .pollInterval(Duration.ofMillis(250)).until(() -> get(client, Revision.class, n,
                            "anonymous-00001"), r -> r != null && r.getStatus() != null
                                    && r.getStatus().getConditions() != null && "ContainerMissing".equals(reason(
                                            r.getStatus().getConditions(), "ContainerHealthy")));
            assertThat(condition(denied.getStatus().getConditions(), "ContainerHealthy").getMessage())
                    .startsWith("Unable to fetch image \"" + image + "\": failed to resolve image to digest:")
                    .contains("UNAUTHORIZED");
            assertThat(client.apps().deployments().inNamespace(n).withName("anonymous-00001-deployment").get())
                    .isNull();

            // with the pull secret: qnative resolves the digest, the pod pulls it with the same secret
            String auth = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            String dockerConfig = "{\"auths\":{\"" + locked.host() + "\":{\"username\":\"alice\",\"password\":"
                    + "\"s3cret\",\"auth\":\"" + auth + "\"}}}";
            client.secrets().inNamespace(n).resource(new SecretBuilder().withNewMetadata().withName("regcred")
                    .endMetadata().withType("kubernetes.io/dockerconfigjson").addToData(".dockerconfigjson",
                            Base64.getEncoder().encodeToString(dockerConfig.getBytes(StandardCharsets.UTF_8)))
                    .build()).create();
            Service withSecret = ksvc(n, "private", "one");
            image(withSecret, image);
            withSecret.getSpec().getTemplate().getSpec().setImagePullSecrets(List.of(new LocalObjectReference(
                    "regcred")));
            create(client, withSecret);
            awaitReady(client, n, "private");
            assertRunsDigest(client, n, "private-00001", "1", locked.image("team/private"),
                    locked.image("team/private") + "@" + pushed);
        } finally {
            locked.stop();
        }
    }

    /**
     * Knative's S-control digest check for revision {@code rev} of configuration generation {@code gen}: the digest's
     * repository is the image's, and the Deployment and its running pod run exactly that digest.
     */
    private static void assertRunsDigest(KubernetesClient client, String ns, String rev, String gen,
            String repository, String digest) {
        Revision revision = get(client, Revision.class, ns, rev);
        assertThat(revision.getMetadata().getLabels()).containsEntry(ServingKeys.CONFIGURATION_GENERATION, gen);
        String imageDigest = revisionDigest(client, ns, rev);
        assertThat(imageDigest).isEqualTo(digest);
        assertThat(imageDigest.substring(0, imageDigest.indexOf('@'))).isEqualTo(repository);
        assertThat(imageDigest.substring(imageDigest.indexOf('@') + 1)).matches("sha256:[0-9a-f]{64}");
        assertThat(deploymentImage(client, ns, rev)).isEqualTo(digest);
        Pod pod = runningPod(client, ns, rev, null);
        assertThat(userContainer(pod).getImage()).isEqualTo(digest);
        assertThat(imageId(pod)).isEqualTo("docker-pullable://" + digest);
    }

    private static String revisionDigest(KubernetesClient client, String ns, String rev) {
        List<ContainerStatus> statuses = get(client, Revision.class, ns, rev).getStatus().getContainerStatuses();
        assertThat(statuses).singleElement().satisfies(c -> assertThat(c.getName()).isEqualTo("user-container"));
        return statuses.get(0).getImageDigest();
    }

    private static String deploymentImage(KubernetesClient client, String ns, String rev) {
        Deployment d = get(client, Deployment.class, ns, rev + "-deployment");
        return d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> "user-container".equals(c.getName())).findFirst().orElseThrow().getImage();
    }

    /** The revision's running, ready pod (other than the one of uid {@code notUid}). */
    private static Pod runningPod(KubernetesClient client, String ns, String rev, String notUid) {
        return await("a ready pod of " + rev).atMost(READY).pollInterval(Duration.ofMillis(250)).until(
                () -> client.pods().inNamespace(ns).withLabel(ServingKeys.REVISION, rev).list().getItems().stream()
                        .filter(p -> p.getMetadata().getDeletionTimestamp() == null
                                && !p.getMetadata().getUid().equals(notUid) && p.getStatus() != null
                                && p.getStatus().getContainerStatuses() != null
                                && p.getStatus().getContainerStatuses().stream()
                                        .anyMatch(c -> Boolean.TRUE.equals(c.getReady())))
                        .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static Container userContainer(Pod pod) {
        return pod.getSpec().getContainers().stream().filter(c -> "user-container".equals(c.getName())).findFirst()
                .orElseThrow();
    }

    private static String imageId(Pod pod) {
        return pod.getStatus().getContainerStatuses().stream().filter(c -> "user-container".equals(c.getName()))
                .findFirst().orElseThrow().getImageID();
    }

    private static void image(Service s, String image) {
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    }

    private static Condition condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow(
                () -> new AssertionError("no " + type + " condition in " + conditions));
    }

    private static String reason(List<Condition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().map(Condition::getReason)
                .orElse(null);
    }

    private static String status(List<Condition> conditions, String type) {
        return conditions == null ? null : conditions.stream().filter(c -> type.equals(c.getType()))
                .findFirst().map(Condition::getStatus).orElse(null);
    }
}
