package io.qnative.api.duck;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * A Knative resource: Kubernetes object metadata plus a spec and a status, with unknown fields kept.
 *
 * <p>Implements fabric8's model interface {@link HasMetadata} only (not the client's {@code CustomResource}), so the
 * api packages depend on the Kubernetes model alone; the fabric8 client still serves these classes through
 * {@code client.resources(Type.class)}, using the {@code @Group}/{@code @Version}/{@code @Kind}/{@code @Plural}
 * annotations of the concrete class (and {@code Namespaced} where it applies).
 *
 * @param <S> the spec type
 * @param <T> the status type
 */
@JsonDeserialize(using = JsonDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"observedGeneration", "conditions", "annotations", "apiVersion", "kind", "metadata", "spec",
        "status"})
public abstract class KnativeObject<S, T extends Status> extends PreservingObject implements HasMetadata {

    /**
     * Each concrete class's {@code apiVersion} and {@code kind}, read from its annotations once: reading them for every
     * instance was ~6% of binding an AdmissionReview's object (bench/README.md, "webhook.sh").
     */
    private static final ClassValue<String[]> TYPE_META = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            return new String[] {HasMetadata.getApiVersion(type), HasMetadata.getKind(type)};
        }
    };

    private String apiVersion;
    private String kind;
    private ObjectMeta metadata;
    private S spec;
    private T status;

    /** Starts with {@code apiVersion} and {@code kind} taken from the concrete class's annotations. */
    protected KnativeObject() {
        String[] meta = TYPE_META.get(getClass());
        this.apiVersion = meta[0];
        this.kind = meta[1];
    }

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    /** Sets {@link #getKind()}. */
    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    /** The desired state. */
    public S getSpec() {
        return spec;
    }

    /** Sets {@link #getSpec()}. */
    public void setSpec(S spec) {
        this.spec = spec;
    }

    /** The observed state, written through the status subresource. */
    public T getStatus() {
        return status;
    }

    /** Sets {@link #getStatus()}. */
    public void setStatus(T status) {
        this.status = status;
    }

    /**
     * Whether the status reports on the current {@code metadata.generation} (knative.dev/pkg {@code
     * apis/duck/v1/status_types.go}).
     */
    @JsonIgnore
    public boolean isGenerationObserved() {
        Long generation = metadata == null ? null : metadata.getGeneration();
        Long observed = status == null ? null : status.getObservedGeneration();
        return Objects.equals(generation == null ? 0L : generation, observed == null ? 0L : observed);
    }

    /** Knative's {@code IsReady}: the current generation is observed and {@code Ready} is True. */
    @JsonIgnore
    public boolean isReady() {
        Condition ready = status == null ? null : status.getCondition(Condition.READY);
        return isGenerationObserved() && ready != null && ready.isTrue();
    }

    /** Knative's {@code IsFailed}: the current generation is observed and {@code Ready} is False. */
    @JsonIgnore
    public boolean isFailed() {
        Condition ready = status == null ? null : status.getCondition(Condition.READY);
        return isGenerationObserved() && ready != null && ready.isFalse();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        KnativeObject<?, ?> that = (KnativeObject<?, ?>) o;
        return Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(spec, that.spec)
                && Objects.equals(status, that.status)
                && getAdditionalProperties().equals(that.getAdditionalProperties());
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, metadata, spec, status, getAdditionalProperties());
    }

    @Override
    public String toString() {
        String name = metadata == null ? "?" : metadata.getNamespace() + "/" + metadata.getName();
        return kind + " " + name;
    }
}
