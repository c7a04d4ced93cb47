package io.qnative.api.serving.v1;

import static io.qnative.testing.Admission.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qnative.api.validation.AdmissionContext;
import io.qnative.testing.Admission;
import io.qnative.testing.Services;

/**
 * Defaulting (pkg/apis/serving/v1/revision_defaults.go, service_defaults.go): whole objects compared after {@code
 * setDefaults}.
 */
class DefaultingTest {

    private static final String HEAD = "apiVersion: serving.knative.dev/v1\nkind: Service\n";

    private static Service service(String yaml) {
        return yaml(Service.class, HEAD + yaml);
    }

    @Test
    void minimalServiceGetsEveryDefault() {
        Service s = Services.minimal("hello");
        s.setDefaults(Admission.create());
        assertThat(s).isEqualTo(service("""
                metadata:
                  name: hello
                  namespace: default
                  annotations: {serving.knative.dev/creator: alice@example.com,
                                serving.knative.dev/lastModifier: alice@example.com}
                spec:
                  template:
                    spec:
                      containerConcurrency: 0
                      timeoutSeconds: 300
                      enableServiceLinks: false
                      containers:
                      - name: user-container
                        image: ghcr.io/knative/helloworld-go:latest
                        readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}
                  traffic: [{latestRevision: true, percent: 100}]
                """));
    }

    @Test
    void anEmptyTcpSocketGetsPortZeroAsKnativeWritesIt() {
        Service s = service("""
                metadata: {name: hello, namespace: default}
                spec:
                  template:
                    spec:
                      containers:
                      - image: ghcr.io/knative/helloworld-go:latest
                        readinessProbe: {tcpSocket: {}}
                        livenessProbe: {tcpSocket: {}}
                """);
        s.setDefaults(Admission.create());
        assertThat(s.getSpec().getTemplate().getSpec().getContainers().get(0)).satisfies(c -> {
            assertThat(c.getReadinessProbe()).isEqualTo(yaml(io.fabric8.kubernetes.api.model.Probe.class,
                    "{successThreshold: 1, tcpSocket: {port: 0}}"));
            assertThat(c.getLivenessProbe()).isEqualTo(yaml(io.fabric8.kubernetes.api.model.Probe.class,
                    "{tcpSocket: {port: 0}}"));
        });
    }

    @Test
    void defaultingTwiceChangesNothing() {
        Service once = Services.defaulted("hello");
        Service twice = Services.defaulted("hello");
        twice.setDefaults(Admission.update(once));
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void multipleContainersAreNamedAroundUserChoicesAndOnlyTheServingOneGetsAProbe() {
        Service s = service("""
                metadata: {name: s}
                spec:
                  template:
                    spec:
                      containers:
                      - {image: a/b, ports: [{containerPort: 8080}]}
                      - {image: a/c}
                      - {image: a/d, name: user-container-1}
                """);
        s.setDefaults(Admission.create());
        assertThat(s.getSpec().getTemplate().getSpec().getContainers()).containsExactlyElementsOf(service("""
                spec:
                  template:
                    spec:
                      containers:
                      - {name: user-container-0, image: a/b, ports: [{containerPort: 8080}],
                         readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}}
                      - {name: user-container-2, image: a/c}
                      - {image: a/d, name: user-container-1}
                """).getSpec().getTemplate().getSpec().getContainers());
    }

    /** The serving container of a one-container Service after defaulting. */
    private static io.fabric8.kubernetes.api.model.Container defaultedContainer(String container) {
        Service s = service("""
                metadata: {name: s}
                spec:
                  template:
                    spec:
                      containers:
                      - %s
                """.formatted(container));
        s.setDefaults(Admission.create());
        return s.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static io.fabric8.kubernetes.api.model.Container container(String yaml) {
        return yaml(io.fabric8.kubernetes.api.model.Container.class, yaml);
    }

    /**
     * Defaulting leaves the ports as given (an unnamed port stays unnamed: only validation calls it {@code http}) and
     * another probe's handler does not count as the readiness probe's. TestRevisionDefaulting's probe rows are in
     * RevisionDefaultingTableTest.
     */
    @Test
    void probeDefaultsKeepThePorts() {
        assertThat(defaultedContainer("{image: a/b, ports: [{containerPort: 8888}], livenessProbe: "
                + "{httpGet: {port: 8888}}}"))
                .isEqualTo(container("{name: user-container, image: a/b, ports: [{containerPort: 8888}], "
                        + "readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}, "
                        + "livenessProbe: {httpGet: {port: 8888}}}"));
    }

    /**
     * applyDefaultContainerNames (revision_defaults.go) names with {@code kmeta.ChildName(<default>, "-<k>")}: a
     * default of 62 characters is cut and hashed to fit 63, not left one character too long.
     */
    @Test
    void longDefaultContainerNamesAreChildNames() {
        String name = "aaaaaaaaaaaaaaaaaaaa-long-service-name-bbbbbbbbbbbbbbbbbbbbbbb";
        Service s = service("""
                metadata: {name: %s}
                spec:
                  template:
                    spec:
                      containers: [{image: a/b, ports: [{containerPort: 8080}]}, {image: a/c}]
                """.formatted(name));
        s.setDefaults(Admission.create(Admission.defaults(Map.of("container-name-template", "{{.Name}}"))));
        assertThat(s.getSpec().getTemplate().getSpec().getContainers()).extracting(c -> c.getName()).containsExactly(
                "aaaaaaaaaaaaaaaaaaaa-long-sere53d7f0625aa12ff10c42e8497315797-0",
                "aaaaaaaaaaaaaaaaaaaa-long-sere53d7f0625aa12ff10c42e8497315797-1");
    }

    /** applyGRPCProbeDefaults (revision_defaults.go): the startup probe's gRPC service too, as "". */
    @Test
    void aStartupGrpcProbeGetsTheEmptyService() {
        assertThat(defaultedContainer("{image: a/b, startupProbe: {grpc: {port: 8080}}}"))
                .isEqualTo(container("{name: user-container, image: a/b, readinessProbe: {successThreshold: 1, "
                        + "tcpSocket: {port: 0}}, startupProbe: {grpc: {port: 8080, service: ''}}}"));
        assertThat(defaultedContainer("{image: a/b, startupProbe: {grpc: {port: 8080, service: shop}}}")
                .getStartupProbe().getGrpc().getService()).isEqualTo("shop");
    }

    @Test
    void probesMountsAndTimeoutsFollowKnative() {
        Service s = service("""
                metadata: {name: s}
                spec:
                  traffic: [{tag: t, revisionName: s-1}, {percent: 100}]
                  template:
                    spec:
                      timeoutSeconds: 600
                      containers:
                      - image: a/b
                        readinessProbe: {periodSeconds: 5, grpc: {port: 8080}}
                        livenessProbe: {grpc: {port: 8080}}
                        volumeMounts: [{name: s, mountPath: /s}, {name: e, mountPath: /e}]
                      volumes: [{name: s, secret: {secretName: x}}, {name: e, emptyDir: {}}]
                """);
        s.setDefaults(Admission.create());
        assertThat(s.getSpec()).isEqualTo(service("""
                spec:
                  traffic: [{tag: t, revisionName: s-1, latestRevision: false, percent: 0},
                            {percent: 100, latestRevision: true}]
                  template:
                    spec:
                      timeoutSeconds: 600
                      responseStartTimeoutSeconds: 300
                      containerConcurrency: 0
                      enableServiceLinks: false
                      containers:
                      - name: user-container
                        image: a/b
                        readinessProbe: {periodSeconds: 5, successThreshold: 1, failureThreshold: 3,
                                         timeoutSeconds: 1, grpc: {port: 8080, service: ''}}
                        livenessProbe: {grpc: {port: 8080, service: ''}}
                        volumeMounts: [{name: s, mountPath: /s, readOnly: true}, {name: e, mountPath: /e}]
                      volumes: [{name: s, secret: {secretName: x}}, {name: e, emptyDir: {}}]
                """).getSpec());
    }

    @Test
    void configDefaultsApply() {
        AdmissionContext ctx = Admission.create(Admission.defaults(Map.of("revision-timeout-seconds", "120",
                "container-concurrency", "10", "container-name-template", "{{.Name}}-main",
                "enable-service-links", "true", "revision-cpu-request", "100m", "revision-memory-limit", "1Gi",
                "revision-idle-timeout-seconds", "60")));
        Service s = Services.minimal("hello");
        s.getSpec().getTemplate().getSpec().getContainers().get(0).setResources(yaml(
                io.fabric8.kubernetes.api.model.ResourceRequirements.class, "requests: {cpu: 1}"));
        s.setDefaults(ctx);
        assertThat(s.getSpec().getTemplate().getSpec()).isEqualTo(service("""
                spec:
                  template:
                    spec:
                      timeoutSeconds: 120
                      idleTimeoutSeconds: 60
                      containerConcurrency: 10
                      enableServiceLinks: true
                      containers:
                      - name: hello-main
                        image: ghcr.io/knative/helloworld-go:latest
                        resources: {requests: {cpu: '1'}, limits: {memory: 1Gi}}
                        readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}
                """).getSpec().getTemplate().getSpec());
    }

    @Test
    void securePodDefaults() {
        AdmissionContext ctx = Admission.create(Admission.features(Map.of("secure-pod-defaults", "Enabled",
                "kubernetes.podspec-init-containers", "Enabled")));
        Service s = service("""
                metadata: {name: s}
                spec:
                  template:
                    spec:
                      containers: [{image: a/b, ports: [{containerPort: 80}]}]
                      initContainers: [{image: a/c, securityContext: {runAsNonRoot: false}}]
                """);
        s.setDefaults(ctx);
        assertThat(s.getSpec().getTemplate().getSpec()).isEqualTo(service("""
                spec:
                  template:
                    spec:
                      timeoutSeconds: 300
                      containerConcurrency: 0
                      enableServiceLinks: false
                      containers:
                      - name: user-container
                        image: a/b
                        ports: [{containerPort: 80}]
                        readinessProbe: {successThreshold: 1, tcpSocket: {port: 0}}
                        securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: true,
                          seccompProfile: {type: RuntimeDefault},
                          capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}}
                      initContainers:
                      - name: init-container
                        image: a/c
                        securityContext: {allowPrivilegeEscalation: false, runAsNonRoot: false,
                          seccompProfile: {type: RuntimeDefault}, capabilities: {drop: [ALL]}}
                """).getSpec().getTemplate().getSpec());
    }

    @Test
    void updateRefreshesLastModifierOnlyOnSpecChange() {
        Service old = Services.defaulted("s");
        Service same = Services.defaulted("s");
        same.setDefaults(AdmissionContext.update(io.qnative.config.ConfigSnapshot.DEFAULT, "bob", old));
        assertThat(same.getMetadata().getAnnotations()).containsEntry("serving.knative.dev/lastModifier",
                Admission.USER);

        Service changed = Services.minimal("s");
        changed.getMetadata().setAnnotations(old.getMetadata().getAnnotations());
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("a/other");
        changed.setDefaults(AdmissionContext.update(io.qnative.config.ConfigSnapshot.DEFAULT, "bob", old));
        assertThat(changed.getMetadata().getAnnotations()).containsEntry("serving.knative.dev/creator",
                Admission.USER).containsEntry("serving.knative.dev/lastModifier", "bob");
        // enableServiceLinks is defaulted on CREATE only
        assertThat(changed.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isNull();
    }

    @Test
    void updateKeepingByoNameLeavesTemplateUntouched() {
        Service old = service("""
                metadata: {name: s}
                spec: {template: {metadata: {name: s-a}, spec: {containers: [{image: a/b}]}}}
                """);
        Service now = service("""
                metadata: {name: s}
                spec: {template: {metadata: {name: s-a}, spec: {containers: [{image: a/c}]}}}
                """);
        now.setDefaults(Admission.update(old));
        assertThat(now.getSpec().getTemplate().getSpec().getTimeoutSeconds()).isNull();
        assertThat(now.getSpec().getTemplate().getSpec().getContainers().get(0).getName()).isNull();
    }

    @Test
    void routeTrafficAndOwnership() {
        Route r = yaml(Route.class, """
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: {name: r}
                spec: {traffic: [{configurationName: c, percent: 100}, {revisionName: r-1, tag: x}]}
                """);
        r.setDefaults(Admission.create());
        assertThat(r).isEqualTo(yaml(Route.class, """
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata:
                  name: r
                  annotations: {serving.knative.dev/creator: alice@example.com,
                                serving.knative.dev/lastModifier: alice@example.com}
                spec:
                  traffic: [{configurationName: c, percent: 100, latestRevision: true},
                            {revisionName: r-1, tag: x, latestRevision: false, percent: 0}]
                """));
        Route owned = yaml(Route.class, """
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: {name: r, ownerReferences: [{apiVersion: v1, kind: Service, name: r, uid: u}]}
                spec: {traffic: []}
                """);
        owned.setDefaults(Admission.create());
        assertThat(owned.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(owned.getSpec().getTraffic()).isEmpty();
    }

    @Test
    void revisionDefaultsOnCreateOnlyAndGetsNoUserAnnotations() {
        String yaml = """
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata: {name: r}
                spec: {containers: [{image: a/b}]}
                """;
        Revision created = yaml(Revision.class, yaml);
        created.setDefaults(Admission.create());
        assertThat(created.getSpec().getTimeoutSeconds()).isEqualTo(300L);
        assertThat(created.getSpec().getContainers().get(0).getName()).isEqualTo("user-container");
        assertThat(created.getMetadata().getAnnotations()).isNullOrEmpty();

        Revision updated = yaml(Revision.class, yaml);
        updated.setDefaults(Admission.update(created));
        assertThat(updated).isEqualTo(yaml(Revision.class, yaml));
    }

    @Test
    void configurationDefaultsTemplateAndUserUnlessOwned() {
        Configuration c = yaml(Configuration.class, """
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata: {name: c, ownerReferences: [{apiVersion: v1, kind: Service, name: c, uid: u}]}
                spec: {template: {spec: {containers: [{image: a/b}]}}}
                """);
        c.setDefaults(Admission.create());
        assertThat(c.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(c.getSpec().getTemplate().getSpec().getContainerConcurrency()).isZero();
    }
}
