package social.chorus.federation.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static social.chorus.federation.inbox.InboxRig.CLOCK;
import static social.chorus.federation.inbox.InboxRig.NOW;
import static social.chorus.federation.inbox.InboxRig.follow;
import static social.chorus.federation.inbox.InboxRig.outcome;
import static social.chorus.federation.inbox.InboxRig.post;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.delivery.HostHealth;
import social.chorus.federation.inbox.InboxRig.Remote;
import social.chorus.federation.inbox.InboxRig.Rig;
import social.chorus.federation.sig.SigningKey;
import social.chorus.storage.RemoteHostRepository.HostState;
import social.chorus.testing.TestDatabase;

/**
 * A host we stopped delivering to (failures on 7 days, or gone) that sends us a request whose
 * signature verifies is up again: it gets deliveries again. Requests that do not verify revive
 * nothing, and a host that is only failing keeps its count.
 */
class InboxRevivesHostTest {
    private InboxRig world;

    @BeforeEach
    void start() {
        world = new InboxRig();
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aVerifiedRequestFromAnUnavailableHostRevivesIt(TestDatabase.Kind kind) {
        world.with(kind, rig -> {
            Remote bob = world.remote("bob", "mastodon.example", true);
            Remote mallory = world.remote("mallory", "evil.example", true);
            Remote carol = world.remote("carol", "flaky.example", true);
            Remote dave = world.remote("dave", "gone.example", true);
            failOnDays(rig, "mastodon.example", 7);
            failOnDays(rig, "flaky.example", 3);
            rig.db.tx(tx -> rig.hosts.update(tx, "gone.example", s -> HostHealth.afterGone(s, NOW))).await();
            rig.unavailable.reload().await();
            assertThat(rig.unavailable.contains("mastodon.example")).isTrue();
            assertThat(rig.unavailable.contains("gone.example")).isTrue();
            assertThat(rig.unavailable.contains("flaky.example")).isFalse();

            // Claiming to be bob without his key revives nothing.
            String bobsFollow = follow(bob, "https://mastodon.example/follows/1", rig.alice);
            SigningKey forged = new SigningKey(bob.account().publicKey().id(), mallory.keys().getPrivate());
            assertThat((String) outcome(rig.inbox.receive(post("/inbox", bobsFollow, forged, CLOCK),
                    Optional.empty()))).startsWith("401 ");
            assertThat(HostHealth.available(host(rig, "mastodon.example"))).isFalse();
            assertThat(rig.unavailable.contains("mastodon.example")).isTrue();

            // bob's own signed request: his server is up.
            assertThat(outcome(rig.inbox.receive(post("/inbox", bobsFollow, bob.signingKey(), CLOCK),
                    Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            HostState revived = host(rig, "mastodon.example");
            assertThat(HostHealth.available(revived)).isTrue();
            assertThat(revived.failureDays()).isZero();
            assertThat(revived.unavailableSince()).isEmpty();
            assertThat(rig.unavailable.contains("mastodon.example")).isFalse();

            // A gone server that speaks again is not gone.
            assertThat(outcome(rig.inbox.receive(post("/inbox", follow(dave, "https://gone.example/follows/1",
                    rig.alice), dave.signingKey(), CLOCK), Optional.empty()))).isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(host(rig, "gone.example").gone()).isFalse();
            assertThat(HostHealth.available(host(rig, "gone.example"))).isTrue();

            // A host that is failing but still gets deliveries is left as it is (no write per request).
            HostState before = host(rig, "flaky.example");
            assertThat(outcome(rig.inbox.receive(post("/inbox", follow(carol, "https://flaky.example/follows/1",
                    rig.alice), carol.signingKey(), CLOCK), Optional.empty())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(host(rig, "flaky.example")).isEqualTo(before);
            assertThat(before.failureDays()).isEqualTo(3);

            // mallory's host was never unavailable and has no record: her requests create none.
            assertThat(outcome(rig.inbox.receive(post("/inbox", follow(mallory, "https://evil.example/follows/1",
                    rig.alice), mallory.signingKey(), CLOCK), Optional.empty())))
                    .isEqualTo(InboxProcessor.Outcome.HANDLED);
            assertThat(rig.db.read(dsl -> rig.hosts.find(dsl, "evil.example")).await()).isEmpty();
        });
    }

    /** Deliveries to {@code host} failed on {@code days} distinct days before now. */
    private static void failOnDays(Rig rig, String host, int days) {
        rig.db.tx(tx -> {
            for (int d = days; d >= 1; d--) {
                var at = NOW.minus(Duration.ofDays(d));
                rig.hosts.update(tx, host, s -> HostHealth.afterFailure(s, at));
            }
            return null;
        }).await();
    }

    private static HostState host(Rig rig, String host) {
        return rig.db.read(dsl -> rig.hosts.find(dsl, host)).await().orElseThrow();
    }
}
