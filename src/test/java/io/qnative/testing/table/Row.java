package io.qnative.testing.table;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.qnative.config.ConfigSnapshot;
import io.qnative.reconciler.ObjectKey;
import io.qnative.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row of a reconciler table, as Knative's {@code TableRow}: the objects the API server holds, the key to
 * reconcile, and everything the reconcile must write. Anything not wanted must not happen: an unexpected create,
 * update, status update, patch, delete or event fails the row, and so does a requeue that is not wanted.
 */
public final class Row {

    final String name;
    final List<HasMetadata> objects = new ArrayList<>();
    ObjectKey key;
    ConfigSnapshot config = ConfigSnapshot.DEFAULT;
    Instant now = Fixtures.NOW;
    final List<HasMetadata> creates = new ArrayList<>();
    final List<HasMetadata> updates = new ArrayList<>();
    final List<HasMetadata> statusUpdates = new ArrayList<>();
    final List<Patch> patches = new ArrayList<>();
    final List<String> deletes = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    boolean wantErr;
    final List<Reactor> reactors = new ArrayList<>();
    Duration requeueAfter;

    /** A merge patch wanted on the named object: {@code path} is {@code <namespace>/<plural>/<name>}. */
    public record Patch(String path, String json) {
    }

    private Row(String name) {
        this.name = name;
    }

    /** A new row; its name shows in the test report. */
    public static Row named(String name) {
        return new Row(name);
    }

    /** Objects stored before the reconcile (status included). */
    public Row objects(HasMetadata... objs) {
        objects.addAll(Arrays.asList(objs));
        return this;
    }

    /** The key reconciled, {@code ns/name}. */
    public Row key(String key) {
        this.key = ObjectKey.parse(key);
        return this;
    }

    /** The config snapshot (defaults when not set). */
    public Row config(ConfigSnapshot snapshot) {
        this.config = snapshot;
        return this;
    }

    /** The reconcile's clock (Fixtures.NOW when not set). */
    public Row now(Instant instant) {
        this.now = instant;
        return this;
    }

    /** Objects the reconcile must create, in order, exactly as sent. */
    public Row wantCreates(HasMetadata... objs) {
        creates.addAll(Arrays.asList(objs));
        return this;
    }

    /** Objects the reconcile must replace, in order (server-set metadata is not compared). */
    public Row wantUpdates(HasMetadata... objs) {
        updates.addAll(Arrays.asList(objs));
        return this;
    }

    /** Objects whose status the reconcile must write, in order (only name and status are compared). */
    public Row wantStatusUpdates(HasMetadata... objs) {
        statusUpdates.addAll(Arrays.asList(objs));
        return this;
    }

    /** A patch the reconcile must send to {@code <namespace>/<plural>/<name>}, compared as JSON. */
    public Row wantPatch(String path, String json) {
        patches.add(new Patch(path, json));
        return this;
    }

    /**
     * Deletes the reconcile must send, each {@code <namespace>/<plural>/<name>} ({@code <plural>/<name>} for a
     * cluster-scoped object), in order.
     */
    public Row wantDeletes(String... paths) {
        deletes.addAll(Arrays.asList(paths));
        return this;
    }

    /** Events wanted, each {@code "<type> <reason> <message>"}, in order. */
    public Row wantEvents(String... evs) {
        events.addAll(Arrays.asList(evs));
        return this;
    }

    /** The reconcile must throw. */
    public Row wantErr() {
        this.wantErr = true;
        return this;
    }

    /** Reactors consulted, in order, before the store answers a request of the reconcile (not the seeding). */
    public Row withReactors(Reactor... rs) {
        reactors.addAll(Arrays.asList(rs));
        return this;
    }

    /** The reconcile must return normally and ask to be run again after {@code delay}. */
    public Row wantRequeueAfter(Duration delay) {
        this.requeueAfter = delay;
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
