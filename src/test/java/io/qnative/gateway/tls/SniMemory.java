package io.qnative.gateway.tls;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qnative.api.networking.v1alpha1.Certificate;
import io.qnative.api.networking.v1alpha1.Ingress;
import io.qnative.certs.CertificateAuthority;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Memory per certificate held by the gateway (bench/tls.sh): issues {@code args[0]} (default 1,000) distinct host
 * certificates with the built-in CA code, as the built-in issuer's Secrets, and reports the used heap after full
 * collections and the process's RSS at each step:
 * <ol>
 *   <li>{@code baseline}: classes loaded (one certificate served and dropped), nothing held;</li>
 *   <li>{@code secrets}: the N Secrets and their KIngresses as an informer cache holds them (each Secret written to
 *       JSON and read back with fabric8's mapper, as a watch event delivers it);</li>
 *   <li>{@code sni}: the same plus {@link SniCertificates} fed through {@link TlsSecrets}' conversions (decoded PEM
 *       text and the parsed key pairs);</li>
 *   <li>{@code sni+managers}: after one SNI lookup per host (each host's key manager, made at its first
 *       handshake);</li>
 *   <li>{@code sni-only}: the Secrets and KIngresses dropped, the SNI table kept.</li>
 * </ol>
 * Prints one line per step ({@code step <name> heap <bytes> rss <bytes>}) and the load time; the script divides.
 * Soft references (the JDK's cache of parsed certificates) count unless the JVM clears them at every collection
 * ({@code -XX:SoftRefLRUPolicyMSPerMB=0}, as the script runs it); {@code -Dhistogram=true} also writes
 * {@code histogram-<step>.txt} ({@code jcmd GC.class_histogram}) into the working directory.
 */
public final class SniMemory {

    private SniMemory() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        // outside Quarkus, its initial log handler queues every record until a start that never comes: keep
        // production's INFO threshold so debug records are not made (and held) at all
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        SecureRandom random = new SecureRandom();
        CertificateAuthority ca = TlsFixtures.authority(random);
        ObjectMapper json = Serialization.jsonMapper();
        {
            // load every class of the path once so the baseline holds them
            Certificate c = TlsFixtures.certificate("warm", "warm.ns.example.com");
            Secret s = json.readValue(json.writeValueAsBytes(TlsFixtures.secret(ca, c, random)), Secret.class);
            SniCertificates warm = new SniCertificates();
            TlsFixtures.serve(warm, TlsFixtures.ingress("warm", "warm.ns.example.com", "warm"), s);
            warm.forServerName("warm.ns.example.com").orElseThrow().getCertificateChain("none");
        }
        step("baseline");

        List<Secret> secrets = new ArrayList<>(n);
        List<Ingress> ingresses = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = "svc-" + i;
            String host = name + "." + TlsFixtures.NS + ".example.com";
            Certificate cert = TlsFixtures.certificate("route-" + i, host);
            secrets.add(json.readValue(json.writeValueAsBytes(TlsFixtures.secret(ca, cert, random)), Secret.class));
            ingresses.add(TlsFixtures.ingress(name, host, cert.getSpec().getSecretName()));
        }
        step("secrets");

        SniCertificates sni = new SniCertificates();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            TlsFixtures.serve(sni, ingresses.get(i), secrets.get(i));
        }
        long loadNanos = System.nanoTime() - start;
        if (sni.hosts().size() != n) {
            throw new IllegalStateException("served " + sni.hosts().size() + " hosts, expected " + n);
        }
        step("sni");

        for (String host : sni.hosts()) {
            if (sni.forServerName(host).orElseThrow().getServerAliases("EC", null) == null) {
                throw new IllegalStateException("no key pair for " + host);
            }
        }
        step("sni+managers");

        secrets.clear();
        ingresses.clear();
        step("sni-only");
        System.out.printf("certificates %d load %.0f ms%n", n, loadNanos / 1e6);
        System.out.println("served " + sni.hosts().size());
    }

    private static void step(String name) throws Exception {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("step " + name + " heap " + heap + " rss " + rss());
        if (Boolean.getBoolean("histogram")) {
            // the classes holding most, for finding what a step added (jcmd of the running JDK)
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(ProcessHandle.current().pid()), "GC.class_histogram").redirectErrorStream(true)
                    .start();
            p.getInputStream().transferTo(Files.newOutputStream(Path.of("histogram-" + name + ".txt")));
            p.waitFor();
        }
    }

    /** VmRSS of /proc/self/status in bytes (0 where there is no /proc). */
    private static long rss() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
