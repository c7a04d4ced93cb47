package io.qnative.reconciler.gc;

import io.qnative.api.serving.v1.Configuration;
import io.qnative.api.serving.v1.Revision;
import io.qnative.config.ConfigSnapshot;
import io.qnative.kube.Children;
import io.qnative.kube.Index;
import io.qnative.kube.Lister;
import io.qnative.reconciler.Indexes;
import io.qnative.reconciler.ObjectKey;
import io.qnative.reconciler.Reconciler;
import io.qnative.reconciler.Result;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Deletes the Revisions of a Configuration that config-gc lets go (second controller on Configurations). */
public final class GcReconciler implements Reconciler {

    private final Lister<Configuration> configurations;
    private final Lister<Revision> revisions;
    private final Children children;
    private final Supplier<ConfigSnapshot> config;
    private final Clock clock;

    public GcReconciler(Lister<Configuration> configurations, Lister<Revision> revisions, Children children,
            Supplier<ConfigSnapshot> config, Clock clock) {
        this.configurations = configurations;
        this.revisions = revisions;
        this.children = children;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Configuration> configuration = configurations.get(key.namespace(), key.name());
        if (configuration.isEmpty() || configuration.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        List<Revision> all = revisions.byIndex(Indexes.REVISIONS_BY_CONFIGURATION, Index.key(key.namespace(),
                key.name()));
        for (Revision rev : Collectable.select(config.get().gc(), configuration.get(), all, clock.instant())) {
            children.delete(configuration.get(), rev);
        }
        return Result.done();
    }
}
