package io.qnative.reconciler.domainmapping;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Service;
import io.qnative.api.duck.Addressable;
import io.qnative.api.duck.KReference;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Route;
import io.qnative.kube.Lister;

/**
 * Resolves a DomainMapping's {@code spec.ref} the way Knative's {@code resolver.URIFromKReference} does for the kinds
 * qnative knows (knative.dev/pkg {@code resolver/addressable_resolver.go}): a Knative Service or Route by its
 * {@code status.address.url}, a Kubernetes Service ({@code v1}) by {@code http://<name>.<ns>.svc.<cluster domain>}.
 * Then the checks of Knative's {@code resolveRef} (pkg/reconciler/domainmapping/reconciler.go): no path, a host
 * {@code <name>.<ns>.svc.<cluster domain>}, in the mapping's namespace. Every failure is a
 * {@link UnresolvedException} whose message is what ReferenceResolved reports.
 */
final class Targets {

    /** The resolved target: the Host to rewrite to and the Kubernetes Service the KIngress sends to. */
    record Target(String host, String backendService) {
    }

    /** The reference cannot be used as a target; the message says why. */
    static final class UnresolvedException extends Exception {
        UnresolvedException(String message) {
            super(message);
        }
    }

    private static final String SERVING_V1 = ServingKeys.GROUP + "/v1";

    private final Lister<io.qnative.api.serving.v1.Service> ksvcs;
    private final Lister<Route> routes;
    private final Lister<Service> services;

    Targets(Lister<io.qnative.api.serving.v1.Service> ksvcs, Lister<Route> routes, Lister<Service> services) {
        this.ksvcs = ksvcs;
        this.routes = routes;
        this.services = services;
    }

    /** Whether {@code ref} names this object (same kind, apiVersion's group, namespace and name). */
    static boolean refersTo(KReference ref, String namespace, String apiVersion, String kind, String name) {
        return ref != null && kind.equals(ref.getKind()) && name.equals(ref.getName())
                && namespace.equals(ref.getNamespace()) && group(apiVersion).equals(group(ref.getApiVersion()));
    }

    private static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /**
     * The target of {@code ref} for a mapping in {@code namespace}.
     *
     * @throws UnresolvedException when the object is missing, has no address, or its address is not a Kubernetes
     *     Service host of this namespace
     */
    Target resolve(KReference ref, String namespace, String clusterDomain) throws UnresolvedException {
        String url = uri(ref, clusterDomain);
        URI parsed;
        try {
            parsed = new URI(url);
        } catch (URISyntaxException e) {
            throw new UnresolvedException("resolved URI \"" + url + "\" is not a URL: " + e.getMessage());
        }
        String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
        if (!(path.endsWith("/") ? path.substring(0, path.length() - 1) : path).isEmpty()) {
            throw new UnresolvedException("resolved URI \"" + url + "\" contains a path");
        }
        String host = parsed.getHost() == null ? "" : parsed.getHost();
        String suffix = ".svc." + clusterDomain;
        String[] parts = host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()).split("\\.", -1)
                : new String[0];
        if (parts.length != 2) {
            throw new UnresolvedException("resolved URI \"" + url + "\" must be of the form {name}.{namespace}"
                    + suffix);
        }
        if (!parts[1].equals(namespace)) {
            throw new UnresolvedException("resolved URI \"" + url + "\" must be in same namespace as DomainMapping");
        }
        return new Target(host, parts[0]);
    }

    /** {@code URIFromObjectReference} for the kinds qnative caches. */
    private String uri(KReference ref, String clusterDomain) throws UnresolvedException {
        String ns = ref.getNamespace();
        String name = ref.getName();
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        String kind = ref.getKind() == null ? "" : ref.getKind();
        if ("v1".equals(apiVersion) && "Service".equals(kind)) {
            found(services.get(ns, name), ref, "services");
            return "http://" + name + "." + ns + ".svc." + clusterDomain;
        }
        Optional<Addressable> address;
        if (SERVING_V1.equals(apiVersion) && "Service".equals(kind)) {
            address = found(ksvcs.get(ns, name), ref, "services." + ServingKeys.GROUP)
                    .map(s -> s.getStatus() == null ? null : s.getStatus().getAddress());
        } else if (SERVING_V1.equals(apiVersion) && "Route".equals(kind)) {
            address = found(routes.get(ns, name), ref, "routes." + ServingKeys.GROUP)
                    .map(r -> r.getStatus() == null ? null : r.getStatus().getAddress());
        } else {
            throw new UnresolvedException("failed to get lister for " + apiVersion + ", Kind=" + kind
                    + ": qnative resolves Knative Services and Routes (" + SERVING_V1 + ") and Kubernetes Services"
                    + " (v1)");
        }
        if (address.isEmpty()) {
            throw new UnresolvedException("address not set for " + objectReference(ref));
        }
        String url = address.get().getUrl();
        if (url == null || url.isEmpty()) {
            throw new UnresolvedException("URL missing in address of " + objectReference(ref));
        }
        return url;
    }

    private static <T> Optional<T> found(Optional<T> obj, KReference ref, String resource)
            throws UnresolvedException {
        if (obj.isEmpty()) {
            throw new UnresolvedException("failed to get object " + ref.getNamespace() + "/" + ref.getName() + ": "
                    + resource + " \"" + ref.getName() + "\" not found");
        }
        return obj;
    }

    /** Go's {@code %+v} of the {@code corev1.ObjectReference} Knative builds from the KReference. */
    private static String objectReference(KReference ref) {
        return "&ObjectReference{Kind:" + nz(ref.getKind()) + ",Namespace:" + nz(ref.getNamespace()) + ",Name:"
                + nz(ref.getName()) + ",UID:,APIVersion:" + nz(ref.getApiVersion())
                + ",ResourceVersion:,FieldPath:,}";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
