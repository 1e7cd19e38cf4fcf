package org.paperboy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static String resolve(ClientAddress a, String peer, String... forwarded) {
        return a.resolve(peer, Collections.enumeration(List.of(forwarded)));
    }

    @Test
    void ignores_x_forwarded_for_unless_the_peer_is_a_trusted_proxy() {
        ClientAddress none = new ClientAddress(List.of());

        assertThat(resolve(none, "127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
    }

    @Test
    void takes_the_right_most_address_that_is_not_a_trusted_proxy() {
        ClientAddress proxies = new ClientAddress(List.of("127.0.0.1", "10.0.0.2"));

        assertThat(resolve(proxies, "127.0.0.1", "203.0.113.7")).isEqualTo("203.0.113.7");
        // The client wrote the left-most entry itself: only what the proxies appended counts.
        assertThat(resolve(proxies, "127.0.0.1", "1.2.3.4, 203.0.113.7, 10.0.0.2"))
                .isEqualTo("203.0.113.7");
        assertThat(resolve(proxies, "127.0.0.1", "1.2.3.4", "198.51.100.9")).isEqualTo("198.51.100.9");
        assertThat(resolve(proxies, "127.0.0.1", "2001:DB8::1")).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void a_garbled_or_missing_entry_leaves_the_last_trusted_hop() {
        ClientAddress proxies = new ClientAddress(List.of("127.0.0.1"));

        assertThat(resolve(proxies, "127.0.0.1", "evil.example")).isEqualTo("127.0.0.1");
        assertThat(resolve(proxies, "127.0.0.1", "999.1.1.1")).isEqualTo("127.0.0.1");
        assertThat(resolve(proxies, "127.0.0.1")).isEqualTo("127.0.0.1");
    }

    @Test
    void reads_ip_literals_only_and_never_looks_a_name_up() {
        assertThat(ClientAddress.normalized("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddress.normalized("[::1]")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ClientAddress.normalized("localhost")).isNull();
        assertThat(ClientAddress.normalized("256.0.0.1")).isNull();
    }
}
