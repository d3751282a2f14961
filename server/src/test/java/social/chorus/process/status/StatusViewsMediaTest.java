package social.chorus.process.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.chorus.model.Account;
import social.chorus.model.MediaAttachment;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;
import social.chorus.storage.FavouriteRepository;
import social.chorus.storage.MediaAttachmentRepository;
import social.chorus.storage.PinRepository;
import social.chorus.storage.StatusRepository;
import social.chorus.testing.Fixtures;
import social.chorus.testing.LocalWorld;
import social.chorus.testing.TestDatabase;

/**
 * A page of statuses is shown with its media read in bulk: a 40-status page costs as many
 * queries as a one-status page, each status gets its own media in order, and a boost shows the
 * boosted status's; on both databases.
 */
class StatusViewsMediaTest {
    private final Clock clock = Clock.systemUTC();
    private final StatusRepository statuses = new StatusRepository(clock);
    private final MediaAttachmentRepository media = new MediaAttachmentRepository();
    private final StatusIds ids = new StatusIds(clock, new SecureRandom());

    private static MediaAttachment file(String url, String alt) {
        return new MediaAttachment(0, MediaAttachment.Kind.IMAGE, url, null, "image/png", alt, null, 100, 50,
                new MediaAttachment.Focus(0.1, -0.2));
    }

    private Status remotePost(LocalWorld w, Account author, int n) {
        long id = ids.next();
        Status s = new Status(id, author.uri() + "/statuses/" + id, null, author.id(), false, Status.Reply.NONE,
                "tag:remote.example," + id, Visibility.PUBLIC,
                new StatusContent(null, "<p>post " + n + "</p>", "", false, null), null, Status.Counts.ZERO,
                Instant.now(), null);
        return w.db.tx(dsl -> {
            Status stored = statuses.insert(dsl, s, List.of(), List.of());
            if (n % 4 != 3) { // every fourth has none
                media.insert(dsl, id, List.of(file("https://remote.example/" + n + "/z.png", "first of " + n),
                        file("https://remote.example/" + n + "/a.png", "second of " + n)));
            }
            return stored;
        }).await();
    }

    private Status boost(LocalWorld w, Account booster, Status original) {
        long id = ids.next();
        Status s = new Status(id, booster.uri() + "/statuses/" + id + "/activity", null, booster.id(), false,
                Status.Reply.NONE, original.conversation(), Visibility.PUBLIC,
                new StatusContent(null, "", "", false, null), null, Status.Counts.ZERO, Instant.now(), null,
                original.id());
        return w.db.tx(dsl -> statuses.insert(dsl, s, List.of(), List.of())).await();
    }

    /** The views of {@code page}, and how many statements reading them took. */
    private record Counted(List<StatusView> views, int queries) {
    }

    private Counted views(LocalWorld w, StatusViews views, List<Status> page, long viewerId) {
        return w.db.read(dsl -> {
            AtomicInteger queries = new AtomicInteger();
            DSLContext counting = DSL.using(dsl.configuration().derive(new DefaultExecuteListenerProvider(
                    new ExecuteListener() {
                        @Override
                        public void executeStart(ExecuteContext ctx) {
                            queries.incrementAndGet();
                        }
                    })));
            List<StatusView> shown = views.views(counting, page, viewerId);
            return new Counted(shown, queries.get());
        }).await();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void aPagesMediaAreReadInOneQuery(TestDatabase.Kind kind) {
        Vertx vertx = Vertx.vertx();
        try (LocalWorld w = LocalWorld.open(vertx, kind)) {
            StatusViews views = new StatusViews(statuses, w.accountRepo, new FavouriteRepository(clock),
                    new PinRepository(clock), media);
            List<Account> authors = new ArrayList<>();
            for (String name : List.of("ann", "ben", "cat", "dan")) {
                authors.add(w.db.tx(dsl -> w.accountRepo.upsertRemote(dsl, Fixtures.remotePerson(name,
                        "remote.example"))).await());
            }
            Account viewer = authors.get(0);
            List<Status> page = new ArrayList<>();
            for (int n = 0; n < 36; n++) {
                page.add(remotePost(w, authors.get(n % authors.size()), n));
            }
            for (int n = 0; n < 4; n++) {
                page.add(boost(w, authors.get(n), page.get(n * 2)));
            }

            Counted one = views(w, views, List.of(page.get(36)), viewer.id());
            Counted forty = views(w, views, page, viewer.id());

            assertThat(forty.views()).hasSize(40);
            assertThat(one.queries()).isPositive();
            assertThat(forty.queries()).as("queries for 40 statuses against 1").isEqualTo(one.queries());
            for (int n = 0; n < 36; n++) {
                List<MediaAttachment> shown = forty.views().get(n).media();
                if (n % 4 == 3) {
                    assertThat(shown).isEmpty();
                } else {
                    assertThat(shown).extracting(MediaAttachment::description)
                            .containsExactly("first of " + n, "second of " + n);
                    assertThat(shown.get(0)).isEqualTo(file("https://remote.example/" + n + "/z.png", "first of " + n)
                            .withId(shown.get(0).id()));
                }
            }
            StatusView boostOfTwo = forty.views().get(37);
            assertThat(boostOfTwo.media()).isEmpty();
            assertThat(boostOfTwo.reblog().media()).extracting(MediaAttachment::description)
                    .containsExactly("first of 2", "second of 2");
            // Deleting a post takes its media with it.
            w.db.tx(dsl -> statuses.delete(dsl, page.get(0))).await();
            assertThat(w.db.read(dsl -> media.of(dsl, page.get(0).id())).await()).isEmpty();
        } finally {
            vertx.close().await();
        }
    }
}
