package social.chorus.federation.deref;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.deref.OutboundRig.fetchFailure;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard on (production policy): every loopback, private and metadata target is refused
 * before any connection is attempted. For addresses off this machine "before connecting" shows
 * as a fast answer (a connection attempt to 10.0.0.1 would hang until the timeout); for loopback
 * it shows in the test server's empty request journal.
 */
class AddressGuardTest {
    private final OutboundRig rig = new OutboundRig();

    @AfterEach
    void close() {
        rig.close();
    }

    private Outbound production() {
        return rig.outbound(OutboundPolicy.production(), OutboundRig.options(Duration.ofSeconds(10)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://127.0.0.1:PORT/users/a",
        "https://localhost:PORT/users/a",
        "https://LOCALHOST.:PORT/users/a",
        "https://chorus.localhost:PORT/users/a",
        "https://[::1]:PORT/users/a",
        "https://[::ffff:127.0.0.1]:PORT/users/a",
        "https://2130706433:PORT/users/a",
        "https://127.1:PORT/users/a",
        "https://10.0.0.1/users/a",
        "https://172.16.5.4/users/a",
        "https://192.168.1.1/users/a",
        "https://100.64.0.1/users/a",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fd00:ec2::254]/latest/meta-data/",
        "https://[fe80::1]/users/a",
        "https://0.0.0.0:PORT/users/a",
        "https://[::]:PORT/users/a",
        "https://224.0.0.1/users/a",
        "https://198.18.0.1/users/a"
    })
    void refusesNonPublicTargetsWithoutConnecting(String template) {
        rig.wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        String url = template.replace("PORT", String.valueOf(rig.wm.port()));
        long start = System.nanoTime();
        FetchException e = fetchFailure(production().fetcher().get(FetchRequest.activity(url)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
        assertThat(e.retryable()).isFalse();
        // well inside the 10 s timeout a connection attempt would run into, with room for a loaded machine
        assertThat(ms).isLessThan(5000);
        assertThat(rig.wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void refusalMessageNamesTheKindOfAddressAndTheSetting() {
        FetchException e = fetchFailure(production().fetcher().get(FetchRequest.activity("https://169.254.169.254/")));
        assertThat(e.getMessage()).contains("169.254.169.254").contains("link-local")
                .contains("CHORUS_ALLOW_PRIVATE_ADDRESSES");
    }

    @Test
    void plainHttpIsRefusedBeforeAnyLookup() {
        FetchException e = fetchFailure(production().fetcher().get(FetchRequest.activity("http://10.0.0.1/users/a")));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.NOT_HTTPS);
    }

    @Test
    void developmentPolicyAllowsLoopbackAndPlainHttp() {
        rig.wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/activity+json").withBody("{}")));
        Outbound dev = rig.devOutbound();
        assertThat(dev.fetcher().get(FetchRequest.activity(rig.base("127.0.0.1") + "/a")).await().status()).isEqualTo(200);
        assertThat(dev.fetcher().get(FetchRequest.activity(rig.base("localhost") + "/a")).await().status()).isEqualTo(200);
    }

    @Test
    void guardChecksEveryResolvedAddressAndConnectsToTheCheckedOne() {
        AddressGuard guard = new AddressGuard(rig.vertx, OutboundPolicy.production());
        AddressGuard.Checked publicOne = guard.check("8.8.8.8").await();
        assertThat(publicOne.address().getHostAddress()).isEqualTo("8.8.8.8");
        assertThat(publicOne.all()).hasSize(1);
        FetchException e = fetchFailure(guard.check("::ffff:10.0.0.1"));
        assertThat(e.reason()).isEqualTo(FetchException.Reason.REFUSED_ADDRESS);
    }
}
