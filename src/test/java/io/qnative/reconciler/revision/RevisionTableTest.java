package io.qnative.reconciler.revision;

import static io.qnative.testing.table.Literals.withStatus;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.qnative.api.autoscaling.v1alpha1.PodAutoscaler;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.config.ObservabilityConfig;
import io.qnative.gateway.Gateway;
import io.qnative.reconciler.revision.digest.DigestResolver;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.revision.resources.DeploymentOptions;
import io.qnative.reconciler.revision.resources.Deployments;
import io.qnative.reconciler.revision.resources.PodAutoscalers;
import io.qnative.reconciler.revision.resources.Services;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Revision reconciler's table in the unit tier, after Knative's {@code pkg/reconciler/revision/table_test.go}:
 * rows over an in-process API store, with failure injection. Children are built with the builders (as Knative's
 * table builds them with {@code resources.Make*}; the builders have their own golden tests); every status the
 * reconciler must write is a YAML literal.
 *
 * <p>Not ported (no such feature here): image digest resolution rows (no registry is contacted, the tag is recorded
 * as given), the image cache ({@code caching.internal.knative.dev}), the queue-proxy sidecar's resources and
 * certificates, and the ServerlessService (its two Services are children of the Revision here).
 */
class RevisionTableTest {

    static final ConfigSnapshot CONFIG = ConfigSnapshot.DEFAULT;
    static final String KEY = "ns/foo-00001";

    static RevisionReconciler reconciler(TableContext ctx) {
        return new RevisionReconciler(ctx.lister(Revision.class), ctx.lister(Deployment.class),
                ctx.lister(Service.class), ctx.lister(PodAutoscaler.class), ctx.lister(Pod.class), ctx.children(),
                ctx.events(), ctx.snapshot(), () -> 20, Gateway.Ports.DEFAULTS,
                new DigestResolver((ns, sa, secrets) -> Map.of(), RevisionReconcilerIT::registry, Runnable::run,
                        key -> { }, 10),
                ctx.statusUpdater(), ctx.clock());
    }

    // ---- objects ----

    /** Revision foo-00001 as the Configuration created it: no status. */
    static Revision rev() {
        return Fixtures.revision();
    }

    static Revision rev(String status) {
        return withStatus(rev(), status);
    }

    static Deployment deployment() {
        return Deployments.make(rev(), CONFIG, DeploymentOptions.forMinor(20));
    }

    static Deployment deployment(String status) {
        return withStatus(deployment(), status);
    }

    static Service publicService() {
        return Services.makePublic(rev(), Gateway.Ports.DEFAULTS);
    }

    static Service privateService() {
        return Services.makePrivate(rev());
    }

    static PodAutoscaler pa() {
        return PodAutoscalers.make(rev(), CONFIG, null);
    }

    static PodAutoscaler pa(String status) {
        return withStatus(pa(), status);
    }

    static <T extends HasMetadata> T ownedByOther(T obj) {
        obj.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Revision").withName("other").withUid("other-uid").withController(true).build()));
        return obj;
    }

    static String created(String kind, String name) {
        return "Normal Created Created " + kind + " \"" + name + "\"";
    }

    // ---- statuses, as literals ----

    /** The first reconcile: everything Deploying, the image recorded as given. */
    static final String DEPLOYING = """
            observedGeneration: 1
            conditions:
            - {type: Active, status: Unknown, severity: Info, reason: Deploying}
            - {type: ContainerHealthy, status: Unknown, reason: Deploying}
            - {type: Ready, status: Unknown, reason: Deploying}
            - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
            containerStatuses:
            - {name: user-container, imageDigest: "ko.local/app:v1"}
            """;

    /** A first reconcile stopped before the PodAutoscaler: no Active condition yet. */
    static final String DEPLOYING_NO_PA = """
            observedGeneration: 1
            conditions:
            - {type: ContainerHealthy, status: Unknown, reason: Deploying}
            - {type: Ready, status: Unknown, reason: Deploying}
            - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
            containerStatuses:
            - {name: user-container, imageDigest: "ko.local/app:v1"}
            """;

    static final String READY = """
            observedGeneration: 1
            conditions:
            - {type: Active, status: "True", severity: Info}
            - {type: ContainerHealthy, status: "True"}
            - {type: Ready, status: "True"}
            - {type: ResourcesAvailable, status: "True"}
            containerStatuses:
            - {name: user-container, imageDigest: "ko.local/app:v1"}
            actualReplicas: 1
            desiredReplicas: 1
            """;

    static final String AVAILABLE = """
            replicas: 1
            readyReplicas: 1
            availableReplicas: 1
            conditions:
            - {type: Available, status: "True", reason: MinimumReplicasAvailable}
            - {type: Progressing, status: "True", reason: NewReplicaSetAvailable}
            """;

    static final String PROGRESSING = """
            replicas: 1
            unavailableReplicas: 1
            conditions:
            - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
            """;

    static final String TIMED_OUT = """
            replicas: 1
            unavailableReplicas: 1
            conditions:
            - type: Progressing
              status: "False"
              reason: ProgressDeadlineExceeded
              message: ReplicaSet "foo-00001-deployment-abc" has timed out progressing.
            """;

    static final String PA_READY = """
            conditions:
            - {type: Active, status: "True"}
            - {type: Ready, status: "True"}
            - {type: SKSReady, status: "True"}
            - {type: ScaleTargetInitialized, status: "True"}
            serviceName: foo-00001
            metricsServiceName: foo-00001-private
            desiredScale: 1
            actualScale: 1
            """;

    /** A PA as its reconciler first leaves it, nothing known yet. */
    static final String PA_PENDING = """
            conditions:
            - {type: Active, status: Unknown}
            - {type: Ready, status: Unknown}
            - {type: SKSReady, status: Unknown}
            - {type: ScaleTargetInitialized, status: Unknown}
            """;

    /** A PA that scaled to zero for lack of traffic. */
    static final String PA_INACTIVE = """
            conditions:
            - {type: Active, status: "False", reason: NoTraffic, message: The target is not receiving traffic.}
            - {type: Ready, status: "False", reason: NoTraffic, message: The target is not receiving traffic.}
            - {type: SKSReady, status: "True"}
            - {type: ScaleTargetInitialized, status: "True"}
            serviceName: foo-00001
            metricsServiceName: foo-00001-private
            desiredScale: 0
            actualScale: 0
            """;

    /** A PA still activating. */
    static final String PA_ACTIVATING = """
            conditions:
            - {type: Active, status: Unknown, reason: Queued, message: Requests to the target are being buffered as resources are provisioned.}
            - {type: Ready, status: Unknown, reason: Queued, message: Requests to the target are being buffered as resources are provisioned.}
            - {type: SKSReady, status: "True"}
            - {type: ScaleTargetInitialized, status: Unknown}
            serviceName: foo-00001
            metricsServiceName: foo-00001-private
            """;

    /** A PA that gave up activating before its target ever came up. */
    static final String PA_TIMED_OUT = """
            conditions:
            - {type: Active, status: "False", reason: TimedOut, message: The target could not be activated.}
            - {type: Ready, status: "False", reason: TimedOut, message: The target could not be activated.}
            - {type: SKSReady, status: "True"}
            - {type: ScaleTargetInitialized, status: Unknown}
            serviceName: foo-00001
            metricsServiceName: foo-00001-private
            """;

    // ---- rows ----

    static Row firstReconcile() {
        return Row.named("first revision reconciliation").objects(rev()).key(KEY)
                .wantCreates(deployment(), publicService(), privateService(), pa())
                .wantStatusUpdates(rev(DEPLOYING))
                .wantEvents(created("Deployment", "foo-00001-deployment"), created("Service", "foo-00001"),
                        created("Service", "foo-00001-private"), created("PodAutoscaler", "foo-00001"));
    }

    static Row statusUpdateFails() {
        return Row.named("failure updating revision status").objects(rev()).key(KEY)
                .withReactors(induceFailure("update", "revisions"))
                .wantCreates(deployment(), publicService(), privateService(), pa())
                .wantStatusUpdates(rev(DEPLOYING))
                .wantEvents(created("Deployment", "foo-00001-deployment"), created("Service", "foo-00001"),
                        created("Service", "foo-00001-private"), created("PodAutoscaler", "foo-00001"))
                .wantErr();
    }

    static Row createDeploymentFails() {
        return Row.named("failure creating user deployment").objects(rev()).key(KEY)
                .withReactors(induceFailure("create", "deployments"))
                .wantCreates(deployment())
                .wantStatusUpdates(rev(DEPLOYING_NO_PA))
                .wantEvents("Warning CreationFailed Failed to create Deployment \"foo-00001-deployment\": "
                        + "inducing failure for create deployments")
                .wantErr();
    }

    static Row createServiceFails() {
        return Row.named("failure creating the Revision's Service").objects(rev()).key(KEY)
                .withReactors(induceFailure("create", "services"))
                .wantCreates(deployment(), publicService())
                .wantStatusUpdates(rev(DEPLOYING_NO_PA))
                .wantEvents(created("Deployment", "foo-00001-deployment"),
                        "Warning CreationFailed Failed to create Service \"foo-00001\": "
                                + "inducing failure for create services")
                .wantErr();
    }

    static Row createPaFails() {
        return Row.named("failure creating pa").objects(rev()).key(KEY)
                .withReactors(induceFailure("create", "podautoscalers"))
                .wantCreates(deployment(), publicService(), privateService(), pa())
                .wantStatusUpdates(rev(DEPLOYING_NO_PA))
                .wantEvents(created("Deployment", "foo-00001-deployment"), created("Service", "foo-00001"),
                        created("Service", "foo-00001-private"),
                        "Warning CreationFailed Failed to create PodAutoscaler \"foo-00001\": "
                                + "inducing failure for create podautoscalers")
                .wantErr();
    }

    /** Revision, Deployment, Services and PA in the given states. */
    static Row settled(String name, String revStatus, String deploymentStatus, String paStatus) {
        return Row.named(name).key(KEY).objects(rev(revStatus), deployment(deploymentStatus), publicService(),
                privateService(), pa(paStatus));
    }

    static Row stable() {
        return settled("stable revision reconciliation", READY, AVAILABLE, PA_READY);
    }

    static Row becomesReady() {
        return settled("pa is ready: the revision becomes ready", DEPLOYING, AVAILABLE, PA_READY)
                .wantStatusUpdates(rev(READY))
                .wantEvents("Normal RevisionReady Revision becomes ready upon all resources being ready");
    }

    static Row paNotInitialised() {
        return settled("an available deployment without an initialised pa is still deploying", DEPLOYING, AVAILABLE,
                "serviceName: foo-00001")
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: Unknown, severity: Info, reason: Deploying}
                        - {type: ContainerHealthy, status: "True"}
                        - {type: Ready, status: Unknown, reason: Deploying}
                        - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """));
    }

    static Row paInactive() {
        return settled("pa inactive: Active False, the revision stays ready", READY, AVAILABLE, PA_INACTIVE)
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: "False", severity: Info, reason: NoTraffic, message: The target is not receiving traffic.}
                        - {type: ContainerHealthy, status: "True"}
                        - {type: Ready, status: "True"}
                        - {type: ResourcesAvailable, status: "True"}
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        actualReplicas: 0
                        desiredReplicas: 0
                        """));
    }

    static Row paActivating() {
        return settled("pa activating: Active Unknown Queued", DEPLOYING, PROGRESSING, PA_ACTIVATING)
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - type: Active
                          status: Unknown
                          severity: Info
                          reason: Queued
                          message: Requests to the target are being buffered as resources are provisioned.
                        - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                        - {type: Ready, status: Unknown, reason: Deploying}
                        - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """));
    }

    static Row paTimedOut() {
        return settled("pa timed out before initial scale: ProgressDeadlineExceeded", DEPLOYING, PROGRESSING,
                PA_TIMED_OUT)
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: "False", severity: Info, reason: TimedOut, message: The target could not be activated.}
                        - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                        - {type: Ready, status: "False", reason: ProgressDeadlineExceeded, message: Initial scale was never achieved}
                        - {type: ResourcesAvailable, status: "False", reason: ProgressDeadlineExceeded, message: Initial scale was never achieved}
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """));
    }

    static Row mutatedPa() {
        PodAutoscaler mutated = pa(PA_READY);
        mutated.getSpec().setContainerConcurrency(42L);
        return Row.named("mutated pa gets fixed").key(KEY)
                .objects(rev(READY), deployment(AVAILABLE), publicService(), privateService(), mutated)
                .wantUpdates(pa(PA_READY));
    }

    static Row updatePaFails() {
        PodAutoscaler mutated = pa(PA_READY);
        mutated.getSpec().setContainerConcurrency(42L);
        return Row.named("failure updating pa").key(KEY)
                .objects(rev(READY), deployment(AVAILABLE), publicService(), privateService(), mutated)
                .withReactors(induceFailure("update", "podautoscalers"))
                .wantUpdates(pa(PA_READY))
                .wantEvents("Warning UpdateFailed Failed to update PodAutoscaler \"foo-00001\": "
                        + "inducing failure for update podautoscalers")
                .wantErr();
    }

    /**
     * A Deployment built from another spec (its hash label says so): the desired one replaces it, keeping the
     * replicas and the labels others own.
     */
    static Deployment oldImage() {
        Deployment d = deployment(AVAILABLE);
        d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("ko.local/app:v0");
        d.getMetadata().getLabels().put("serving.knative.dev/deployment-hash", "old");
        d.getMetadata().getLabels().put("team", "a");
        d.getSpec().setReplicas(3);
        return d;
    }

    static Deployment oldImageFixed() {
        Deployment d = Kmeta.deepCopy(deployment(AVAILABLE), Deployment.class);
        d.getMetadata().getLabels().put("team", "a");
        d.getMetadata().getLabels().put("serving.knative.dev/deployment-hash", "ifpzzu");
        d.getSpec().setReplicas(3);
        return d;
    }

    static Row updateDeployment() {
        return Row.named("update deployment containers").key(KEY)
                .objects(rev(READY), oldImage(), publicService(), privateService(), pa(PA_READY))
                .wantUpdates(oldImageFixed());
    }

    static Row updateDeploymentFails() {
        return Row.named("failed to update deployment").key(KEY)
                .objects(rev(READY), oldImage(), publicService(), privateService(), pa(PA_READY))
                .withReactors(induceFailure("update", "deployments"))
                .wantUpdates(oldImageFixed())
                .wantEvents("Warning UpdateFailed Failed to update Deployment \"foo-00001-deployment\": "
                        + "inducing failure for update deployments")
                .wantErr();
    }

    static Row scaledDeployment() {
        Deployment scaled = deployment(AVAILABLE);
        scaled.getSpec().setReplicas(3);
        return Row.named("a deployment scaled by the autoscaler is left alone").key(KEY)
                .objects(rev(READY), scaled, publicService(), privateService(), pa(PA_READY));
    }

    static Row mutatedService() {
        Service mutated = privateService();
        mutated.getSpec().getPorts().get(0).setPort(9999);
        return Row.named("mutated private service gets fixed").key(KEY)
                .objects(rev(READY), deployment(AVAILABLE), publicService(), mutated, pa(PA_READY))
                .wantUpdates(privateService());
    }

    static Row updateServiceFails() {
        Service mutated = privateService();
        mutated.getSpec().getPorts().get(0).setPort(9999);
        return Row.named("failure updating the private service").key(KEY)
                .objects(rev(READY), deployment(AVAILABLE), publicService(), mutated, pa(PA_READY))
                .withReactors(induceFailure("update", "services"))
                .wantUpdates(privateService())
                .wantEvents("Warning UpdateFailed Failed to update Service \"foo-00001-private\": "
                        + "inducing failure for update services")
                .wantErr();
    }

    static Row deploymentTimeout() {
        return settled("surface deployment timeout", DEPLOYING, TIMED_OUT, PA_PENDING)
                .wantUpdates(unreachable())
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: Unknown, severity: Info}
                        - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                        - type: Ready
                          status: "False"
                          reason: ProgressDeadlineExceeded
                          message: ReplicaSet "foo-00001-deployment-abc" has timed out progressing.
                        - type: ResourcesAvailable
                          status: "False"
                          reason: ProgressDeadlineExceeded
                          message: ReplicaSet "foo-00001-deployment-abc" has timed out progressing.
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """));
    }

    /** The PA of a failing Revision: nothing should route to it. */
    static PodAutoscaler unreachable() {
        PodAutoscaler pa = pa(PA_PENDING);
        pa.getSpec().setReachability(PodAutoscalers.UNREACHABLE);
        return pa;
    }

    static Pod pod(String status) {
        Pod p = Literals.object("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: foo-00001-deployment-abc-x
                  namespace: ns
                  labels: {serving.knative.dev/revision: foo-00001, serving.knative.dev/revisionUID: rev-uid}
                spec:
                  containers:
                  - {name: user-container, image: "ko.local/app:v1"}
                """, Pod.class);
        return withStatus(p, status);
    }

    static Row podFailure(String name, String deploymentStatus, String podStatus, String revisionConditions) {
        return settled(name, DEPLOYING, deploymentStatus, PA_PENDING).objects(pod(podStatus))
                .wantUpdates(unreachable())
                .wantStatusUpdates(rev("observedGeneration: 1\nconditions:\n" + revisionConditions + """
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """));
    }

    static Row exitCode() {
        return podFailure("surface pod errors: a container that exited", PROGRESSING, """
                containerStatuses:
                - name: user-container
                  lastState: {terminated: {exitCode: 5, message: boom}}
                  state: {waiting: {reason: CrashLoopBackOff}}
                """, """
                - {type: Active, status: Unknown, severity: Info}
                - {type: ContainerHealthy, status: "False", reason: ExitCode5, message: "Container failed with: boom"}
                - {type: Ready, status: "False", reason: ExitCode5, message: "Container failed with: boom"}
                - {type: ResourcesAvailable, status: Unknown, reason: Deploying}
                """);
    }

    static Row imagePullBackOff() {
        return podFailure("surface ImagePullBackoff once the deployment timed out", TIMED_OUT, """
                containerStatuses:
                - name: user-container
                  state: {waiting: {reason: ImagePullBackOff, message: Back-off pulling image "ko.local/app:v1"}}
                """, """
                - {type: Active, status: Unknown, severity: Info}
                - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                - {type: Ready, status: "False", reason: ImagePullBackOff, message: Back-off pulling image "ko.local/app:v1"}
                - {type: ResourcesAvailable, status: "False", reason: ImagePullBackOff, message: Back-off pulling image "ko.local/app:v1"}
                """);
    }

    static Row unschedulable() {
        return podFailure("surface pod schedule errors", PROGRESSING, """
                conditions:
                - {type: PodScheduled, status: "False", reason: Unschedulable, message: 0/1 nodes are available}
                """, """
                - {type: Active, status: Unknown, severity: Info}
                - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                - {type: Ready, status: "False", reason: Unschedulable, message: 0/1 nodes are available}
                - {type: ResourcesAvailable, status: "False", reason: Unschedulable, message: 0/1 nodes are available}
                """);
    }

    static Row lostDeploymentOwner() {
        return Row.named("lost deployment owner ref").key(KEY)
                .objects(rev(DEPLOYING), ownedByOther(deployment()))
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: Unknown, severity: Info, reason: Deploying}
                        - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                        - type: Ready
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Deployment "foo-00001-deployment" that we do not own.
                        - type: ResourcesAvailable
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Deployment "foo-00001-deployment" that we do not own.
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """))
                .wantErr();
    }

    static Row lostPaOwner() {
        return Row.named("lost pa owner ref").key(KEY)
                .objects(rev(READY), deployment(AVAILABLE), publicService(), privateService(),
                        ownedByOther(pa(PA_READY)))
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: "True", severity: Info}
                        - {type: ContainerHealthy, status: "True"}
                        - type: Ready
                          status: "False"
                          reason: NotOwned
                          message: There is an existing PodAutoscaler "foo-00001" that we do not own.
                        - type: ResourcesAvailable
                          status: "False"
                          reason: NotOwned
                          message: There is an existing PodAutoscaler "foo-00001" that we do not own.
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        actualReplicas: 1
                        desiredReplicas: 1
                        """))
                .wantErr();
    }

    static Row lostServiceOwner() {
        Service foreign = privateService();
        foreign.getMetadata().setOwnerReferences(List.of());
        return Row.named("a private service without our owner ref: NotOwned").key(KEY)
                .objects(rev(READY), deployment(AVAILABLE), publicService(), foreign, pa(PA_READY))
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: "True", severity: Info}
                        - {type: ContainerHealthy, status: "True"}
                        - type: Ready
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Service "foo-00001-private" that we do not own.
                        - type: ResourcesAvailable
                          status: "False"
                          reason: NotOwned
                          message: There is an existing Service "foo-00001-private" that we do not own.
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        actualReplicas: 1
                        desiredReplicas: 1
                        """))
                .wantErr();
    }

    static Row logUrl() {
        return settled("the log url comes from config-observability", READY, AVAILABLE, PA_READY)
                .config(ConfigSnapshot.apply(CONFIG, ObservabilityConfig.NAME,
                        Map.of("logging.revision-url-template", "https://logs.example.com/${REVISION_UID}")))
                .wantStatusUpdates(rev(READY + "logUrl: https://logs.example.com/rev-uid\n"));
    }

    static Row initContainers() {
        Revision r = rev();
        r.getSpec().setInitContainers(List.of(new ContainerBuilder().withName("init").withImage("ko.local/init:v1")
                .build()));
        return Row.named("init containers are recorded in initContainerStatuses").key(KEY).objects(r)
                .wantCreates(Deployments.make(r, CONFIG, DeploymentOptions.forMinor(20)),
                        Services.makePublic(r, Gateway.Ports.DEFAULTS), Services.makePrivate(r),
                        PodAutoscalers.make(r, CONFIG, null))
                .wantStatusUpdates(withStatus(r, DEPLOYING + """
                        initContainerStatuses:
                        - {name: init, imageDigest: "ko.local/init:v1"}
                        """))
                .wantEvents(created("Deployment", "foo-00001-deployment"), created("Service", "foo-00001"),
                        created("Service", "foo-00001-private"), created("PodAutoscaler", "foo-00001"));
    }

    static Row newGeneration() {
        Revision r = rev(READY);
        r.getMetadata().setGeneration(2L);
        Revision want = withStatus(r, READY.replace("observedGeneration: 1", "observedGeneration: 2"));
        // Ready went Unknown (NewObservedGenFailure) before the pass and back to True in it: announced, as Knative
        return Row.named("a new generation is observed").key(KEY)
                .objects(r, deployment(AVAILABLE), publicService(), privateService(), pa(PA_READY))
                .wantStatusUpdates(want)
                .wantEvents("Normal RevisionReady Revision becomes ready upon all resources being ready");
    }


    static Row replicaFailure() {
        return settled("surface replica failure", DEPLOYING, """
                replicas: 1
                unavailableReplicas: 1
                conditions:
                - {type: Progressing, status: "True", reason: ReplicaSetUpdated}
                - {type: ReplicaFailure, status: "True", reason: FailedCreate, message: quota exceeded}
                """, PA_PENDING)
                .wantUpdates(unreachable())
                .wantStatusUpdates(rev("""
                        observedGeneration: 1
                        conditions:
                        - {type: Active, status: Unknown, severity: Info}
                        - {type: ContainerHealthy, status: Unknown, reason: Deploying}
                        - {type: Ready, status: "False", reason: FailedCreate, message: quota exceeded}
                        - {type: ResourcesAvailable, status: "False", reason: FailedCreate, message: quota exceeded}
                        containerStatuses:
                        - {name: user-container, imageDigest: "ko.local/app:v1"}
                        """));
    }

    static Row containerHealthyRecovers() {
        return settled("ContainerHealthy turns back to True once the deployment is healthy", """
                observedGeneration: 1
                conditions:
                - {type: Active, status: "True", severity: Info}
                - {type: ContainerHealthy, status: "False", reason: ExitCode1, message: "Container failed with: boom"}
                - {type: Ready, status: "False", reason: ExitCode1, message: "Container failed with: boom"}
                - {type: ResourcesAvailable, status: "True"}
                containerStatuses:
                - {name: user-container, imageDigest: "ko.local/app:v1"}
                actualReplicas: 1
                desiredReplicas: 1
                """, AVAILABLE, PA_READY)
                .wantStatusUpdates(rev(READY))
                .wantEvents("Normal RevisionReady Revision becomes ready upon all resources being ready");
    }

    static Row deactivatedStable() {
        String inactive = """
                observedGeneration: 1
                conditions:
                - {type: Active, status: "False", severity: Info, reason: NoTraffic, message: The target is not receiving traffic.}
                - {type: ContainerHealthy, status: "True"}
                - {type: Ready, status: "True"}
                - {type: ResourcesAvailable, status: "True"}
                containerStatuses:
                - {name: user-container, imageDigest: "ko.local/app:v1"}
                actualReplicas: 0
                desiredReplicas: 0
                """;
        Deployment zero = deployment("{replicas: 0, conditions: [{type: Available, status: \"True\"}, "
                + "{type: Progressing, status: \"True\", reason: NewReplicaSetAvailable}]}");
        zero.getSpec().setReplicas(0);
        return Row.named("deactivated revision is stable").key(KEY)
                .objects(rev(inactive), zero, publicService(), privateService(), pa(PA_INACTIVE));
    }

    static Row beingDeleted() {
        Revision r = rev(READY);
        r.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        r.getMetadata().setFinalizers(List.of("keep"));
        return Row.named("nop deletion reconcile").key(KEY).objects(r);
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.named("bad workqueue key").key("too/many/parts"),
                Row.named("key not found").key("foo/not-found"),
                beingDeleted(), firstReconcile(), statusUpdateFails(), createDeploymentFails(),
                createServiceFails(), createPaFails(), stable(), becomesReady(), paNotInitialised(), paInactive(),
                paActivating(), paTimedOut(), mutatedPa(), updatePaFails(), updateDeployment(),
                updateDeploymentFails(), scaledDeployment(), mutatedService(), updateServiceFails(),
                deploymentTimeout(), exitCode(), imagePullBackOff(), unschedulable(), lostDeploymentOwner(),
                lostPaOwner(), lostServiceOwner(), logUrl(), initContainers(), newGeneration(), replicaFailure(),
                containerHealthyRecovers(), deactivatedStable());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, RevisionTableTest::reconciler);
    }
}
