package social.chorus.process.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Pem;
import social.chorus.federation.sig.SigningKey;
import social.chorus.model.Account;
import social.chorus.model.ActorType;
import social.chorus.model.LocalIds;
import social.chorus.model.LocalKeys;
import social.chorus.process.account.UsernamePolicy;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.Migrations;
import social.chorus.testing.TestDatabase;

/** The instance actor on each database, including two processes starting at once. */
class InstanceActorServiceTest {
    private static final String BASE = "https://chorus.example";

    /** One "process": its own Vert.x, pool and service on the shared database. */
    private static final class Process implements AutoCloseable {
        final Vertx vertx = Vertx.vertx();
        final Database database;
        final Db db;
        final InstanceActorService service;
        final AccountRepository accounts = new AccountRepository(Clock.systemUTC());

        Process(TestDatabase tdb) {
            database = Database.open(tdb.config());
            db = new Db(vertx, database, 2);
            service = new InstanceActorService(vertx, db, accounts, new Keys(), new LocalIds(BASE), "chorus.example");
        }

        @Override
        public void close() {
            db.close();
            vertx.close().await();
            database.close();
        }
    }

    private static TestDatabase migrated(TestDatabase.Kind kind) {
        TestDatabase tdb = TestDatabase.create(kind);
        try (Database database = Database.open(tdb.config())) {
            new Migrations(database).migrate();
        }
        return tdb;
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void createdOnceThenReusedAcrossRestarts(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = migrated(kind)) {
            Account first;
            String firstPem;
            try (Process p = new Process(tdb)) {
                assertThatThrownBy(p.service::instanceSigningKey).isInstanceOf(IllegalStateException.class);
                first = p.service.ensure().await();
                assertThat(first.username()).isEqualTo("instance");
                assertThat(first.local()).isTrue();
                assertThat(first.type()).isEqualTo(ActorType.APPLICATION);
                assertThat(first.uri()).isEqualTo(BASE + "/actor");
                assertThat(first.endpoints().inbox()).isEqualTo(BASE + "/actor/inbox");
                assertThat(first.endpoints().outbox()).isEqualTo(BASE + "/actor/outbox");
                assertThat(first.endpoints().sharedInbox()).isEqualTo(BASE + "/inbox");
                assertThat(first.publicKey().id()).isEqualTo(BASE + "/actor#main-key");
                assertThat(first.ed25519Key().id()).isEqualTo(BASE + "/actor#ed25519-key");
                assertThat(p.service.instanceActor()).isEqualTo(first);

                SigningKey key = p.service.instanceSigningKey();
                assertThat(key.keyId()).isEqualTo(BASE + "/actor#main-key");
                assertThat(key.privateKey().getAlgorithm()).isEqualTo("RSA");
                assertThat(p.service.instanceSigningKey()).isSameAs(key); // cached, not re-read
                assertVerifies(key, first.publicKey().encoded());

                // Nobody can sign in as it.
                assertThat(p.db.read(dsl -> p.accounts.findLocalUser(dsl, first.id())).await()).isEmpty();
                LocalKeys keys = p.db.read(dsl -> p.accounts.findLocalKeys(dsl, first.id())).await().orElseThrow();
                firstPem = keys.rsaPrivatePem();
            }
            try (Process restarted = new Process(tdb)) {
                Account again = restarted.service.ensure().await();
                assertThat(again.id()).isEqualTo(first.id());
                assertThat(again.publicKey()).isEqualTo(first.publicKey());
                assertThat(restarted.service.instanceSigningKey().privateKey())
                        .isEqualTo(Pem.decodePrivate(firstPem));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void twoProcessesStartingAtOnceAgreeOnOneActor(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase tdb = migrated(kind)) {
            List<Process> processes = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    processes.add(new Process(tdb));
                }
                List<Future<Account>> racing = processes.stream().map(p -> p.service.ensure()).toList();
                List<Long> ids = racing.stream().map(f -> f.await().id()).distinct().toList();
                assertThat(ids).hasSize(1);
                String keyId = processes.get(0).service.instanceSigningKey().keyId();
                for (Process p : processes) {
                    assertThat(p.service.instanceSigningKey().privateKey())
                            .isEqualTo(processes.get(0).service.instanceSigningKey().privateKey());
                    assertThat(p.service.instanceSigningKey().keyId()).isEqualTo(keyId);
                }

                // The losing insert, deterministically: the unique key refuses it, the winner is read.
                Process late = processes.get(1);
                Account reread = late.service.createOrReread().await();
                assertThat(reread.id()).isEqualTo(ids.get(0));
                assertThat(late.db.read(dsl -> late.accounts.findByUsername(dsl, "instance", "")).await())
                        .hasValueSatisfying(a -> assertThat(a.id()).isEqualTo(ids.get(0)));
            } finally {
                processes.forEach(Process::close);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void refusesAnAccountNamedInstanceThatIsNotTheInstanceActor(TestDatabase.Kind kind) {
        try (TestDatabase tdb = migrated(kind); Process p = new Process(tdb)) {
            Account impostor = new Account(0, "instance", "", ActorType.PERSON, BASE + "/users/instance", null, "",
                    "", new Account.ActorEndpoints(null, null, null, null, null), null, null,
                    new Account.AccountFlags(false, true, true), new Account.AccountCounts(0, 0, 0), null, null, null);
            p.db.tx(dsl -> p.accounts.insertLocalActor(dsl, impostor, new LocalKeys(0, null, null))).await();
            assertThatThrownBy(() -> p.service.ensure().await()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not this instance's actor");
            assertThatThrownBy(p.service::instanceSigningKey).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void peopleCannotTakeTheName() {
        assertThat(UsernamePolicy.reserved(InstanceActorService.USERNAME)).isTrue();
    }

    private static void assertVerifies(SigningKey key, String publicPem) throws Exception {
        byte[] data = "(request-target): get /users/bob".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key.privateKey());
        signer.update(data);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(Pem.decodePublic(publicPem));
        verifier.update(data);
        assertThat(verifier.verify(sig)).isTrue();
    }
}
