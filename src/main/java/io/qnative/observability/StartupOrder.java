package io.qnative.observability;

/**
 * The order of qnative's {@code StartupEvent} observers ({@code @Priority}, lower first). Readiness waits for the
 * config-* ConfigMaps, every informer's first list and the webhook's certificate, all of them API round trips that
 * run on other threads once started, and for the webhook's rules to be loaded (a thread of its own); the observers
 * that start them come first, so they overlap the rest of startup (building the gateway's clients, binding its
 * listeners) instead of following it.
 * All of them after the libraries' own observers (from {@code jakarta.interceptor.Interceptor.Priority.APPLICATION},
 * 2000; an observer without {@code @Priority} has 2500). docs/memory-and-startup.md has the timeline.
 */
public final class StartupOrder {

    /** {@code io.qnative.config.ConfigStore}: the ConfigMap informer. */
    public static final int CONFIG = 2000;
    /** {@code io.qnative.webhook.WebhookCertificates}: the first certificate check. */
    public static final int WEBHOOK_CERTIFICATES = 2010;
    /** {@code io.qnative.webhook.WebhookServer}: loads the admission rules on a thread of its own. */
    public static final int WEBHOOK_WARMUP = 2015;
    /** {@code io.qnative.ControllerManager}: builds the controllers and starts every informer. */
    public static final int INFORMERS = 2020;
    /** {@code io.qnative.gateway.GatewayServer}: binds the listeners. */
    public static final int GATEWAY = 2600;

    private StartupOrder() {
    }
}
