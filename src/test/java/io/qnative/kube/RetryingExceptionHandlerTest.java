package io.qnative.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryingExceptionHandlerTest {

    @Test
    void alwaysRetriesAndReportsTheRootCauseOnOneLine() {
        List<String> causes = new ArrayList<>();
        RetryingExceptionHandler handler = new RetryingExceptionHandler("ConfigMaps", "https://127.0.0.1:1/",
                causes::add);
        RuntimeException error = new RuntimeException("list failed",
                new ConnectException("Connection refused\nmore detail"));
        assertThat(handler.retryAfterException(false, error)).isTrue();
        assertThat(handler.retryAfterException(true, error)).isTrue();
        assertThat(causes).containsExactly("ConnectException: Connection refused",
                "ConnectException: Connection refused");
        handler.recovered();
    }
}
