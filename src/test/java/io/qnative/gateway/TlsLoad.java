package io.qnative.gateway;

import io.fabric8.kubernetes.api.model.Secret;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.certs.CertificateAuthority;
import io.qnative.gateway.activator.Activator;
import io.qnative.gateway.tls.SniCertificates;
import io.qnative.gateway.tls.TlsFixtures;
import io.qnative.reconciler.certificate.resources.CertificateSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The gateway's HTTPS listener as a process for bench/tls.sh: issues one ECDSA P-256 certificate for
 * {@code args[2]} (default {@code hello.ns.example.com}) with the built-in CA code, stores it as the built-in issuer
 * writes its Secret, feeds that Secret and the Route's KIngress TLS block to {@link SniCertificates} through the
 * informer handlers' conversions, and serves the host (SNI) from the gateway of {@link GatewayHarness}, routed to
 * one backend on 127.0.0.1:{@code args[0]}. Writes the Secret's {@code tls.crt}, {@code tls.key} and
 * {@code ca.crt} into directory {@code args[1]} (for nginx and the clients), prints {@code https <port>} (the external
 * HTTPS listener) and serves until killed.
 */
public final class TlsLoad {

    private TlsLoad() {
    }

    public static void main(String[] args) throws Exception {
        int backend = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        String host = args.length > 2 ? args[2] : "hello.ns.example.com";
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = TlsFixtures.authority(random);
        Certificate cert = TlsFixtures.certificate("hello", host);
        Secret secret = TlsFixtures.secret(ca, cert, random);
        for (String key : new String[] {CertificateSecrets.TLS_CRT, CertificateSecrets.TLS_KEY,
                CertificateSecrets.CA_CRT}) {
            Files.writeString(dir.resolve(key), new String(Base64.getDecoder().decode(secret.getData().get(key)),
                    StandardCharsets.UTF_8));
        }
        SniCertificates sni = new SniCertificates();
        TlsFixtures.serve(sni, TlsFixtures.ingress("hello", host, secret.getMetadata().getName()), secret);
        GatewayHarness gw = new GatewayHarness(Activator.Settings.DEFAULT, sni, 0);
        gw.revision("hello-00001", 0, 0, false);
        gw.pods("hello-00001", backend);
        gw.route("hello", host, Map.of(), "hello-00001", 100);
        gw.awaitHealthy("hello-00001", 1);
        System.out.println("https " + gw.bound.externalHttps());
        Thread.currentThread().join();
    }
}
