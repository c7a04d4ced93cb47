package io.qnative.reconciler.revision;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Revision;
import io.qnative.api.serving.v1.RevisionConditions;
import io.qnative.api.serving.v1.RevisionStatus;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.ObservabilityConfig;
import io.qnative.gateway.Gateway;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.revision.resources.ContainerStatuses;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.reconciler.revision.resources.Services;
import io.qnative.reconciler.revision.digest.DigestResolver;
import io.qnative.reconciler.revision.digest.ImageRef;
import io.qnative.reconciler.revision.digest.RegistryAuth;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The Revision reconciler's table (Knative's {@code revision/table_test.go} rows that apply without a sidecar). */
class RevisionReconcilerIT {

    static final Instant NOW = Fixtures.NOW;
    static final ConfigSnapshot CONFIG = ConfigSnapshot.DEFAULT;
    static final String DEPLOYING = RevisionConditions.REASON_DEPLOYING;

    static RevisionReconciler reconciler(TableContext ctx) {
        return new RevisionReconciler(ctx.lister(Revision.class), ctx.lister(Deployment.class),
                ctx.lister(Service.class), ctx.lister(PodAutoscaler.class), ctx.lister(Pod.class), ctx.children(),
                ctx.events(), ctx.snapshot(), () -> 20, Gateway.Ports.DEFAULTS,
                new DigestResolver((ns, sa, secrets) -> Map.of(), RevisionReconcilerIT::registry, Runnable::run,
                        key -> { }, 10),
                ctx.statusUpdater(), ctx.clock());
    }

    static final String DIGEST = "sha256:" + "a".repeat(64);

    /** A registry holding ko.local/app:v1 only, answering at once (the resolver's executor runs inline). */
    static String registry(ImageRef ref, Optional<RegistryAuth.Credentials> credentials, Duration timeout)
            throws IOException {
        if (ref.registry().equals("ko.local") && ref.repository().equals("app") && "v1".equals(ref.tag())) {
            return DIGEST;
        }
        throw new IOException("GET http://" + ref.registry() + "/v2/" + ref.repository() + "/manifests/"
                + ref.tag() + ": MANIFEST_UNKNOWN: manifest unknown");
    }

    /** Default config except that ko.local is resolved. */
    static final ConfigSnapshot RESOLVING = ConfigSnapshot.apply(CONFIG, "config-deployment",
            Map.of("registries-skipping-tag-resolving", "kind.local"));

    /** foo-00001 with the given status on top of initialised conditions, recorded images, generation observed. */
    static Revision rev(Consumer<RevisionStatus> status) {
        Revision r = Fixtures.revision();
        RevisionStatus st = new RevisionStatus();
        st.initializeConditions(NOW);
        st.setContainerStatuses(ContainerStatuses.of(r.getSpec().getContainers()));
        st.setObservedGeneration(1L);
        status.accept(st);
        r.setStatus(st);
        return r;
    }

    /** The status a Revision has after its first pass: everything Deploying. */
    static void deploying(RevisionStatus st) {
        st.markResourcesAvailableUnknown(DEPLOYING, "", NOW);
        st.markContainerHealthyUnknown(DEPLOYING, "", NOW);
        st.markActiveUnknown(DEPLOYING, "", NOW);
    }

    static Deployment deployment(DeploymentStatus status) {
        Deployment d = Deployments.make(rev(s -> { }), CONFIG, DeploymentOptions.forMinor(20));
        d.setStatus(status);
        return d;
    }

    static DeploymentStatus available() {
        return new DeploymentStatusBuilder().withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1)
                .withConditions(condition("Available", "True", "MinimumReplicasAvailable", ""),
                        condition("Progressing", "True", "NewReplicaSetAvailable", ""))
                .build();
    }

    static DeploymentStatus progressing() {
        return new DeploymentStatusBuilder().withReplicas(1).withUnavailableReplicas(1)
                .withConditions(condition("Progressing", "True", "ReplicaSetUpdated", "")).build();
    }

    static DeploymentStatus timedOut() {
        return new DeploymentStatusBuilder().withReplicas(1).withUnavailableReplicas(1)
                .withConditions(condition("Progressing", "False", "ProgressDeadlineExceeded",
                        "ReplicaSet \"foo-00001-deployment-abc\" has timed out progressing.")).build();
    }

    static io.fabric8.kubernetes.api.model.apps.DeploymentCondition condition(String type, String status,
            String reason, String message) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).build();
    }

    static PodAutoscaler pa(Revision rev, Consumer<PodAutoscalerStatus> status) {
        PodAutoscaler pa = PodAutoscalers.make(rev, CONFIG, null);
        PodAutoscalerStatus st = new PodAutoscalerStatus();
        st.initializeConditions(NOW);
        status.accept(st);
        pa.setStatus(st);
        return pa;
    }

    static void initialised(PodAutoscalerStatus st) {
        st.markScaleTargetInitialized(NOW);
        st.markSksReady(NOW);
        st.markActive(NOW);
        st.setServiceName("foo-00001");
        st.setMetricsServiceName("foo-00001-private");
        st.setDesiredScale(1);
        st.setActualScale(1);
    }

    static Pod pod(Consumer<PodBuilder> status) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace("ns").withName("foo-00001-deployment-abc-x")
                .withLabels(Map.of(ServingKeys.REVISION, "foo-00001", ServingKeys.REVISION_UID, "rev-uid"))
                .endMetadata()
                .withNewSpec().addNewContainer().withName("user-container").withImage("ko.local/app:v1")
                .endContainer().endSpec();
        status.accept(b);
        return b.build();
    }

    /** The stored Revision, Services and PA of a Revision whose Deployment is in the given state. */
    static Stream<HasMetadata> settled(Revision rev, Deployment d) {
        return Stream.of(rev, d, Services.makePublic(rev), Services.makePrivate(rev), pa(rev, s -> { }));
    }

    static Row failing(String name, DeploymentStatus deploymentStatus, Pod pod, Consumer<RevisionStatus> want) {
        Revision stored = rev(RevisionReconcilerIT::deploying);
        Deployment d = deployment(deploymentStatus);
        PodAutoscaler unreachable = pa(stored, s -> { });
        unreachable.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        Row row = Row.named(name).objects(settled(stored, d).toArray(HasMetadata[]::new))
                .key("ns/foo-00001")
                .wantUpdates(unreachable)
                .wantStatusUpdates(rev(st -> {
                    deploying(st);
                    want.accept(st);
                    st.markActiveUnknown("", "", NOW);
                }));
        if (pod != null) {
            row.objects(pod);
        }
        return row;
    }

    static Stream<Row> rows() {
        Revision fresh = Fixtures.revision();
        Revision withImages = rev(s -> { });
        Deployment created = Deployments.make(withImages, CONFIG, DeploymentOptions.forMinor(20));
        Deployment foreign = deployment(null);
        foreign.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Revision").withName("other").withUid("other-uid").withController(true).build()));
        Deployment oldHash = deployment(available());
        oldHash.getMetadata().getLabels().put(ServingKeys.DEPLOYMENT_HASH, "old");
        oldHash.getMetadata().getLabels().put("team", "a");
        oldHash.getSpec().setReplicas(3);
        oldHash.getSpec().setProgressDeadlineSeconds(30);
        Deployment oldHashUpdated = Kmeta.deepCopy(oldHash, Deployment.class);
        oldHashUpdated.getSpec().setProgressDeadlineSeconds(600);
        oldHashUpdated.getMetadata().getLabels().put(ServingKeys.DEPLOYMENT_HASH,
                created.getMetadata().getLabels().get(ServingKeys.DEPLOYMENT_HASH));
        Deployment scaled = deployment(available());
        scaled.getSpec().setReplicas(3);
        Service foreignService = Services.makePrivate(withImages);
        foreignService.getMetadata().setOwnerReferences(List.of());
        Revision ready = rev(st -> {
            st.markResourcesAvailableTrue(NOW);
            st.markContainerHealthyTrue(NOW);
            st.markActiveTrue(NOW);
            st.setActualReplicas(1);
            st.setDesiredReplicas(1);
        });
        Revision digested = rev(s -> s.getContainerStatuses().get(0).setImageDigest("ko.local/app@" + DIGEST));
        Revision gone = Fixtures.revision();
        gone.getSpec().getContainers().get(0).setImage("ko.local/app:gone");
        Revision goneStatus = Fixtures.revision();
        goneStatus.getSpec().getContainers().get(0).setImage("ko.local/app:gone");
        RevisionStatus missing = new RevisionStatus();
        missing.initializeConditions(NOW);
        missing.markContainerHealthyFalse("ContainerMissing", "Unable to fetch image \"ko.local/app:gone\": failed to"
                + " resolve image to digest: GET http://ko.local/v2/app/manifests/gone: MANIFEST_UNKNOWN: manifest"
                + " unknown", NOW);
        missing.setObservedGeneration(1L);
        goneStatus.setStatus(missing);
        return Stream.of(
                Row.named("a tag is resolved to its digest, recorded, and the Deployment runs the digest")
                        .objects(Fixtures.revision())
                        .config(RESOLVING)
                        .key("ns/foo-00001")
                        .wantCreates(Deployments.make(digested, RESOLVING, DeploymentOptions.forMinor(20)),
                                Services.makePublic(digested), Services.makePrivate(digested),
                                PodAutoscalers.make(digested, RESOLVING, null))
                        .wantStatusUpdates(rev(st -> {
                            st.getContainerStatuses().get(0).setImageDigest("ko.local/app@" + DIGEST);
                            deploying(st);
                        }))
                        .wantEvents("Normal Created Created Deployment \"foo-00001-deployment\"",
                                "Normal Created Created Service \"foo-00001\"",
                                "Normal Created Created Service \"foo-00001-private\"",
                                "Normal Created Created PodAutoscaler \"foo-00001\""),
                Row.named("an unresolvable image fails ContainerHealthy with ContainerMissing, nothing deployed")
                        .objects(gone)
                        .config(RESOLVING)
                        .key("ns/foo-00001")
                        .wantStatusUpdates(goneStatus)
                        .wantErr(),
                Row.named("a new Revision creates its Deployment, both Services and its PodAutoscaler")
                        .objects(fresh)
                        .key("ns/foo-00001")
                        .wantCreates(created, Services.makePublic(withImages), Services.makePrivate(withImages),
                                PodAutoscalers.make(withImages, CONFIG, null))
                        .wantStatusUpdates(rev(RevisionReconcilerIT::deploying))
                        .wantEvents("Normal Created Created Deployment \"foo-00001-deployment\"",
                                "Normal Created Created Service \"foo-00001\"",
                                "Normal Created Created Service \"foo-00001-private\"",
                                "Normal Created Created PodAutoscaler \"foo-00001\""),
                Row.named("an available Deployment and an initialised PodAutoscaler make the Revision Ready")
                        .objects(rev(RevisionReconcilerIT::deploying), deployment(available()),
                                Services.makePublic(withImages), Services.makePrivate(withImages),
                                pa(withImages, RevisionReconcilerIT::initialised))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(ready)
                        .wantEvents("Normal RevisionReady Revision becomes ready upon all resources being ready"),
                Row.named("a Ready Revision stays as it is")
                        .objects(ready, deployment(available()), Services.makePublic(withImages),
                                Services.makePrivate(withImages), pa(withImages, RevisionReconcilerIT::initialised))
                        .key("ns/foo-00001"),
                Row.named("an available Deployment without an initialised PodAutoscaler is still Deploying")
                        .objects(rev(RevisionReconcilerIT::deploying), deployment(available()),
                                Services.makePublic(withImages), Services.makePrivate(withImages),
                                pa(withImages, s -> s.setServiceName("foo-00001")))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(rev(st -> {
                            st.markResourcesAvailableUnknown(DEPLOYING, "", NOW);
                            st.markContainerHealthyTrue(NOW);
                            st.markActiveUnknown("", "", NOW);
                        })),
                failing("progress deadline exceeded fails ResourcesAvailable", timedOut(), null,
                        st -> st.markResourcesAvailableFalse("ProgressDeadlineExceeded",
                                "ReplicaSet \"foo-00001-deployment-abc\" has timed out progressing.", NOW)),
                failing("a container that exited fails ContainerHealthy with its exit code", progressing(),
                        pod(p -> p.withNewStatus().addNewContainerStatus().withName("user-container")
                                .withNewLastState().withNewTerminated().withExitCode(5).withMessage("boom")
                                .endTerminated().endLastState().withNewState().withNewWaiting()
                                .withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus()
                                .endStatus()),
                        st -> st.markContainerHealthyFalse("ExitCode5", "Container failed with: boom", NOW)),
                failing("an image pull back-off past the deadline fails ResourcesAvailable with the pod's reason",
                        timedOut(),
                        pod(p -> p.withNewStatus().addNewContainerStatus().withName("user-container")
                                .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                                .withMessage("Back-off pulling image \"ko.local/app:v1\"").endWaiting().endState()
                                .endContainerStatus().endStatus()),
                        st -> st.markResourcesAvailableFalse("ImagePullBackOff",
                                "Back-off pulling image \"ko.local/app:v1\"", NOW)),
                failing("an unschedulable pod fails ResourcesAvailable", progressing(),
                        pod(p -> p.withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                                .withReason("Unschedulable").withMessage("0/1 nodes are available")
                                .endCondition().endStatus()),
                        st -> st.markResourcesAvailableFalse("Unschedulable", "0/1 nodes are available", NOW)),
                Row.named("a Deployment another object controls is not touched: NotOwned")
                        .objects(rev(RevisionReconcilerIT::deploying), foreign)
                        .key("ns/foo-00001")
                        .wantStatusUpdates(rev(st -> {
                            deploying(st);
                            st.markResourcesAvailableFalse("NotOwned",
                                    "There is an existing Deployment \"foo-00001-deployment\" that we do not own.",
                                    NOW);
                        }))
                        .wantErr(),
                Row.named("a Service another object controls is not touched: NotOwned")
                        .objects(rev(RevisionReconcilerIT::deploying), deployment(available()),
                                Services.makePublic(withImages), foreignService)
                        .key("ns/foo-00001")
                        .wantStatusUpdates(rev(st -> {
                            st.markResourcesAvailableFalse("NotOwned",
                                    "There is an existing Service \"foo-00001-private\" that we do not own.", NOW);
                            st.markContainerHealthyTrue(NOW);
                            st.markActiveUnknown(DEPLOYING, "", NOW);
                        }))
                        .wantErr(),
                Row.named("a Deployment of another hash is updated, keeping its replicas and foreign labels")
                        .objects(ready, oldHash, Services.makePublic(withImages), Services.makePrivate(withImages),
                                pa(withImages, RevisionReconcilerIT::initialised))
                        .key("ns/foo-00001")
                        .wantUpdates(oldHashUpdated),
                Row.named("a Deployment of the same hash is not updated whatever its replicas")
                        .objects(ready, scaled, Services.makePublic(withImages), Services.makePrivate(withImages),
                                pa(withImages, RevisionReconcilerIT::initialised))
                        .key("ns/foo-00001"),
                Row.named("the log URL comes from config-observability")
                        .config(ConfigSnapshot.apply(CONFIG, ObservabilityConfig.NAME,
                                Map.of("logging.revision-url-template", "https://logs.example.com/${REVISION_UID}")))
                        .objects(ready, deployment(available()), Services.makePublic(withImages),
                                Services.makePrivate(withImages), pa(withImages, RevisionReconcilerIT::initialised))
                        .key("ns/foo-00001")
                        .wantStatusUpdates(rev(st -> {
                            st.markResourcesAvailableTrue(NOW);
                            st.markContainerHealthyTrue(NOW);
                            st.markActiveTrue(NOW);
                            st.setActualReplicas(1);
                            st.setDesiredReplicas(1);
                            st.setLogUrl("https://logs.example.com/rev-uid");
                        })));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.run(row, RevisionReconcilerIT::reconciler);
    }
}
