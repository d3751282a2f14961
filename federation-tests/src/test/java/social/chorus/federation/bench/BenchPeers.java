package social.chorus.federation.bench;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import social.chorus.app.Chorus;
import social.chorus.federation.sig.HttpHeaders;
import social.chorus.federation.sig.HttpRequestView;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.RequestSigner;
import social.chorus.federation.sig.SignatureStyle;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.storage.AccountRepository;

/**
 * The remote actors of the inbox benchmark: RSA-2048 key pairs generated once, stored in each
 * instance's database as if their actors had been fetched earlier, so that the inbox finds every
 * key in storage and never goes to the network (a fetch would fail: the hosts are {@code .invalid}).
 */
final class BenchPeers {
    /**
     * Where the Accepts the instance queues would go: loopback, a port nothing listens on. The
     * delivery worker is stopped anyway; this is the backstop that keeps any send on this machine.
     */
    static final String DEAD_INBOX = "http://127.0.0.1:1/inbox";
    /** The actors spread over a few hosts, as a real server's followers are. */
    private static final int HOSTS = 10;

    /** One remote actor with its private key (the public half is in {@code account}). */
    record Peer(Account account, KeyPair keys) {
        SigningKey signingKey() {
            return new SigningKey(account.publicKey().id(), keys.getPrivate());
        }
    }

    private final List<Peer> peers;

    private BenchPeers(List<Peer> peers) {
        this.peers = List.copyOf(peers);
    }

    static BenchPeers generate(int count, Keys keys) {
        List<Peer> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KeyPair pair = keys.generateRsa();
            String host = "peer" + (i % HOSTS) + ".bench.invalid";
            String username = "actor" + i;
            String uri = "https://" + host + "/users/" + username;
            Account account = new Account(0, username, host, ActorType.PERSON, uri, "https://" + host + "/@" + username,
                    username, "", new Account.ActorEndpoints(DEAD_INBOX, uri + "/outbox", DEAD_INBOX,
                            uri + "/followers", uri + "/following"),
                    new Account.PublicKey(uri + "#main-key", Pem.encodePublic(pair.getPublic())), null,
                    new Account.AccountFlags(false, true, true), new Account.AccountCounts(0, 0, 0), null, null,
                    Instant.now());
            list.add(new Peer(account, pair));
        }
        return new BenchPeers(list);
    }

    int size() {
        return peers.size();
    }

    /**
     * Stores every actor with its key in the instance's database, directly (no fetch).
     *
     * @return the stored actors' ids
     */
    List<Long> storeIn(Chorus chorus) {
        AccountRepository accounts = new AccountRepository(Clock.systemUTC());
        return chorus.services().db().tx(dsl -> {
            List<Long> ids = new ArrayList<>();
            for (Peer p : peers) {
                ids.add(accounts.upsertRemote(dsl, p.account()).id());
            }
            return ids;
        }).await();
    }

    /** The public keys by keyId, decoded once: what a verifier with a perfect key cache would hold. */
    Map<String, PublicKey> publicKeys() {
        Map<String, PublicKey> keys = new HashMap<>();
        peers.forEach(p -> keys.put(p.account().publicKey().id(), p.keys().getPublic()));
        return keys;
    }

    /** The PEM of each key by keyId, as the inbox reads it from the account row. */
    Map<String, String> publicKeyPems() {
        Map<String, String> pems = new HashMap<>();
        peers.forEach(p -> pems.put(p.account().publicKey().id(), p.account().publicKey().encoded()));
        return pems;
    }

    /**
     * {@code count} signed POSTs of a {@code Follow} of {@code target} to {@code inbox}, request
     * {@code i} from actor {@code i % size}, each with its own activity id ({@code label-i}).
     * Signed now, draft-cavage rsa-sha256 over {@code (request-target) host date digest
     * content-type}, exactly as Chorus and Mastodon sign deliveries.
     */
    List<HttpRequestView> signFollows(URI inbox, String target, String label, int count) {
        return sign(inbox, count, (from, i) -> new JsonObject()
                .put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", "https://" + from.account().domain() + "/follows/" + label + "-" + i)
                .put("type", "Follow").put("actor", from.account().uri()).put("object", target));
    }

    /**
     * {@code count} signed POSTs of a public {@code Create(Note)} to {@code inbox} (the shared
     * inbox, where Mastodon sends public posts), request {@code i} from actor {@code i % size},
     * each a new note. Shaped as Mastodon 4 sends them ({@link BenchNotes}), signed like
     * {@link #signFollows}.
     */
    List<HttpRequestView> signCreates(URI inbox, String label, int count) {
        Instant published = Instant.now();
        return sign(inbox, count, (from, i) -> BenchNotes.create(from.account(), label + "-" + i, published));
    }

    private List<HttpRequestView> sign(URI inbox, int count, java.util.function.BiFunction<Peer, Integer,
            JsonObject> activity) {
        RequestSigner signer = RequestSigner.of(SignatureStyle.CAVAGE, Clock.systemUTC());
        List<HttpRequestView> signed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Peer from = peers.get(i % peers.size());
            byte[] body = activity.apply(from, i).encode().getBytes(StandardCharsets.UTF_8);
            HttpRequestView unsigned = HttpRequestView.outbound("POST", inbox,
                    HttpHeaders.of("Content-Type", "application/activity+json"), body);
            signed.add(signer.signed(unsigned, from.signingKey()));
        }
        return signed;
    }
}
