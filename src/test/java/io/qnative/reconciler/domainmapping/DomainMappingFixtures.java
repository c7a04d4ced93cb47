package io.qnative.reconciler.domainmapping;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.qnative.api.duck.KReference;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaim;
import io.qnative.api.networking.v1alpha1.ClusterDomainClaimSpec;
import io.qnative.api.serving.v1.Route;
import io.qnative.api.serving.v1.Service;
import io.qnative.api.serving.v1beta1.DomainMapping;
import io.qnative.api.serving.v1beta1.DomainMappingSpec;
import io.qnative.api.serving.v1beta1.SecretTLS;
import io.qnative.config.ConfigSnapshot;
import io.qnative.testing.table.Literals;

/** Object mothers of the DomainMapping tests: mappings, their targets, claims and config snapshots. */
public final class DomainMappingFixtures {

    /** The namespace of the mappings. */
    public static final String NS = "default";

    private DomainMappingFixtures() {
    }

    /** A mapping of {@code domain} in {@link #NS} to the Knative Service {@code target}: uid {@code dm-uid}. */
    public static DomainMapping dm(String domain, String target) {
        return dm(NS, domain, "serving.knative.dev/v1", "Service", target);
    }

    /** A mapping of {@code domain} in {@code ns} to the named object, generation 1. */
    public static DomainMapping dm(String ns, String domain, String apiVersion, String kind, String target) {
        DomainMapping dm = new DomainMapping();
        ObjectMeta m = new ObjectMeta();
        m.setName(domain);
        m.setNamespace(ns);
        m.setUid("dm-uid");
        m.setGeneration(1L);
        dm.setMetadata(m);
        KReference ref = new KReference();
        ref.setApiVersion(apiVersion);
        ref.setKind(kind);
        ref.setName(target);
        ref.setNamespace(ns);
        DomainMappingSpec spec = new DomainMappingSpec();
        spec.setRef(ref);
        dm.setSpec(spec);
        return dm;
    }

    /** The mapping with the DomainMapping finalizer, as it is after its first reconcile. */
    public static DomainMapping finalized(DomainMapping dm) {
        dm.getMetadata().setFinalizers(List.of("domainmappings.serving.knative.dev"));
        return dm;
    }

    /** The mapping with {@code spec.tls.secretName}. */
    public static DomainMapping withTls(DomainMapping dm, String secretName) {
        SecretTLS tls = new SecretTLS();
        tls.setSecretName(secretName);
        dm.getSpec().setTls(tls);
        return dm;
    }

    /** The mapping with annotations added. */
    public static DomainMapping annotated(DomainMapping dm, String... kv) {
        Map<String, String> a = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        dm.getMetadata().setAnnotations(a);
        return dm;
    }

    /** A Knative Service in {@link #NS} whose {@code status.address.url} is {@code url} (none when null). */
    public static Service ksvc(String name, String url) {
        Service s = Literals.object("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata: {name: %s, namespace: %s, uid: ksvc-uid, generation: 1}
                """.formatted(name, NS), Service.class);
        return url == null ? s : Literals.withStatus(s, "address: {url: \"" + url + "\"}");
    }

    /** A Route in {@link #NS} whose {@code status.address.url} is {@code url}. */
    public static Route route(String name, String url) {
        Route r = Literals.object("""
                apiVersion: serving.knative.dev/v1
                kind: Route
                metadata: {name: %s, namespace: %s, uid: route-uid, generation: 1}
                """.formatted(name, NS), Route.class);
        return Literals.withStatus(r, "address: {url: \"" + url + "\"}");
    }

    /** A plain Kubernetes Service in {@link #NS}. */
    public static io.fabric8.kubernetes.api.model.Service k8sService(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build();
    }

    /** The ClusterDomainClaim of {@code domain} granted to {@code namespace}. */
    public static ClusterDomainClaim claim(String domain, String namespace) {
        ClusterDomainClaim c = new ClusterDomainClaim();
        ObjectMeta m = new ObjectMeta();
        m.setName(domain);
        c.setMetadata(m);
        ClusterDomainClaimSpec spec = new ClusterDomainClaimSpec();
        spec.setNamespace(namespace);
        c.setSpec(spec);
        return c;
    }

    /** Gives {@code obj} a controller reference to some other DomainMapping. */
    public static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T ownedBySomeoneElse(T obj) {
        obj.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion("serving.knative.dev/v1beta1").withKind("DomainMapping").withName("other.org")
                .withUid("uid-other").withController(true).build()));
        return obj;
    }

    /** Defaults with {@code config-network} set to {@code kv}. */
    public static ConfigSnapshot network(String... kv) {
        Map<String, String> data = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            data.put(kv[i], kv[i + 1]);
        }
        return ConfigSnapshot.apply(ConfigSnapshot.DEFAULT, "config-network", data);
    }
}
