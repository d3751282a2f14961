package social.chorus.storage;

import static social.chorus.schema.Tables.MEDIA_ATTACHMENT;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import social.chorus.model.MediaAttachment;

/**
 * The media attached to statuses, in the order the post lists them. They go with their status
 * (ON DELETE CASCADE), so deleting a post or its author needs nothing here.
 */
public final class MediaAttachmentRepository {

    /**
     * Stores the attachments of a status that has none yet, in one statement (a new status: no
     * delete first, whose gap locks would deadlock concurrent inserts on MariaDB).
     */
    public void insert(DSLContext dsl, long statusId, List<MediaAttachment> media) {
        if (media.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(MEDIA_ATTACHMENT, MEDIA_ATTACHMENT.STATUS_ID, MEDIA_ATTACHMENT.POSITION,
                MEDIA_ATTACHMENT.TYPE, MEDIA_ATTACHMENT.REMOTE_URL, MEDIA_ATTACHMENT.PREVIEW_REMOTE_URL,
                MEDIA_ATTACHMENT.MEDIA_TYPE, MEDIA_ATTACHMENT.DESCRIPTION, MEDIA_ATTACHMENT.BLURHASH,
                MEDIA_ATTACHMENT.WIDTH, MEDIA_ATTACHMENT.HEIGHT, MEDIA_ATTACHMENT.FOCUS_X, MEDIA_ATTACHMENT.FOCUS_Y);
        for (int i = 0; i < media.size(); i++) {
            MediaAttachment m = media.get(i);
            insert = insert.values(statusId, i, m.type().apiName(), m.remoteUrl(), m.previewRemoteUrl(),
                    m.mediaType(), m.description(), m.blurhash(), m.width(), m.height(),
                    m.focus() == null ? null : m.focus().x(), m.focus() == null ? null : m.focus().y());
        }
        insert.execute();
    }

    /**
     * What an edit does: the status's attachments, {@code stored} (as {@link #of} read them),
     * become {@code media}. The old rows go by primary key: a delete by status id would lock the
     * gap at the end of the index when there are none, holding up other posts' media inserts.
     */
    public void replace(DSLContext dsl, long statusId, List<MediaAttachment> stored, List<MediaAttachment> media) {
        if (!stored.isEmpty()) {
            dsl.deleteFrom(MEDIA_ATTACHMENT).where(MEDIA_ATTACHMENT.ID.in(stored.stream().map(MediaAttachment::id)
                    .toList())).execute();
        }
        insert(dsl, statusId, media);
    }

    /** One status's attachments, in order. */
    public List<MediaAttachment> of(DSLContext dsl, long statusId) {
        return dsl.selectFrom(MEDIA_ATTACHMENT).where(MEDIA_ATTACHMENT.STATUS_ID.eq(statusId))
                .orderBy(MEDIA_ATTACHMENT.POSITION).fetch(MediaAttachmentRepository::toMedia);
    }

    /**
     * The attachments of many statuses in one query (a page's worth), each list in order;
     * statuses without attachments are absent.
     */
    public Map<Long, List<MediaAttachment>> of(DSLContext dsl, Collection<Long> statusIds) {
        Map<Long, List<MediaAttachment>> out = new HashMap<>();
        if (!statusIds.isEmpty()) {
            dsl.selectFrom(MEDIA_ATTACHMENT).where(MEDIA_ATTACHMENT.STATUS_ID.in(statusIds))
                    .orderBy(MEDIA_ATTACHMENT.STATUS_ID, MEDIA_ATTACHMENT.POSITION)
                    .forEach(r -> out.computeIfAbsent(r.getStatusId(), k -> new ArrayList<>()).add(toMedia(r)));
        }
        return out;
    }

    private static MediaAttachment toMedia(Record record) {
        var r = record.into(MEDIA_ATTACHMENT);
        MediaAttachment.Focus focus = r.getFocusX() == null || r.getFocusY() == null ? null
                : new MediaAttachment.Focus(r.getFocusX(), r.getFocusY());
        return new MediaAttachment(r.getId(), MediaAttachment.Kind.fromApiName(r.getType()), r.getRemoteUrl(),
                r.getPreviewRemoteUrl(), r.getMediaType(), r.getDescription(), r.getBlurhash(), r.getWidth(),
                r.getHeight(), focus);
    }
}
