package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/** An unreachable API server is retried forever and reported once per cause, on one line. */
class RetryingExceptionHandlerTest {

    private final List<String> causes = new ArrayList<>();
    private final RetryingExceptionHandler handler = new RetryingExceptionHandler("ConfigMaps",
            "https://127.0.0.1:1/", causes::add);

    @Test
    void alwaysRetriesAndTellsTheRootCauseOfEveryFailureOnOneLine() {
        RuntimeException error = new RuntimeException("list failed",
                new ConnectException("Connection refused\nmore detail"));
        assertThat(handler.retryAfterException(false, error)).isTrue();
        assertThat(handler.retryAfterException(true, error)).isTrue();
        assertThat(causes).containsExactly("ConnectException: Connection refused",
                "ConnectException: Connection refused");
    }

    @Test
    void aNewCauseIsAWarningAndARepeatIsNot() {
        assertThat(handler.report("ConnectException: Connection refused")).isEqualTo(Logger.Level.WARN);
        assertThat(handler.report("ConnectException: Connection refused")).isEqualTo(Logger.Level.DEBUG);
        assertThat(handler.report("UnknownHostException: api")).isEqualTo(Logger.Level.WARN);
        assertThat(handler.report("UnknownHostException: api")).isEqualTo(Logger.Level.DEBUG);
    }

    @Test
    void afterRecoveringTheSameCauseIsAWarningAgain() {
        handler.retryAfterException(false, new ConnectException("Connection refused"));
        handler.recovered();
        assertThat(handler.report("ConnectException: Connection refused")).isEqualTo(Logger.Level.WARN);
    }

    @Test
    void describesTheInnermostCauseWithoutItsFurtherLines() {
        assertThat(RetryingExceptionHandler.describe(new IllegalStateException("outer",
                new RuntimeException("middle", new UnknownHostException("api.example\nline two")))))
                .isEqualTo("UnknownHostException: api.example");
        assertThat(RetryingExceptionHandler.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }
}
