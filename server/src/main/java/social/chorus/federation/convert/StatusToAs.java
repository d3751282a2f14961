package social.chorus.federation.convert;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import social.chorus.model.Account;
import social.chorus.model.BoostActivity;
import social.chorus.model.LocalIds;
import social.chorus.model.PinActivity;
import social.chorus.model.Status;
import social.chorus.model.StatusActivity;
import social.chorus.model.StatusView;
import social.chorus.model.Visibility;

/**
 * A local status as an ActivityStreams {@code Note}, and its Create/Update/Delete, addressed as
 * Mastodon addresses them: public → to Public, cc followers; unlisted → to followers, cc Public;
 * private → to followers; direct → to the mentioned. Mentioned actors are also in cc (to, for
 * direct), so every receiver can tell who may see the post without fetching anything.
 */
public final class StatusToAs {
    public static final String PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    private static final JsonArray CONTEXT = new JsonArray().add(OutgoingToAs.AS_CONTEXT).add(new JsonObject()
            .put("ostatus", "http://ostatus.org#").put("conversation", "ostatus:conversation")
            .put("sensitive", "as:sensitive").put("Hashtag", "as:Hashtag"));

    private final LocalIds ids;
    private final String localDomain;

    public StatusToAs(LocalIds ids, String localDomain) {
        this.ids = ids;
        this.localDomain = localDomain;
    }

    public JsonObject note(StatusView v) {
        return withContext(noteBody(v));
    }

    public JsonObject activity(StatusActivity a) {
        StatusView v = a.status();
        Status s = v.status();
        JsonObject json = new JsonObject().put("@context", CONTEXT.copy()).put("id", a.id())
                .put("actor", v.account().uri());
        Audience audience = audience(v);
        json.put("to", audience.to().copy()).put("cc", audience.cc().copy());
        if (a instanceof StatusActivity.Create) {
            return json.put("type", "Create").put("published", time(s.createdAt())).put("object", noteBody(v));
        }
        if (a instanceof StatusActivity.Update) {
            return json.put("type", "Update").put("published", time(updated(s))).put("object", noteBody(v));
        }
        return json.put("type", "Delete").put("object", tombstone(s.uri()));
    }

    /**
     * A boost's Announce (or the Undo of it, embedding the Announce), addressed as Mastodon
     * addresses boosts: public → to Public, cc the boosted author and the booster's followers;
     * unlisted → to the followers, cc Public and the author.
     */
    public JsonObject boost(BoostActivity a) {
        Status boost = a.boost();
        String followers = followersOf(a.actor());
        JsonArray to = new JsonArray();
        JsonArray cc = new JsonArray();
        if (boost.visibility() == Visibility.PUBLIC) {
            to.add(PUBLIC);
            cc.add(a.original().account().uri()).add(followers);
        } else {
            to.add(followers);
            cc.add(PUBLIC).add(a.original().account().uri());
        }
        JsonObject announce = new JsonObject().put("id", boost.uri()).put("type", "Announce")
                .put("actor", a.actor().uri()).put("published", time(boost.createdAt()))
                .put("to", to).put("cc", cc).put("object", a.original().status().uri());
        if (a instanceof BoostActivity.Announce) {
            return withContext(announce);
        }
        return new JsonObject().put("@context", OutgoingToAs.AS_CONTEXT).put("id", a.id()).put("type", "Undo")
                .put("actor", a.actor().uri()).put("to", to.copy()).put("cc", cc.copy()).put("object", announce);
    }

    /**
     * A pin's {@code Add} to the actor's featured collection, or an unpin's {@code Remove}, with
     * the post by id as Mastodon sends them (receivers fetch the post if they lack it). Unlike
     * Mastodon's, they carry an id (so a receiver can de-duplicate them) and an audience: to the public, since the
     * featured collection is readable by anyone, cc the followers they are delivered to.
     */
    public JsonObject pin(PinActivity a) {
        return new JsonObject().put("@context", OutgoingToAs.AS_CONTEXT).put("id", a.id())
                .put("type", a instanceof PinActivity.Add ? "Add" : "Remove")
                .put("actor", a.actor().uri())
                .put("to", new JsonArray().add(PUBLIC)).put("cc", new JsonArray().add(followersOf(a.actor())))
                .put("object", a.status().uri())
                .put("target", ids.featured(a.actor().username()));
    }

    /**
     * An account's featured collection (its pinned posts, in the order given) as Mastodon serves
     * it: one OrderedCollection, not paged (there are at most a handful), with whole Notes.
     */
    public JsonObject featured(String id, List<StatusView> pinned) {
        JsonArray items = new JsonArray();
        pinned.forEach(v -> items.add(noteBody(v)));
        return new JsonObject().put("@context", CONTEXT.copy()).put("id", id).put("type", "OrderedCollection")
                .put("totalItems", pinned.size()).put("orderedItems", items);
    }

    public static JsonObject tombstone(String id) {
        return new JsonObject().put("id", id).put("type", "Tombstone");
    }

    /** A Tombstone as a document of its own (what a deleted object's URL answers). */
    public static JsonObject tombstoneDocument(String id) {
        return tombstone(id).put("@context", OutgoingToAs.AS_CONTEXT);
    }

    private JsonObject noteBody(StatusView v) {
        Status s = v.status();
        Audience audience = audience(v);
        JsonObject note = new JsonObject().put("id", s.uri()).put("type", "Note")
                .put("summary", s.content().spoilerText() == null || s.content().spoilerText().isEmpty() ? null
                        : s.content().spoilerText())
                .put("inReplyTo", s.reply().inReplyToUri())
                .put("published", time(s.createdAt()))
                .put("url", s.url())
                .put("attributedTo", v.account().uri())
                .put("to", audience.to()).put("cc", audience.cc())
                .put("sensitive", s.content().sensitive())
                .put("content", s.content().html())
                .put("context", s.conversation()).put("conversation", s.conversation());
        if (s.editedAt() != null) {
            note.put("updated", time(s.editedAt()));
        }
        // Counts only, as Mastodon publishes them: who liked or boosted is not listed.
        note.put("likes", counted(s.uri() + "/likes", s.counts().favourites()))
                .put("shares", counted(s.uri() + "/shares", s.counts().reblogs()));
        if (s.content().language() != null) {
            note.put("contentMap", new JsonObject().put(s.content().language(), s.content().html()));
        }
        JsonArray tags = new JsonArray();
        for (Account m : v.mentions()) {
            tags.add(new JsonObject().put("type", "Mention").put("href", m.uri()).put("name", "@" + handle(m)));
        }
        for (String t : v.tags()) {
            tags.add(new JsonObject().put("type", "Hashtag")
                    .put("href", ids.baseUrl() + "/tags/" + URLEncoder.encode(t, StandardCharsets.UTF_8))
                    .put("name", "#" + t));
        }
        return note.put("tag", tags);
    }

    /** An unpaged collection that only tells how many items it has. */
    public static JsonObject counted(String id, int totalItems) {
        return new JsonObject().put("id", id).put("type", "Collection").put("totalItems", totalItems);
    }

    private String handle(Account a) {
        return a.username() + "@" + (a.local() ? localDomain : a.domain());
    }

    /** Who a post is addressed to, in to and cc. */
    public record Audience(JsonArray to, JsonArray cc) {
    }

    public Audience audience(StatusView v) {
        String followers = followersOf(v.account());
        List<String> mentioned = new ArrayList<>();
        v.mentions().forEach(m -> mentioned.add(m.uri()));
        JsonArray to = new JsonArray();
        JsonArray cc = new JsonArray();
        Visibility vis = v.status().visibility();
        switch (vis) {
            case PUBLIC -> {
                to.add(PUBLIC);
                cc.add(followers);
            }
            case UNLISTED -> {
                to.add(followers);
                cc.add(PUBLIC);
            }
            case PRIVATE -> to.add(followers);
            case DIRECT -> mentioned.forEach(to::add);
        }
        if (vis != Visibility.DIRECT) {
            mentioned.forEach(cc::add);
        }
        return new Audience(to, cc);
    }

    private String followersOf(Account a) {
        return a.endpoints() != null && a.endpoints().followers() != null ? a.endpoints().followers()
                : ids.followers(a.username());
    }

    private static Instant updated(Status s) {
        return s.editedAt() != null ? s.editedAt() : s.createdAt();
    }

    private static String time(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static JsonObject withContext(JsonObject body) {
        JsonObject json = new JsonObject().put("@context", CONTEXT.copy());
        body.forEach(e -> json.put(e.getKey(), e.getValue()));
        return json;
    }

    static String host(String uri) {
        return URI.create(uri).getAuthority();
    }
}
