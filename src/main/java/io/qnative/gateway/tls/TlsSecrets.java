package io.qnative.gateway.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;
import io.qnative.api.networking.NetworkingKeys;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.api.networking.v1alpha1.IngressTLS;
import io.qnative.gateway.GatewayCertificates;
import io.qnative.gateway.GatewayServer;
import io.qnative.kube.Informers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Feeds the gateway's {@link SniCertificates} on every replica: the TLS blocks of each KIngress of qnative's class,
 * and the Secrets labelled {@code networking.internal.knative.dev/certificate-uid} (only those are informed on, as
 * Kourier does: Knative's Certificate implementations label the Secrets they write, and a user's own Secret for a
 * DomainMapping needs that label too).
 */
@ApplicationScoped
public class TlsSecrets {

    private final SniCertificates certificates = new SniCertificates();

    TlsSecrets(Informers informers) {
        informers.watch(Ingress.class, GatewayServer.handler(this::ingressChanged, (Ingress i) -> certificates
                .removeIngress(i.getMetadata().getNamespace(), i.getMetadata().getName())));
        informers.watchLabelled(Secret.class, null, NetworkingKeys.CERTIFICATE_UID, null,
                GatewayServer.handler(this::secretChanged, (Secret s) -> certificates
                        .removeSecret(s.getMetadata().getNamespace(), s.getMetadata().getName())));
    }

    /** The certificates the gateway's HTTPS listeners serve. */
    @Produces
    @Singleton
    GatewayCertificates gatewayCertificates() {
        return certificates;
    }

    /** The KIngress's TLS blocks when it is of qnative's class and not being deleted, else none. */
    static List<SniCertificates.Block> blocks(Ingress ingress) {
        if (!qnativeClass(ingress) || ingress.getMetadata().getDeletionTimestamp() != null
                || ingress.getSpec() == null || ingress.getSpec().getTls() == null) {
            return List.of();
        }
        List<SniCertificates.Block> out = new ArrayList<>();
        for (IngressTLS t : ingress.getSpec().getTls()) {
            if (t.getHosts() == null || t.getSecretName() == null) {
                continue;
            }
            String ns = t.getSecretNamespace() == null || t.getSecretNamespace().isEmpty()
                    ? ingress.getMetadata().getNamespace() : t.getSecretNamespace();
            out.add(new SniCertificates.Block(List.copyOf(t.getHosts()), ns, t.getSecretName()));
        }
        return out;
    }

    /**
     * A Secret's {@code tls.crt} and {@code tls.key} decoded as text ({@code stringData} too, as objects built in
     * tests carry it); its other keys ({@code ca.crt}, ...) are not read.
     */
    static Map<String, String> data(Secret secret) {
        Map<String, String> out = new TreeMap<>();
        for (String key : List.of(KeyMaterial.TLS_CRT, KeyMaterial.TLS_KEY)) {
            String v = secret.getStringData() == null ? null : secret.getStringData().get(key);
            if (v == null && secret.getData() != null && secret.getData().get(key) != null) {
                v = new String(Base64.getMimeDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
            }
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    private void ingressChanged(Ingress ingress) {
        certificates.putIngress(ingress.getMetadata().getNamespace(), ingress.getMetadata().getName(),
                blocks(ingress));
    }

    private void secretChanged(Secret secret) {
        certificates.putSecret(secret.getMetadata().getNamespace(), secret.getMetadata().getName(), data(secret));
    }

    /** The ingress class check of the gateway's KIngress controller (either spelling of the annotation). */
    private static boolean qnativeClass(Ingress ingress) {
        Map<String, String> a = ingress.getMetadata().getAnnotations();
        if (a == null) {
            return false;
        }
        String cls = a.get(NetworkingKeys.INGRESS_CLASS);
        if (cls == null || cls.isEmpty()) {
            cls = a.get(NetworkingKeys.INGRESS_CLASS_ALT);
        }
        return NetworkingKeys.INGRESS_CLASS_QNATIVE.equals(cls);
    }
}
