package io.qnative.api.networking.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.qnative.api.duck.KnativeObject;
import io.qnative.api.networking.NetworkingKeys;

/**
 * A KCertificate (internal): a request for a TLS certificate for some DNS names, stored in a Secret, implemented by
 * the class in its {@code networking.knative.dev/certificate.class} annotation.
 */
@Group(NetworkingKeys.INTERNAL_GROUP)
@Version(Certificate.VERSION)
@Kind("Certificate")
@Plural("certificates")
@Singular("certificate")
@Categories({"knative-internal", "networking"})
@ShortNames({"kcert"})
public class Certificate extends KnativeObject<CertificateSpec, CertificateStatus> implements Namespaced {

    /** The API version of this kind. */
    public static final String VERSION = "v1alpha1";
}
