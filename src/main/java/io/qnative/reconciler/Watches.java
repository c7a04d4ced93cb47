package io.qnative.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Informer event handlers that turn changes into queued keys. */
public final class Watches {

    private Watches() {
    }

    /** Queues the changed object itself. */
    public static ResourceEventHandler<HasMetadata> self(Controller controller) {
        return each(controller::enqueue);
    }

    /** Queues the controlling owner of the changed object when that owner is of {@code ownerKind}. */
    public static ResourceEventHandler<HasMetadata> controllerOf(Controller controller, String ownerKind) {
        return mapped(controller, obj -> controllerRef(obj)
                .filter(r -> ownerKind.equals(r.getKind()))
                .map(r -> List.of(new ObjectKey(obj.getMetadata().getNamespace(), r.getName())))
                .orElse(List.of()));
    }

    /** Queues whatever keys {@code keys} maps the changed object to. */
    public static ResourceEventHandler<HasMetadata> mapped(Controller controller,
            Function<HasMetadata, Collection<ObjectKey>> keys) {
        return each(obj -> keys.apply(obj).forEach(controller::enqueue));
    }

    /** The controller reference of an object, if it has one. */
    public static Optional<OwnerReference> controllerRef(HasMetadata obj) {
        List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
        return refs == null ? Optional.empty()
                : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    private static ResourceEventHandler<HasMetadata> each(Consumer<HasMetadata> action) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(HasMetadata obj) {
                action.accept(obj);
            }

            @Override
            public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
                action.accept(newObj);
            }

            @Override
            public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
                action.accept(obj);
            }
        };
    }
}
