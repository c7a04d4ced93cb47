package io.qnative.reconciler.configuration;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.qnative.api.duck.Condition;
import io.qnative.api.serving.ServingKeys;
import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.ConfigurationStatus;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.EventRecorder;
import io.qnative.kube.Index;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Indexes;
import io.qnative.reconciler.KindReconciler;
import io.qnative.reconciler.Result;
import io.qnative.reconciler.StatusUpdater;
import io.qnative.reconciler.configuration.resources.Revisions;
import io.qnative.reconciler.names.Names;
import io.qnative.kube.Kmeta;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Configuration reconciler (Knative's pkg/reconciler/configuration/configuration.go): one Revision per
 * generation of the template, then
 * latestCreatedRevisionName and latestReadyRevisionName and Ready from the revisions' readiness. Only spec
 * changes bump a Configuration's generation, so metadata-only edits create nothing.
 */
public final class ConfigurationReconciler extends KindReconciler<Configuration> {

    /** Event reason when the first revision becomes ready. */
    public static final String CONFIGURATION_READY = "ConfigurationReady";
    /** Event reason when the latest created revision fails. */
    public static final String LATEST_CREATED_FAILED = "LatestCreatedFailed";
    /** Event reason when latestReadyRevisionName moves. */
    public static final String LATEST_READY_UPDATE = "LatestReadyUpdate";

    private final Lister<Revision> revisions;
    private final Children children;
    private final EventRecorder events;

    public ConfigurationReconciler(Lister<Configuration> configurations, Lister<Revision> revisions,
            Children children, EventRecorder events, StatusUpdater statusUpdater, Supplier<ConfigSnapshot> config,
            Clock clock) {
        super(Configuration.class, ConfigurationStatus::new, configurations, config, statusUpdater, clock);
        this.revisions = revisions;
        this.children = children;
        this.events = events;
    }

    @Override
    protected Result reconcileKind(Configuration configuration, Instant now) throws Exception {
        ConfigurationStatus status = configuration.getStatus();
        Optional<Revision> latest = latestCreated(configuration, now);
        if (latest.isEmpty()) {
            return Result.done();
        }
        Revision lcr = latest.get();
        status.setLatestCreatedRevisionName(lcr.getMetadata().getName(), now);
        reflectLatestCreated(configuration, lcr, now);
        findAndSetLatestReady(configuration, lcr, now);
        return Result.done();
    }

    /**
     * The Revision of the current generation, created when missing. Empty when a BYO name is taken by a conflicting
     * Revision (Ready False {@code RevisionFailed}, nothing to retry until the spec changes).
     */
    private Optional<Revision> latestCreated(Configuration configuration, Instant now) {
        String ns = configuration.getMetadata().getNamespace();
        String byo = Names.byoRevisionName(configuration);
        if (byo != null) {
            Revision existing = revisions.get(ns, byo).orElse(null);
            String conflict = Revisions.byoNameConflict(configuration, existing);
            if (conflict != null) {
                configuration.getStatus().markRevisionCreationFailed(conflict, now);
                return Optional.empty();
            }
            if (existing != null) {
                return Optional.of(existing);
            }
        } else {
            String generation = String.valueOf(generation(configuration));
            List<Revision> ofGeneration = ofConfiguration(configuration).stream()
                    .filter(r -> generation.equals(labelOf(r, ServingKeys.CONFIGURATION_GENERATION))).toList();
            if (!ofGeneration.isEmpty()) {
                return Optional.of(ofGeneration.get(0));
            }
        }
        return Optional.of(create(configuration, now));
    }

    private Revision create(Configuration configuration, Instant now) {
        try {
            return children.create(configuration, Revisions.make(configuration, now));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                configuration.getStatus().markRevisionCreationFailed(String.valueOf(message(e)), now);
            }
            throw new KubernetesClientException("failed to create Revision: " + message(e), e);
        }
    }

    /**
     * Mirrors the latest created Revision's Ready into the Configuration (Knative's
     * pkg/reconciler/configuration/configuration.go).
     */
    private void reflectLatestCreated(Configuration configuration, Revision lcr, Instant now) {
        ConfigurationStatus status = configuration.getStatus();
        Condition rc = lcr.getStatus() == null ? null : lcr.getStatus().getCondition(Condition.READY);
        if (rc == null || rc.isUnknown()) {
            return;
        }
        String name = lcr.getMetadata().getName();
        if (rc.isTrue()) {
            if (status.getLatestReadyRevisionName() == null || status.getLatestReadyRevisionName().isEmpty()) {
                events.normal(configuration, CONFIGURATION_READY, "Configuration becomes ready");
            }
            return;
        }
        Condition before = copy(status.getCondition(Condition.READY));
        status.markLatestCreatedFailed(name, rc.getMessage(), now);
        if (!Objects.equals(before, status.getCondition(Condition.READY))) {
            events.warn(configuration, LATEST_CREATED_FAILED, "Latest created revision %s has failed",
                    "\"" + name + "\"");
        }
    }

    /**
     * latestReady := the newest ready Revision among those from the current latestReady's generation to now (all
     * of this Configuration's when there is none or it is gone); the BYO-named one counts as newest.
     */
    /**
     * Knative's {@code findAndSetLatestReadyRevision}: the newest ready Revision among the generations from the
     * current latest ready's up to the Configuration's, plus a BYO-named latest created Revision's own generation
     * (a rollback to an earlier BYO name), that BYO Revision sorted first.
     */
    private void findAndSetLatestReady(Configuration configuration, Revision lcr, Instant now) {
        ConfigurationStatus status = configuration.getStatus();
        String byo = Names.byoRevisionName(configuration);
        Predicate<Revision> candidate = candidates(configuration, byo != null && byo.equals(lcr.getMetadata()
                .getName()) ? generationLabel(lcr) : -1);
        ofConfiguration(configuration).stream()
                .filter(candidate)
                .sorted(Comparator.comparing((Revision r) -> !r.getMetadata().getName().equals(byo))
                        .thenComparing(ConfigurationReconciler::generationLabel, Comparator.reverseOrder()))
                .filter(Revision::isReady)
                .findFirst()
                .ifPresent(r -> {
                    String old = status.getLatestReadyRevisionName();
                    status.setLatestReadyRevisionName(r.getMetadata().getName(), now);
                    if (!r.getMetadata().getName().equals(old)) {
                        events.normal(configuration, LATEST_READY_UPDATE, "LatestReadyRevisionName updated to %s",
                                "\"" + r.getMetadata().getName() + "\"");
                    }
                });
    }

    /**
     * Knative's {@code getSortedCreatedRevisions} selector: every Revision while there is no (findable) latest
     * ready one, else the generations from the latest ready's to the Configuration's, plus {@code byoGeneration}
     * when not negative.
     */
    private Predicate<Revision> candidates(Configuration configuration, long byoGeneration) {
        String latestReady = configuration.getStatus().getLatestReadyRevisionName();
        Optional<Revision> lrr = Optional.ofNullable(latestReady).filter(n -> !n.isEmpty())
                .flatMap(n -> revisions.get(configuration.getMetadata().getNamespace(), n));
        if (lrr.isEmpty()) {
            return r -> true;
        }
        long to = generation(configuration);
        long from = generationLabel(lrr.get()) >= 0 ? generationLabel(lrr.get()) : to;
        return r -> {
            long g = generationLabel(r);
            return inRange(g, from, to) || (byoGeneration >= 0 && g == byoGeneration);
        };
    }

    private List<Revision> ofConfiguration(Configuration configuration) {
        return revisions.byIndex(Indexes.REVISIONS_BY_CONFIGURATION,
                Index.key(configuration.getMetadata().getNamespace(), configuration.getMetadata().getName()));
    }

    private static String labelOf(Revision r, String key) {
        return r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(key);
    }

    private static boolean inRange(long generation, long from, long to) {
        return generation >= from && generation <= to;
    }

    private static long generationLabel(Revision r) {
        Map<String, String> labels = r.getMetadata().getLabels();
        try {
            return Long.parseLong(labels == null ? "" : labels.getOrDefault(ServingKeys.CONFIGURATION_GENERATION,
                    ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long generation(Configuration c) {
        return c.getMetadata().getGeneration() == null ? 0 : c.getMetadata().getGeneration();
    }

    private static Condition copy(Condition c) {
        return c == null ? null : Kmeta.deepCopy(c, Condition.class);
    }

    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
    }
}
