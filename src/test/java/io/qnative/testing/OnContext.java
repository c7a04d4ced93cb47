package io.qnative.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs a Vert.x HTTP client call on a Vert.x context. Tests call from their own thread, where every
 * {@code getOrCreateContext()} makes a new context: a response's listener then runs on another event loop than the
 * one that handles its body, or after it when the test thread attaches it late, and chunks handled before
 * {@code body()} is asked for are lost, so a 200 comes back with an empty body now and then (vert.x issues 4106,
 * 5825). On one context, with {@code body()} asked for in the callback that gets the response, nothing is lost.
 */
public final class OnContext {

    private OnContext() {
    }

    /** {@code call}'s future, the call made on a context of {@code vertx}. */
    public static <T> Future<T> call(Vertx vertx, Supplier<Future<T>> call) {
        if (Vertx.currentContext() != null) {
            return call.get();
        }
        Promise<T> done = Promise.promise();
        vertx.getOrCreateContext().runOnContext(v -> {
            try {
                call.get().onComplete(done);
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return done.future();
    }
}
