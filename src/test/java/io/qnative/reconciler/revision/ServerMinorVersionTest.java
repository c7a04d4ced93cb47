package io.qnative.reconciler.revision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.client.VersionInfo;
import org.junit.jupiter.api.Test;

class ServerMinorVersionTest {

    @Test
    void parsesLeadingDigits() {
        assertThat(ServerMinorVersion.parse("20")).isEqualTo(20);
        assertThat(ServerMinorVersion.parse("27+")).isEqualTo(27);
        assertThat(ServerMinorVersion.parse("")).isNull();
        assertThat(ServerMinorVersion.parse("x")).isNull();
        assertThat(ServerMinorVersion.parse(null)).isNull();
    }

    @Test
    void asksOnceAndRemembers() {
        AtomicInteger asked = new AtomicInteger();
        ServerMinorVersion minor = new ServerMinorVersion(() -> {
            asked.incrementAndGet();
            return new VersionInfo.Builder().withMajor("1").withMinor("31").build();
        });
        assertThat(minor.getAsInt()).isEqualTo(31);
        assertThat(minor.getAsInt()).isEqualTo(31);
        assertThat(asked).hasValue(1);
    }

    @Test
    void fallsBackWhileTheServerCannotTellAndAsksAgain() {
        AtomicInteger asked = new AtomicInteger();
        ServerMinorVersion minor = new ServerMinorVersion(() -> {
            if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return new VersionInfo.Builder().withMajor("1").withMinor("30").build();
        });
        assertThat(minor.getAsInt()).isEqualTo(ServerMinorVersion.FALLBACK);
        assertThat(minor.getAsInt()).isEqualTo(30);
    }
}
