package social.chorus.api.statuses;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import social.chorus.api.accounts.AccountJson;
import social.chorus.model.Account;
import social.chorus.model.MediaAttachment;
import social.chorus.model.Status;
import social.chorus.model.StatusContent;
import social.chorus.model.StatusEdit;
import social.chorus.model.StatusView;
import social.chorus.process.text.PostText;

/**
 * Mastodon's Status and StatusEdit entities. A boost is shown as Mastodon shows it: a wrapper
 * (the boost's id, time, account and visibility, empty content) whose {@code reblog} is the
 * boosted status, and the wrapper's own media are none. Media are remote files (see {@link MediaJson});
 * polls and cards come later.
 */
public final class StatusJson {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AccountJson accounts;
    private final PostText text;

    public StatusJson(AccountJson accounts, String baseUrl) {
        this.accounts = accounts;
        this.text = new PostText(baseUrl, "");
    }

    public JsonObject status(StatusView v) {
        Status s = v.status();
        JsonObject reblog = v.reblog() == null ? null : status(v.reblog());
        JsonArray mentions = new JsonArray();
        for (Account a : v.mentions()) {
            mentions.add(new JsonObject().put("id", String.valueOf(a.id())).put("username", a.username())
                    .put("url", a.url() != null ? a.url() : a.uri()).put("acct", a.acct()));
        }
        JsonArray tags = new JsonArray();
        v.tags().forEach(t -> tags.add(new JsonObject().put("name", t).put("url", text.tagUrl(t))));
        return new JsonObject()
                .put("id", String.valueOf(s.id()))
                .put("created_at", iso(s.createdAt()))
                .put("in_reply_to_id", s.reply().inReplyToId() == null ? null : String.valueOf(s.reply().inReplyToId()))
                .put("in_reply_to_account_id", s.reply().inReplyToAccountId() == null ? null
                        : String.valueOf(s.reply().inReplyToAccountId()))
                .put("sensitive", s.content().sensitive())
                .put("spoiler_text", s.content().spoilerText())
                .put("visibility", s.visibility().apiName())
                .put("language", s.content().language())
                .put("uri", s.uri())
                .put("url", s.url())
                .put("replies_count", s.counts().replies())
                .put("reblogs_count", s.counts().reblogs())
                .put("favourites_count", s.counts().favourites())
                .put("edited_at", iso(s.editedAt()))
                .put("favourited", reblog != null ? v.reblog().viewer().favourited() : v.viewer().favourited())
                .put("reblogged", reblog != null ? v.reblog().viewer().reblogged() : v.viewer().reblogged())
                .put("muted", false)
                .put("bookmarked", false)
                .put("pinned", reblog == null && v.viewer().pinned())
                .put("content", s.content().html())
                .put("reblog", reblog)
                // Which app posted is not shown yet: Mastodon shows it only when the author shares it.
                .put("application", null)
                .put("account", accounts.account(v.account()))
                .put("media_attachments", MediaJson.array(v.media()))
                .put("mentions", mentions)
                .put("tags", tags)
                .put("emojis", new JsonArray())
                .put("card", null)
                .put("poll", null);
    }

    /** The deleted status as Mastodon returns it: with {@code text}, the source to redraft from. */
    JsonObject deleted(StatusView v) {
        return status(v).put("text", v.status().content().text());
    }

    /** One version; {@code media} only for the current one, since earlier versions keep their text only. */
    JsonObject version(Account account, StatusContent c, Instant createdAt, List<MediaAttachment> media) {
        return new JsonObject()
                .put("content", c.html())
                .put("spoiler_text", c.spoilerText())
                .put("sensitive", c.sensitive())
                .put("created_at", iso(createdAt))
                .put("account", accounts.account(account))
                .put("poll", null)
                .put("media_attachments", MediaJson.array(media))
                .put("emojis", new JsonArray());
    }

    JsonArray history(StatusView current, List<StatusEdit> earlier) {
        JsonArray out = new JsonArray();
        earlier.forEach(e -> out.add(version(current.account(), e.content(), e.createdAt(), List.of())));
        Status s = current.status();
        out.add(version(current.account(), s.content(), s.editedAt() != null ? s.editedAt() : s.createdAt(),
                current.media()));
        return out;
    }

    static String iso(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
