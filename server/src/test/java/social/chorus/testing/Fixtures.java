package social.chorus.testing;

import java.time.Instant;
import social.chorus.model.Account;
import social.chorus.model.ActorType;

/** Named accounts for tests (local_alice, remote_bob…), built the same way every time. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A remote Person at {@code https://HOST/users/NAME}, with inbox and shared inbox, unlocked. */
    public static Account remotePerson(String username, String host) {
        String base = "https://" + host;
        String uri = base + "/users/" + username;
        return new Account(0, username, host, ActorType.PERSON, uri, base + "/@" + username, username, "",
                new Account.ActorEndpoints(uri + "/inbox", uri + "/outbox", base + "/inbox", uri + "/followers",
                        uri + "/following"),
                new Account.PublicKey(uri + "#main-key", "-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----"),
                null, new Account.AccountFlags(false, true, true), new Account.AccountCounts(0, 0, 0), null, null,
                Instant.parse("2026-11-01T00:00:00Z"));
    }
}
