package io.qnative.testing.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoopbackIpAllocatorTest {

    @Test
    void startsAt127_0_1_1AndCountsUp() {
        LoopbackIpAllocator ips = new LoopbackIpAllocator();
        assertThat(ips.allocate()).isEqualTo("127.0.1.1");
        assertThat(ips.allocate()).isEqualTo("127.0.1.2");
        assertThat(ips.inUse()).isEqualTo(2);
    }

    @Test
    void skipsNetworkAndBroadcastAddressesBetweenBlocks() {
        LoopbackIpAllocator ips = new LoopbackIpAllocator();
        String last = null;
        for (int i = 0; i < 254; i++) {
            last = ips.allocate();
        }
        assertThat(last).isEqualTo("127.0.1.254");
        assertThat(ips.allocate()).isEqualTo("127.0.2.1");
    }

    @Test
    void releasedAddressIsNotReusedAtOnce() {
        LoopbackIpAllocator ips = new LoopbackIpAllocator();
        String first = ips.allocate();
        ips.allocate();
        ips.release(first);
        assertThat(ips.allocate()).isEqualTo("127.0.1.3");
        assertThat(ips.inUse()).isEqualTo(2);
    }

    @Test
    void wrapsAroundToReleasedAddressesAndFailsWhenFull() {
        LoopbackIpAllocator ips = new LoopbackIpAllocator();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < LoopbackIpAllocator.CAPACITY; i++) {
            all.add(ips.allocate());
        }
        assertThat(all).hasSize(LoopbackIpAllocator.CAPACITY).noneMatch(ip -> ip.startsWith("127.0.0."))
                .noneMatch(ip -> ip.endsWith(".0") || ip.endsWith(".255")).contains("127.0.255.254");
        assertThatThrownBy(ips::allocate).isInstanceOf(IllegalStateException.class);
        ips.release("127.0.7.7");
        assertThat(ips.allocate()).isEqualTo("127.0.7.7");
    }

    @Test
    void reservesAddressesOfPodsThatAlreadyRun() {
        LoopbackIpAllocator ips = new LoopbackIpAllocator();
        assertThat(ips.reserve("127.0.1.1")).isTrue();
        assertThat(ips.reserve("127.0.1.1")).isFalse();
        assertThat(ips.reserve("127.0.0.1")).isFalse();
        assertThat(ips.reserve("10.0.1.1")).isFalse();
        assertThat(ips.reserve("127.0.1.255")).isFalse();
        assertThat(ips.allocate()).isEqualTo("127.0.1.2");
    }

    @Test
    void startsWhereToldSoTwoAgentsDoNotShareAddresses() {
        LoopbackIpAllocator ips = new LoopbackIpAllocator("127.0.40.1");
        assertThat(ips.allocate()).isEqualTo("127.0.40.1");
        assertThat(ips.allocate()).isEqualTo("127.0.40.2");
        assertThatThrownBy(() -> new LoopbackIpAllocator("127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.1");
    }
}
