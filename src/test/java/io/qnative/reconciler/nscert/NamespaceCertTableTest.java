package io.qnative.reconciler.nscert;

import static io.qnative.testing.table.Literals.object;
import static io.qnative.testing.table.Reactor.induceFailure;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Kmeta;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The namespace wildcard Certificate controller's table, after Knative's {@code pkg/reconciler/nscert/nscert_test.go}:
 * a selected Namespace gets its wildcard Certificate (written out as a YAML literal), a stale one is corrected, an
 * unselected Namespace loses its own, a foreign one is left alone, and creation and update failures are reported.
 */
class NamespaceCertTableTest {

    static final ConfigSnapshot SELECTING = ConfigSnapshot.apply(
            ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-domain", Map.of("example.com", "")),
            "config-network", Map.of("external-domain-tls", "Enabled", "namespace-wildcard-cert-selector",
                    "matchLabels:\n  networking.knative.dev/wildcard: \"true\"\n"));
    static final ConfigSnapshot TLS_OFF = ConfigSnapshot.apply(SELECTING, "config-network", Map.of(
            "namespace-wildcard-cert-selector", "matchLabels:\n  networking.knative.dev/wildcard: \"true\"\n"));

    static Namespace ns(boolean selected) {
        return new NamespaceBuilder().withNewMetadata().withName("test-ns").withUid("uid-ns")
                .withLabels(selected ? Map.of("networking.knative.dev/wildcard", "true") : Map.of()).endMetadata()
                .build();
    }

    static Certificate wildcard(Namespace ns) {
        Certificate c = object("""
                apiVersion: networking.internal.knative.dev/v1alpha1
                kind: Certificate
                metadata:
                  name: test-ns.example.com
                  namespace: test-ns
                  labels: {networking.knative.dev/wildcardDomain: example.com}
                  annotations: {networking.knative.dev/certificate.class: qnative.certificate.networking.knative.dev}
                spec:
                  dnsNames: ["*.test-ns.example.com"]
                  domain: example.com
                  secretName: test-ns.example.com
                """, Certificate.class);
        c.getMetadata().setOwnerReferences(List.of(Kmeta.controllerRef(ns)));
        return c;
    }

    static NamespaceCertReconciler reconciler(TableContext ctx) {
        return new NamespaceCertReconciler(ctx.lister(Namespace.class), ctx.lister(Certificate.class),
                ctx.children(), ctx.snapshot());
    }

    static Row created() {
        Namespace ns = ns(true);
        return Row.named("a selected namespace gets its wildcard certificate").key("test-ns").config(SELECTING)
                .objects(ns)
                .wantCreates(wildcard(ns))
                .wantEvents("Normal Created Created Certificate \"test-ns.example.com\"");
    }

    static Row steady() {
        Namespace ns = ns(true);
        return Row.named("steady state").key("test-ns").config(SELECTING).objects(ns, wildcard(ns));
    }

    static Row updated() {
        Namespace ns = ns(true);
        Certificate stale = wildcard(ns);
        stale.getSpec().setDnsNames(List.of("*.old.example.com"));
        return Row.named("a stale wildcard certificate is corrected").key("test-ns").config(SELECTING)
                .objects(ns, stale)
                .wantUpdates(wildcard(ns));
    }

    static Row unselected() {
        Namespace ns = ns(false);
        return Row.named("an unselected namespace loses its wildcard certificate").key("test-ns").config(SELECTING)
                .objects(ns, wildcard(ns))
                .wantDeletes("test-ns/certificates/test-ns.example.com")
                .wantEvents("Normal Deleted Deleted Certificate \"test-ns.example.com\"");
    }

    static Row tlsOff() {
        Namespace ns = ns(true);
        return Row.named("external-domain-tls off: no wildcard certificate").key("test-ns").config(TLS_OFF)
                .objects(ns, wildcard(ns))
                .wantDeletes("test-ns/certificates/test-ns.example.com")
                .wantEvents("Normal Deleted Deleted Certificate \"test-ns.example.com\"");
    }

    static Row foreign() {
        Namespace ns = ns(true);
        Certificate theirs = wildcard(ns);
        theirs.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("v1")
                .withKind("Route").withName("other").withUid("uid-other").withController(true).build()));
        return Row.named("a same-named certificate someone else owns is left alone").key("test-ns")
                .config(SELECTING).objects(ns, theirs)
                .wantErr();
    }

    static Row createFails() {
        Namespace ns = ns(true);
        return Row.named("failure creating the wildcard certificate").key("test-ns").config(SELECTING).objects(ns)
                .withReactors(induceFailure("create", "certificates"))
                .wantCreates(wildcard(ns))
                .wantEvents("Warning CreationFailed Failed to create Certificate \"test-ns.example.com\": "
                        + "inducing failure for create certificates")
                .wantErr();
    }

    static Row updateFails() {
        Namespace ns = ns(true);
        Certificate stale = wildcard(ns);
        stale.getSpec().setDomain("old.example.com");
        return Row.named("failure updating the wildcard certificate").key("test-ns").config(SELECTING)
                .objects(ns, stale)
                .withReactors(induceFailure("update", "certificates"))
                .wantUpdates(wildcard(ns))
                .wantEvents("Warning UpdateFailed Failed to update Certificate \"test-ns.example.com\": "
                        + "inducing failure for update certificates")
                .wantErr();
    }

    static Stream<Row> rows() {
        return Stream.of(Row.named("key not found").key("not-found"), created(), steady(), updated(), unselected(),
                tlsOff(), foreign(), createFails(), updateFails());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        Table.runInProcess(row, NamespaceCertTableTest::reconciler);
    }
}
