package io.qnative.gateway;

import java.util.List;
import java.util.function.Consumer;

/**
 * One single-purpose stage of the gateway's handler chain (as Knative's activator composes its handlers in
 * cmd/activator/main.go): it answers the request itself or passes it on to {@code next}. Steps run on the
 * request's event loop and never block.
 */
@FunctionalInterface
interface Step {

    void handle(Exchange exchange, Consumer<Exchange> next);

    /** The steps in order as one handler. */
    static Consumer<Exchange> chain(List<Step> steps) {
        Consumer<Exchange> next = ex -> ex.fail(500, "no handler");
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            Consumer<Exchange> after = next;
            next = ex -> step.handle(ex, after);
        }
        return next;
    }
}
