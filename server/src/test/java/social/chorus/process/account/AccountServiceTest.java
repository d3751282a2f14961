package social.chorus.process.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.app.config.ChorusConfig.Registrations;
import social.chorus.federation.sig.Keys;
import social.chorus.federation.sig.Multikey;
import social.chorus.federation.sig.Pem;
import social.chorus.model.Account;
import social.chorus.model.LocalIds;
import social.chorus.model.LocalKeys;
import social.chorus.process.ClientError;
import social.chorus.storage.AccountRepository;
import social.chorus.storage.Database;
import social.chorus.storage.Db;
import social.chorus.storage.Migrations;
import social.chorus.testing.TestDatabase;

class AccountServiceTest {
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    private static SignUp signUp(String username, String email) {
        return new SignUp(username, email, "long enough password", "Alice A.", "Hello <b>world</b>\n\nSecond",
                SignUp.Role.USER, SignUp.Origin.PUBLIC);
    }

    private static Throwable failure(Future<?> f) {
        return f.map(v -> (Throwable) null).otherwise(e -> e).await();
    }

    private interface Body {
        void run(AccountService service, Db db) throws Exception;
    }

    private void withService(TestDatabase.Kind kind, Registrations mode, Body body) throws Exception {
        try (TestDatabase tdb = TestDatabase.create(kind); Database database = Database.open(tdb.config());
                Db db = new Db(vertx, database, 2)) {
            new Migrations(database).migrate();
            AccountService service = new AccountService(vertx, db, new AccountRepository(Clock.systemUTC()),
                    new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1), new SecureRandom()), new Keys(),
                    new LocalIds("https://chorus.example"), mode);
            body.run(service, db);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void signUpCreatesAnActorWithKeysAndSanitisedProfile(TestDatabase.Kind kind) throws Exception {
        withService(kind, Registrations.OPEN, (service, db) -> {
            Account a = service.signUp(signUp("Alice", "alice@example.org")).await();
            assertThat(a.id()).isPositive();
            assertThat(a.username()).isEqualTo("alice");
            assertThat(a.local()).isTrue();
            assertThat(a.uri()).isEqualTo("https://chorus.example/users/alice");
            assertThat(a.url()).isEqualTo("https://chorus.example/@alice");
            assertThat(a.endpoints().inbox()).isEqualTo("https://chorus.example/users/alice/inbox");
            assertThat(a.endpoints().sharedInbox()).isEqualTo("https://chorus.example/inbox");
            assertThat(a.publicKey().id()).isEqualTo("https://chorus.example/users/alice#main-key");
            assertThat(a.note()).isEqualTo("<p>Hello &lt;b&gt;world&lt;/b&gt;</p><p>Second</p>");

            LocalKeys keys = service.keys(a.id()).await().orElseThrow();
            // The stored key pair matches: what the public PEM says is what the private key signs.
            java.security.Signature signer = java.security.Signature.getInstance("SHA256withRSA");
            signer.initSign(Pem.decodePrivate(keys.rsaPrivatePem()));
            signer.update(new byte[] {1, 2, 3});
            byte[] sig = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
            verifier.initVerify(Pem.decodePublic(a.publicKey().encoded()));
            verifier.update(new byte[] {1, 2, 3});
            assertThat(verifier.verify(sig)).isTrue();
            assertThat(a.ed25519Key().encoded()).startsWith("z6Mk");
            assertThat(Multikey.decode(a.ed25519Key().encoded()).getAlgorithm()).isIn("Ed25519", "EdDSA");
            assertThat(keys.toString()).doesNotContain("PRIVATE");
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void duplicatesAreRefusedCaseInsensitivelyAndNothingIsStored(TestDatabase.Kind kind) throws Exception {
        withService(kind, Registrations.OPEN, (service, db) -> {
            service.signUp(signUp("bob", "bob@example.org")).await();
            assertThat(failure(service.signUp(signUp("BOB", "other@example.org"))))
                    .isInstanceOf(ClientError.class).hasMessage("Username 'bob' is already taken");
            assertThat(failure(service.signUp(signUp("bobby", "BOB@example.org"))))
                    .isInstanceOf(ClientError.class).hasMessage("E-mail address is already in use");
            assertThat(service.listLocal(10, 0).await()).hasSize(1);
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void badInputGetsA422AndChangesNothing(TestDatabase.Kind kind) throws Exception {
        withService(kind, Registrations.OPEN, (service, db) -> {
            for (String bad : List.of("", "has space", "dash-name", "thirty_one_characters_is_too_lo", "émile")) {
                assertThat(failure(service.signUp(signUp(bad, "x@example.org"))))
                        .as(bad).isInstanceOf(ClientError.class).hasMessageContaining("1 to 30 characters");
            }
            assertThat(failure(service.signUp(signUp("admin", "x@example.org")))).hasMessageContaining("reserved");
            assertThat(failure(service.signUp(signUp("carol", "not-an-email")))).hasMessageContaining("E-mail");
            SignUp shortPassword = new SignUp("carol", "c@example.org", "1234567", "", "", SignUp.Role.USER,
                    SignUp.Origin.PUBLIC);
            assertThat(failure(service.signUp(shortPassword))).hasMessageContaining("at least 8");
            assertThat(service.listLocal(10, 0).await()).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void registrationModesApplyToThePublicButNotToOperators(TestDatabase.Kind kind) throws Exception {
        withService(kind, Registrations.CLOSED, (service, db) -> {
            Throwable closed = failure(service.signUp(signUp("dave", "d@example.org")));
            assertThat(closed).isInstanceOf(ClientError.class);
            assertThat(((ClientError) closed).status()).isEqualTo(403);
            SignUp byOperator = new SignUp("dave", "d@example.org", "long enough password", "", "",
                    SignUp.Role.ADMIN, SignUp.Origin.OPERATOR);
            service.signUp(byOperator).await();
            AccountRepository.LocalAccount listed = service.listLocal(10, 0).await().get(0);
            assertThat(listed.user().admin()).isTrue();
            assertThat(listed.user().approved()).isTrue();
        });
        withService(kind, Registrations.APPROVAL, (service, db) -> {
            service.signUp(signUp("erin", "e@example.org")).await();
            assertThat(service.listLocal(10, 0).await().get(0).user().approved()).isFalse();
            service.approve("erin").await();
            assertThat(service.listLocal(10, 0).await().get(0).user().approved()).isTrue();
            service.setDisabled("erin", true).await();
            assertThat(service.listLocal(10, 0).await().get(0).user().disabled()).isTrue();
        });
    }
}
