package io.qnative.reconciler.certificate;

import static io.qnative.testing.table.Reactor.induceFailure;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.certmanager.acme.v1.Challenge;
import io.qnative.api.certmanager.v1.CertManagerCertificate;
import io.qnative.api.certmanager.v1.ClusterIssuer;
import io.qnative.api.certmanager.v1.Issuer;
import io.qnative.api.certmanager.v1.IssuerSpec;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.CertificateSpec;
import io.qnative.certs.CertificateAuthority;
import io.qnative.certs.KeyAlgorithm;
import io.qnative.certs.ServingCertificate;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Kmeta;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import io.qnative.testing.Fixtures;
import io.qnative.testing.table.Literals;
import io.qnative.testing.table.Row;
import io.qnative.testing.table.Table;
import io.qnative.testing.table.TableContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import io.opentelemetry.api.trace.StatusCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Certificate reconciler's table in the unit tier: the built-in CA (first issue, steady state, renewal, a
 * Secret deleted or edited by hand, the CA created or replaced, a Secret owned by someone else, failures) and the
 * cert-manager class (its Certificate created, corrected, not owned, and its Ready condition set by the row as
 * cert-manager would; HTTP-01 challenges from the issuer, solver Services and Challenges the row stores). Statuses and the cert-manager Certificate are YAML literals; certificates are issued by the
 * real CA with the same seeded randomness the reconciler gets, so each row knows the exact Secret it wants. Each
 * row also names the spans the reconcile must record.
 */
class CertificateTableTest {

    static final String NS = "default";
    static final String NAME = "route-abc";
    static final String KEY = NS + "/" + NAME;
    static final String SYSTEM = "knative-serving";
    static final Instant NOW = Fixtures.NOW;
    static final CertificateSettings SETTINGS = CertificateSettings.defaults(SYSTEM);
    static final List<String> NAMES = List.of("hello.default.example.com");
    static final String QNATIVE = "qnative.certificate.networking.knative.dev";
    static final String CERT_MANAGER = "cert-manager.certificate.networking.knative.dev";
    /** The CA the cluster already holds in most rows. */
    static final CertificateAuthority CA = CertificateAuthority.create("qnative-ca.knative-serving",
            NOW.minus(Duration.ofDays(100)), SETTINGS.caValidity(), KeyAlgorithm.ECDSA_P256, seeded(1));

    /** A row, the spans it must record in order, and a name. */
    record Case(Row row, List<String> spans) {

        @Override
        public String toString() {
            return row.toString();
        }
    }

    /** The reconciler's randomness; a row's expected certificates draw from a fresh copy in the same order. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Certificate kcert(String cls, List<String> names) {
        Certificate c = new Certificate();
        c.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(NS).withUid("kcert-uid").withGeneration(1L)
                .withAnnotations(new TreeMap<>(Map.of("networking.knative.dev/certificate.class", cls)))
                .withLabels(new TreeMap<>(Map.of("serving.knative.dev/route", "hello",
                        "networking.knative.dev/certificate-type", "external-domain")))
                .build());
        CertificateSpec spec = new CertificateSpec();
        spec.setDnsNames(names);
        spec.setDomain("default.example.com");
        spec.setSecretName(NAME);
        c.setSpec(spec);
        return c;
    }

    static Certificate kcert() {
        return kcert(QNATIVE, NAMES);
    }

    static String ready(Instant notAfter) {
        return """
                observedGeneration: 1
                conditions:
                - {type: Ready, status: "True"}
                notAfter: "%s"
                """.formatted(notAfter);
    }

    static Secret caSecret() {
        return CertificateSecrets.authority(SYSTEM, "qnative-ca", CA);
    }

    static ConfigMap caConfigMap() {
        return CertificateSecrets.trustBundle(SYSTEM, "qnative-ca", CA);
    }

    static ServingCertificate leaf(CertificateAuthority ca, List<String> names, Instant issued, SecureRandom r) {
        return ca.issue(names, issued, SETTINGS.validity(), KeyAlgorithm.ECDSA_P256, r);
    }

    /** The Secret as the reconciler writes it for a certificate issued at {@code issued}. */
    static Secret servingSecret(Instant issued, long seed) {
        return CertificateSecrets.serving(kcert(), leaf(CA, NAMES, issued, seeded(seed)));
    }

    static final String CREATED_SECRET = "Normal Created Created Secret \"" + NAME + "\"";
    /** Certificates issued at NOW last 90 days (whole seconds) and renew 30 days before. */
    static final Instant NOT_AFTER = Instant.parse("2027-02-24T23:00:00Z");
    static final Duration UNTIL_RENEWAL = Duration.ofDays(60).minusMillis(500);

    static Case firstIssue() {
        return new Case(Row.named("first issue: the CA signs a certificate into the Certificate's Secret").key(KEY)
                .objects(kcert(), caSecret(), caConfigMap())
                .wantCreates(servingSecret(NOW, 42))
                .wantEvents(CREATED_SECRET)
                .wantStatusUpdates(Literals.withStatus(kcert(), ready(NOT_AFTER)))
                .wantRequeueAfter(UNTIL_RENEWAL), List.of("certificate.issue"));
    }

    static Case steady() {
        Instant issued = NOW.minus(Duration.ofDays(1));
        Secret valid = servingSecret(issued, 7);
        Instant notAfter = Instant.parse("2027-02-23T23:00:00Z");
        return new Case(Row.named("already valid: no write, run again when renewal is due").key(KEY)
                .objects(Literals.withStatus(kcert(), ready(notAfter)), caSecret(), caConfigMap(), valid)
                .wantRequeueAfter(Duration.ofDays(59).minusMillis(500)), List.of());
    }

    static Case renewalDue() {
        Secret old = servingSecret(NOW.minus(Duration.ofDays(61)), 7);
        Secret renewed = Kmeta.deepCopy(old, Secret.class);
        renewed.setData(servingSecret(NOW, 42).getData());
        return new Case(Row.named("renewal due 30 days before expiry: a new certificate replaces the old").key(KEY)
                .objects(Literals.withStatus(kcert(), ready(Instant.parse("2026-12-25T23:00:00Z"))), caSecret(),
                        caConfigMap(), old)
                .wantUpdates(renewed)
                .wantEvents("Normal Renewed Renewed the certificate in Secret \"route-abc\": renewal due at "
                        + "2026-11-25T23:00:00Z (expires at 2026-12-25T23:00:00Z)")
                .wantStatusUpdates(Literals.withStatus(kcert(), ready(NOT_AFTER)))
                .wantRequeueAfter(UNTIL_RENEWAL), List.of("certificate.renew"));
    }

    static Case namesChanged() {
        List<String> more = List.of("hello.default.example.com", "tag-hello.default.example.com");
        Secret old = servingSecret(NOW.minus(Duration.ofDays(1)), 7);
        Secret renewed = Kmeta.deepCopy(old, Secret.class);
        renewed.setData(CertificateSecrets.serving(kcert(QNATIVE, more), leaf(CA, more, NOW, seeded(42))).getData());
        return new Case(Row.named("the DNS names changed: the certificate is renewed for exactly the new ones")
                .key(KEY)
                .objects(Literals.withStatus(kcert(QNATIVE, more), ready(Instant.parse("2027-02-23T23:00:00Z"))),
                        caSecret(), caConfigMap(), old)
                .wantUpdates(renewed)
                .wantEvents("Normal Renewed Renewed the certificate in Secret \"route-abc\": names "
                        + "[hello.default.example.com] instead of [hello.default.example.com, "
                        + "tag-hello.default.example.com]")
                .wantStatusUpdates(Literals.withStatus(kcert(QNATIVE, more), ready(NOT_AFTER)))
                .wantRequeueAfter(UNTIL_RENEWAL), List.of("certificate.renew"));
    }

    static Case secretDeleted() {
        return new Case(Row.named("Secret deleted by hand: a certificate is issued again").key(KEY)
                .objects(Literals.withStatus(kcert(), ready(Instant.parse("2027-02-23T23:00:00Z"))), caSecret(),
                        caConfigMap())
                .wantCreates(servingSecret(NOW, 42))
                .wantEvents(CREATED_SECRET)
                .wantStatusUpdates(Literals.withStatus(kcert(), ready(NOT_AFTER)))
                .wantRequeueAfter(UNTIL_RENEWAL), List.of("certificate.issue"));
    }

    static Case secretEdited() {
        Secret valid = servingSecret(NOW.minus(Duration.ofDays(1)), 7);
        Secret edited = Kmeta.deepCopy(valid, Secret.class);
        Map<String, String> data = new TreeMap<>(edited.getData());
        data.put("ca.crt", Base64.getEncoder().encodeToString("not my CA".getBytes()));
        edited.setData(data);
        edited.getMetadata().setLabels(new TreeMap<>(Map.of("team", "blue")));
        Secret repaired = Kmeta.deepCopy(valid, Secret.class);
        repaired.getMetadata().setLabels(new TreeMap<>(Map.of("team", "blue",
                "networking.internal.knative.dev/certificate-uid", "kcert-uid")));
        Instant notAfter = Instant.parse("2027-02-23T23:00:00Z");
        return new Case(Row.named("Secret edited by hand (CA bundle, label): put back, same certificate").key(KEY)
                .objects(Literals.withStatus(kcert(), ready(notAfter)), caSecret(), caConfigMap(), edited)
                .wantUpdates(repaired)
                .wantRequeueAfter(Duration.ofDays(59).minusMillis(500)), List.of());
    }

    static Case caMissing() {
        SecureRandom r = seeded(42);
        CertificateAuthority ca = CertificateAuthority.create("qnative-ca.knative-serving", NOW,
                SETTINGS.caValidity(), KeyAlgorithm.ECDSA_P256, r);
        return new Case(Row.named("CA Secret missing: the CA is created and published, then the certificate issued")
                .key(KEY)
                .objects(kcert())
                .wantCreates(CertificateSecrets.authority(SYSTEM, "qnative-ca", ca),
                        CertificateSecrets.trustBundle(SYSTEM, "qnative-ca", ca),
                        CertificateSecrets.serving(kcert(), leaf(ca, NAMES, NOW, r)))
                .wantEvents("Normal CreatedCA Created the CA Secret knative-serving/qnative-ca", CREATED_SECRET)
                .wantStatusUpdates(Literals.withStatus(kcert(), ready(NOT_AFTER)))
                .wantRequeueAfter(UNTIL_RENEWAL), List.of("certificate.ca.create", "certificate.issue"));
    }

    static Case caUnreadable() {
        Secret broken = caSecret();
        Map<String, String> data = new TreeMap<>(broken.getData());
        data.put("tls.key", Base64.getEncoder().encodeToString("garbage".getBytes()));
        broken.setData(data);
        SecureRandom r = seeded(42);
        CertificateAuthority ca = CertificateAuthority.create("qnative-ca.knative-serving", NOW,
                SETTINGS.caValidity(), KeyAlgorithm.ECDSA_P256, r);
        Secret replaced = Kmeta.deepCopy(broken, Secret.class);
        replaced.setData(CertificateSecrets.authority(SYSTEM, "qnative-ca", ca).getData());
        ConfigMap republished = caConfigMap();
        republished.setData(CertificateSecrets.trustBundle(SYSTEM, "qnative-ca", ca).getData());
        Secret old = servingSecret(NOW.minus(Duration.ofDays(1)), 7);
        Secret renewed = Kmeta.deepCopy(old, Secret.class);
        renewed.setData(CertificateSecrets.serving(kcert(), leaf(ca, NAMES, NOW, r)).getData());
        return new Case(Row.named("CA unreadable: replaced, republished, and the certificate signed again").key(KEY)
                .objects(Literals.withStatus(kcert(), ready(Instant.parse("2027-02-23T23:00:00Z"))), broken,
                        caConfigMap(), old)
                .wantUpdates(replaced, republished, renewed)
                .wantEvents("Warning ReplacedCA Replaced the CA in Secret knative-serving/qnative-ca: unreadable CA: "
                        + "no private key in PEM data",
                        "Normal Renewed Renewed the certificate in Secret \"route-abc\": not signed by the current CA")
                .wantStatusUpdates(Literals.withStatus(kcert(), ready(NOT_AFTER)))
                .wantRequeueAfter(UNTIL_RENEWAL), List.of("certificate.ca.replace", "certificate.renew"));
    }

    static Case secretNotOwned() {
        Secret foreign = servingSecret(NOW, 7);
        foreign.getMetadata().setOwnerReferences(null);
        return new Case(Row.named("a same-named Secret someone else owns: NotOwned, left alone").key(KEY)
                .objects(kcert(), caSecret(), caConfigMap(), foreign)
                .wantStatusUpdates(Literals.withStatus(kcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "False", reason: NotOwned,
                           message: 'There is an existing Secret "route-abc" that we do not own.'}
                        """)), List.of());
    }

    static Case invalidSpec() {
        Certificate noNames = kcert(QNATIVE, List.of());
        return new Case(Row.named("no DNS names: Ready False naming the field, nothing issued").key(KEY)
                .objects(noNames, caSecret(), caConfigMap())
                .wantStatusUpdates(Literals.withStatus(noNames, """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "False", reason: InvalidSpec,
                           message: "spec.dnsNames must list at least one DNS name, none empty"}
                        """)), List.of());
    }

    static Case createFails() {
        return new Case(Row.named("failure creating the Secret").key(KEY)
                .objects(kcert(), caSecret(), caConfigMap())
                .withReactors(induceFailure("create", "secrets"))
                .wantCreates(servingSecret(NOW, 42))
                .wantEvents("Warning CreationFailed Failed to create Secret \"route-abc\": inducing failure for "
                        + "create secrets")
                .wantStatusUpdates(Literals.withStatus(kcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: ReconcileFailed,
                           message: "The certificate has not been reconciled: inducing failure for create secrets"}
                        """))
                .wantErr(), List.of("certificate.issue"));
    }

    static Case caCreateFails() {
        SecureRandom r = seeded(42);
        CertificateAuthority ca = CertificateAuthority.create("qnative-ca.knative-serving", NOW,
                SETTINGS.caValidity(), KeyAlgorithm.ECDSA_P256, r);
        return new Case(Row.named("failure creating the CA Secret").key(KEY)
                .objects(kcert())
                .withReactors(induceFailure("create", "secrets"))
                .wantCreates(CertificateSecrets.authority(SYSTEM, "qnative-ca", ca))
                .wantStatusUpdates(Literals.withStatus(kcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: ReconcileFailed,
                           message: "The certificate has not been reconciled: inducing failure for create secrets"}
                        """))
                .wantErr(), List.of("certificate.ca.create"));
    }

    static Case renewalUpdateFails() {
        Secret old = servingSecret(NOW.minus(Duration.ofDays(61)), 7);
        Secret renewed = Kmeta.deepCopy(old, Secret.class);
        renewed.setData(servingSecret(NOW, 42).getData());
        Certificate readyOld = Literals.withStatus(kcert(), ready(Instant.parse("2026-12-25T23:00:00Z")));
        return new Case(Row.named("failure updating the Secret on renewal").key(KEY)
                .objects(readyOld, caSecret(), caConfigMap(), old)
                .withReactors(induceFailure("update", "secrets"))
                .wantUpdates(renewed)
                .wantEvents("Warning UpdateFailed Failed to update Secret \"route-abc\": inducing failure for update "
                        + "secrets")
                .wantStatusUpdates(Literals.withStatus(kcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: ReconcileFailed,
                           message: "The certificate has not been reconciled: inducing failure for update secrets"}
                        notAfter: "2026-12-25T23:00:00Z"
                        """))
                .wantErr(), List.of("certificate.renew"));
    }

    static Case statusUpdateFails() {
        return new Case(Row.named("failure updating the Certificate's status").key(KEY)
                .objects(kcert(), caSecret(), caConfigMap())
                .withReactors(induceFailure("update", "certificates"))
                .wantCreates(servingSecret(NOW, 42))
                .wantEvents(CREATED_SECRET)
                .wantStatusUpdates(Literals.withStatus(kcert(), ready(NOT_AFTER)))
                .wantErr(), List.of("certificate.issue"));
    }

    static Case otherClass() {
        return new Case(Row.named("a Certificate of another class is left alone").key(KEY)
                .objects(kcert("istio.certificate.networking.knative.dev", NAMES), caSecret(), caConfigMap()),
                List.of());
    }

    static Case notFound() {
        return new Case(Row.named("key not found").key(KEY), List.of());
    }

    static Case beingDeleted() {
        Certificate c = Literals.withStatus(kcert(), ready(NOT_AFTER));
        c.getMetadata().setDeletionTimestamp("2026-11-26T22:00:00Z");
        c.getMetadata().setFinalizers(List.of("someone.else/finalizer"));
        return new Case(Row.named("being deleted: nothing written (the Secret goes with its owner)").key(KEY)
                .objects(c, caSecret(), caConfigMap()), List.of());
    }

    // --- cert-manager class

    /** Knative's mapping of kcert() as a literal. */
    static final String CM_CERT = """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: route-abc
              namespace: default
              annotations: {networking.knative.dev/certificate.class: %s}
              labels: {networking.knative.dev/certificate-type: external-domain, serving.knative.dev/route: hello}
              ownerReferences:
              - {apiVersion: networking.internal.knative.dev/v1alpha1, kind: Certificate, name: route-abc,
                 uid: kcert-uid, controller: true, blockOwnerDeletion: true}
            spec:
              commonName: hello.default.example.com
              dnsNames: [hello.default.example.com]
              secretName: route-abc
              issuerRef: {name: letsencrypt, kind: ClusterIssuer}
              secretTemplate:
                labels: {networking.internal.knative.dev/certificate-uid: kcert-uid}
            """.formatted(CERT_MANAGER);

    static CertManagerCertificate cmCert(String status) {
        return Literals.object(CM_CERT + (status == null ? "" : "status:\n" + status.indent(2)),
                CertManagerCertificate.class);
    }

    static ConfigSnapshot certManagerConfig() {
        return ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-certmanager",
                Map.of("issuerRef", "kind: ClusterIssuer\nname: letsencrypt\n"));
    }

    static Certificate cmKcert() {
        return kcert(CERT_MANAGER, NAMES);
    }

    static Case cmCreate() {
        return new Case(Row.named("cert-manager: its Certificate is created with Knative's mapping").key(KEY)
                .config(certManagerConfig())
                .objects(dns01Issuer())
                .objects(cmKcert())
                .wantCreates(cmCert(null))
                .wantEvents("Normal Created Created Cert-Manager Certificate default/route-abc")
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: NoCertManagerCertCondition,
                           message: The ready condition of Cert Manager Certificate does not exist.}
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmReady() {
        return new Case(Row.named("cert-manager: Ready True and notAfter mirrored").key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert(), cmCert("""
                        conditions: [{type: Ready, status: "True", reason: Ready, message: up to date}]
                        notAfter: "2027-02-24T10:00:00Z"
                        renewalTime: "2027-01-25T10:00:00Z"
                        """))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "True"}
                        notAfter: "2027-02-24T10:00:00Z"
                        http01Challenges: []
                        """))
                .wantRequeueAfter(Duration.ofMinutes(10)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmPending() {
        return new Case(Row.named("cert-manager: Ready False Pending is Unknown").key(KEY)
                .config(certManagerConfig())
                .objects(dns01Issuer())
                .objects(cmKcert(), cmCert("""
                        conditions: [{type: Ready, status: "False", reason: Pending, message: waiting for order}]
                        """))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: Pending, message: waiting for order}
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmFailed() {
        return new Case(Row.named("cert-manager: any other Ready False is False").key(KEY)
                .config(certManagerConfig())
                .objects(dns01Issuer())
                .objects(cmKcert(), cmCert("""
                        conditions: [{type: Ready, status: "False", reason: Failed, message: order rejected}]
                        """))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "False", reason: Failed, message: order rejected}
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmDrifted() {
        CertManagerCertificate drifted = cmCert(null);
        drifted.getSpec().setDnsNames(List.of("other.example.com"));
        CertManagerCertificate corrected = cmCert(null);
        return new Case(Row.named("cert-manager: a drifted spec is put back").key(KEY)
                .config(certManagerConfig())
                .objects(dns01Issuer())
                .objects(cmKcert(), drifted)
                .wantUpdates(corrected)
                .wantEvents("Normal Updated Updated Spec for Cert-Manager Certificate default/route-abc")
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: NoCertManagerCertCondition,
                           message: The ready condition of Cert Manager Certificate does not exist.}
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmNotOwned() {
        CertManagerCertificate foreign = cmCert(null);
        foreign.getMetadata().setOwnerReferences(null);
        return new Case(Row.named("cert-manager: a Certificate someone else owns is NotOwned").key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert(), foreign)
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "False", reason: NotOwned,
                           message: 'There is an existing CertManagerCertificate "route-abc" that we do not own.'}
                        """)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmCommonNameTooLong() {
        Certificate longName = kcert(CERT_MANAGER, List.of("a".repeat(64) + ".example.com"));
        longName.getSpec().setDomain(null);
        return new Case(Row.named("cert-manager: a common name too long to shorten is Ready False").key(KEY)
                .config(certManagerConfig())
                .objects(longName)
                .wantStatusUpdates(Literals.withStatus(longName, """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "False", reason: CommonName Too Long,
                           message: "error creating cert-manager certificate: CommonName (%s.example.com) too long \\
                             and field spec.Domain on Kcert is empty, cannot attempt to shorten"}
                        """.formatted("a".repeat(64)))), List.of("certificate.cert-manager.sync"));
    }

    static Case cmCreateFails() {
        return new Case(Row.named("cert-manager: failure creating its Certificate").key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert())
                .withReactors(induceFailure("create", "certificates"))
                .wantCreates(cmCert(null))
                .wantEvents("Warning CreationFailed Failed to create Cert-Manager Certificate default/route-abc: "
                        + "inducing failure for create certificates")
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: ReconcileFailed,
                           message: "The certificate has not been reconciled: inducing failure for create certificates"}
                        """))
                .wantErr(), List.of("certificate.cert-manager.sync"));
    }

    static Case cmByDefaultClass() {
        Certificate unannotated = kcert(CERT_MANAGER, NAMES);
        unannotated.getMetadata().setAnnotations(null);
        CertManagerCertificate want = cmCert(null);
        want.getMetadata().setAnnotations(null);
        ConfigSnapshot config = ConfigSnapshot.apply(certManagerConfig(), "config-network",
                Map.of("certificate-class", CERT_MANAGER));
        return new Case(Row.named("no class annotation: config-network's certificate-class (cert-manager) decides")
                .key(KEY)
                .config(config)
                .objects(unannotated, dns01Issuer())
                .wantCreates(want)
                .wantEvents("Normal Created Created Cert-Manager Certificate default/route-abc")
                .wantStatusUpdates(Literals.withStatus(unannotated, """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: NoCertManagerCertCondition,
                           message: The ready condition of Cert Manager Certificate does not exist.}
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    // --- cert-manager HTTP-01 challenges (Knative's setHTTP01Challenges)

    /** cert-manager's {@code acme.cert-manager.io/http-domain} label of hello.default.example.com (Adler-32). */
    static final String HELLO_HASH = "2116553135";

    static HasMetadata issuer(String kind, String solver) {
        String yaml = """
                apiVersion: cert-manager.io/v1
                kind: %s
                metadata: {name: letsencrypt%s}
                spec:
                  acme:
                    server: https://acme.invalid/directory
                    privateKeySecretRef: {name: letsencrypt-account}
                    solvers:
                    - %s
                """.formatted(kind, "Issuer".equals(kind) ? ", namespace: default" : "", solver);
        return "Issuer".equals(kind) ? Literals.object(yaml, Issuer.class) : Literals.object(yaml, ClusterIssuer.class);
    }

    static HasMetadata dns01Issuer() {
        return issuer("ClusterIssuer", "dns01: {webhook: {groupName: acme.example.com, solverName: example}}");
    }

    static HasMetadata http01Issuer(String kind) {
        return issuer(kind, "http01: {ingress: {class: kourier.ingress.networking.knative.dev}}");
    }

    /** The solver Service cert-manager makes for a Challenge (pkg/issuer/acme/http/service.go). */
    static Service solverService(String name, String challenge) {
        return solverService(name, challenge, HELLO_HASH);
    }

    static Service solverService(String name, String challenge, String hash) {
        return Literals.object("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: %s
                  namespace: default
                  labels: {acme.cert-manager.io/http-domain: "%s", acme.cert-manager.io/http-token: "1234",
                           acme.cert-manager.io/http01-solver: "true"}
                  ownerReferences:
                  - {apiVersion: acme.cert-manager.io/v1, kind: Challenge, name: %s, uid: ch-uid, controller: true}
                spec:
                  type: NodePort
                  selector: {acme.cert-manager.io/http-domain: "%s"}
                  ports: [{name: http, port: 8089, targetPort: 8089, protocol: TCP}]
                """.formatted(name, hash, challenge, hash), Service.class);
    }

    static Challenge challenge(String name, String token) {
        return Literals.object("""
                apiVersion: acme.cert-manager.io/v1
                kind: Challenge
                metadata: {name: %s, namespace: default}
                spec:
                  dnsName: hello.default.example.com
                  token: %s
                  type: HTTP-01
                  url: https://acme.invalid/chall/1
                  authorizationURL: https://acme.invalid/authz/1
                  key: %s.thumbprint
                  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
                  solver: {http01: {ingress: {class: kourier.ingress.networking.knative.dev}}}
                """.formatted(name, token, token), Challenge.class);
    }

    static final String PENDING = """
            conditions: [{type: Ready, status: "False", reason: Pending, message: waiting for order}]
            """;

    static Case cmHttp01() {
        return new Case(Row.named("cert-manager: HTTP-01 issuer, solver Service and Challenge: challenge reported")
                .key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert(), cmCert(PENDING), http01Issuer("ClusterIssuer"),
                        solverService("cm-acme-http-solver-x7k2p", "route-abc-1-2345-6789"),
                        challenge("route-abc-1-2345-6789", "tok-abc"),
                        // another domain's solver in the namespace is not this certificate's
                        solverService("cm-acme-http-solver-other", "other-ch", "99"))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: Pending, message: waiting for order}
                        http01Challenges:
                        - url: http://hello.default.example.com/.well-known/acme-challenge/tok-abc
                          serviceName: cm-acme-http-solver-x7k2p
                          serviceNamespace: default
                          servicePort: 8089
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmHttp01NamespacedIssuer() {
        CertManagerCertificate cm = cmCert(null);
        cm.getSpec().getIssuerRef().setKind("Issuer");
        return new Case(Row.named("cert-manager: HTTP-01 Issuer of the namespace, no condition yet: reported").key(KEY)
                .config(ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-certmanager",
                        Map.of("issuerRef", "kind: Issuer\nname: letsencrypt\n")))
                .objects(cmKcert(), cm, http01Issuer("Issuer"),
                        solverService("cm-acme-http-solver-x7k2p", "route-abc-1-2345-6789"),
                        challenge("route-abc-1-2345-6789", "tok-def"))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: NoCertManagerCertCondition,
                           message: The ready condition of Cert Manager Certificate does not exist.}
                        http01Challenges:
                        - url: http://hello.default.example.com/.well-known/acme-challenge/tok-def
                          serviceName: cm-acme-http-solver-x7k2p
                          serviceNamespace: default
                          servicePort: 8089
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmHttp01Renewing() {
        return new Case(Row.named("cert-manager: HTTP-01 issuer, Ready but past renewalTime: challenges reported")
                .key(KEY)
                .config(certManagerConfig())
                .objects(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "True"}
                        notAfter: "2026-12-20T10:00:00Z"
                        http01Challenges: []
                        """), cmCert("""
                        conditions: [{type: Ready, status: "True", reason: Ready, message: up to date}]
                        notAfter: "2026-12-20T10:00:00Z"
                        renewalTime: "2026-11-20T10:00:00Z"
                        """), http01Issuer("ClusterIssuer"),
                        solverService("cm-acme-http-solver-x7k2p", "route-abc-1-2345-6789"),
                        challenge("route-abc-1-2345-6789", "tok-renew"))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: "True"}
                        - {type: Renewing, status: "True", severity: Info}
                        notAfter: "2026-12-20T10:00:00Z"
                        http01Challenges:
                        - url: http://hello.default.example.com/.well-known/acme-challenge/tok-renew
                          serviceName: cm-acme-http-solver-x7k2p
                          serviceNamespace: default
                          servicePort: 8089
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmHttp01NoSolverYet() {
        return new Case(Row.named("cert-manager: HTTP-01 issuer without a solver Service yet: Knative's error")
                .key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert(), cmCert(PENDING), http01Issuer("ClusterIssuer"))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: ReconcileFailed,
                           message: "The certificate has not been reconciled: no challenge solver service for \\
                             domain hello.default.example.com; selector=acme.cert-manager.io/http-domain=%s"}
                        """.formatted(HELLO_HASH)))
                .wantErr(), List.of("certificate.cert-manager.sync"));
    }

    static Case cmDns01() {
        return new Case(Row.named("cert-manager: DNS-01 issuer: no challenges even with a solver Service").key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert(), cmCert(PENDING), dns01Issuer(),
                        solverService("cm-acme-http-solver-x7k2p", "route-abc-1-2345-6789"),
                        challenge("route-abc-1-2345-6789", "tok-abc"))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: Pending, message: waiting for order}
                        """))
                .wantRequeueAfter(Duration.ofSeconds(5)), List.of("certificate.cert-manager.sync"));
    }

    static Case cmIssuerMissing() {
        return new Case(Row.named("cert-manager: the issuer config-certmanager names does not exist: error").key(KEY)
                .config(certManagerConfig())
                .objects(cmKcert(), cmCert(PENDING))
                .wantStatusUpdates(Literals.withStatus(cmKcert(), """
                        observedGeneration: 1
                        conditions:
                        - {type: Ready, status: Unknown, reason: ReconcileFailed,
                           message: 'The certificate has not been reconciled: clusterissuer.cert-manager.io
                             "letsencrypt" not found'}
                        """))
                .wantErr(), List.of("certificate.cert-manager.sync"));
    }

    static Stream<Case> rows() {
        return Stream.of(notFound(), beingDeleted(), otherClass(), firstIssue(), steady(), renewalDue(),
                namesChanged(), secretDeleted(), secretEdited(), caMissing(), caUnreadable(), secretNotOwned(),
                invalidSpec(), createFails(), caCreateFails(), renewalUpdateFails(), statusUpdateFails(), cmCreate(),
                cmReady(), cmPending(), cmFailed(), cmDrifted(), cmNotOwned(), cmCommonNameTooLong(),
                cmCreateFails(), cmByDefaultClass(), cmHttp01(), cmHttp01NamespacedIssuer(), cmHttp01Renewing(), cmHttp01NoSolverYet(),
                cmDns01(), cmIssuerMissing());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Case c) throws Exception {
        List<SpanData> spans = run(c);
        assertThat(spans.stream().map(SpanData::getName).toList()).as("spans").containsExactlyElementsOf(c.spans());
    }

    /** Runs a row; returns the spans it recorded. */
    static List<SpanData> run(Case c) throws Exception {
        List<SpanData> spans = new ArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new CollectingExporter(spans))).build();
        try {
            Table.runInProcess(c.row(), (TableContext ctx) -> reconciler(ctx, provider));
        } finally {
            provider.close();
        }
        return spans;
    }

    static Map<String, Object> attributes(SpanData span) {
        Map<String, Object> out = new TreeMap<>();
        span.getAttributes().forEach((k, v) -> out.put(k.getKey(), v));
        return out;
    }

    @Test
    void spansCarryDomainNamespaceIssuerAndOutcome() throws Exception {
        SpanData issue = run(firstIssue()).get(0);
        assertThat(attributes(issue)).isEqualTo(Map.of("qnative.certificate.domain", "default.example.com",
                "qnative.certificate.dns_names", NAMES, "k8s.namespace.name", NS, "qnative.certificate.name", NAME,
                "qnative.certificate.issuer", "qnative-ca", "qnative.certificate.reason", "no Secret route-abc",
                "qnative.certificate.outcome", "issued"));
        assertThat(issue.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);

        SpanData failed = run(createFails()).get(0);
        assertThat(attributes(failed)).containsEntry("qnative.certificate.outcome", "error")
                .containsEntry("error", "inducing failure for create secrets");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(failed.getEvents()).extracting(e -> e.getName()).containsExactly("exception");

        SpanData ca = run(caMissing()).get(0);
        assertThat(attributes(ca)).isEqualTo(Map.of("qnative.certificate.issuer", "qnative-ca",
                "qnative.certificate.outcome", "created"));

        SpanData sync = run(cmReady()).get(0);
        assertThat(attributes(sync))
                .containsEntry("qnative.certificate.issuer", "cert-manager:ClusterIssuer/letsencrypt")
                .containsEntry("qnative.certificate.reason", "Ready")
                .containsEntry("qnative.certificate.outcome", "ready");
    }

    static io.qnative.reconciler.Reconciler reconciler(TableContext ctx, SdkTracerProvider provider) {
        CertificateSpans spans = new CertificateSpans(provider.get("test"));
        SecureRandom random = seeded(42);
        AuthorityStore authority = new AuthorityStore(ctx.client(), ctx.lister(Secret.class),
                ctx.lister(ConfigMap.class), ctx.events(), SETTINGS, random, spans);
        BuiltInIssuer builtIn = new BuiltInIssuer(authority, ctx.lister(Secret.class), ctx.children(), ctx.events(),
                SETTINGS, random, spans);
        Http01Challenges.Reader acme = new Http01Challenges.Reader() {
            @Override
            public IssuerSpec issuer(String namespace, String name) {
                Optional<? extends KnativeObject<IssuerSpec, ?>> found = namespace == null
                        ? ctx.lister(ClusterIssuer.class).get(null, name)
                        : ctx.lister(Issuer.class).get(namespace, name);
                return found.map(i -> Http01Challenges.spec(i.getSpec())).orElse(null);
            }

            @Override
            public Challenge challenge(String namespace, String name) {
                return ctx.lister(Challenge.class).get(namespace, name).orElse(null);
            }
        };
        CertManagerSync certManager = new CertManagerSync(ctx.client(),
                (ns, name) -> ctx.lister(CertManagerCertificate.class).get(ns, name).orElse(null),
                new Http01Challenges(acme, ctx.lister(Service.class)), ctx.events(), SETTINGS, spans);
        return new CertificateReconciler(ctx.lister(Certificate.class), ctx.statusUpdater(), ctx.clock(),
                ctx.snapshot(), builtIn, certManager).filtered();
    }

}
