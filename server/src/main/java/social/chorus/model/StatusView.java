package social.chorus.model;

import java.util.List;

/**
 * A status with what it is shown with: its author, the accounts it mentions, its hashtags (lower
 * case), its media in order (none for a boost, whose media are the boosted status's), for a boost
 * the boosted status ({@code reblog}, null otherwise), and what the viewer has done with it
 * ({@link ViewerState#NONE} for an anonymous viewer).
 */
public record StatusView(Status status, Account account, List<Account> mentions, List<String> tags,
        List<MediaAttachment> media, StatusView reblog, ViewerState viewer) {

    public StatusView {
        media = List.copyOf(media);
    }

    /** A status without media (local posts have none: uploads are not built). */
    public StatusView(Status status, Account account, List<Account> mentions, List<String> tags) {
        this(status, account, mentions, tags, List.of(), null, ViewerState.NONE);
    }

    public StatusView(Status status, Account account, List<Account> mentions, List<String> tags,
            List<MediaAttachment> media) {
        this(status, account, mentions, tags, media, null, ViewerState.NONE);
    }

    /** Whether the viewer has liked and boosted the status, and pinned it (their own) to their profile. */
    public record ViewerState(boolean favourited, boolean reblogged, boolean pinned) {
        public static final ViewerState NONE = new ViewerState(false, false, false);
    }
}
