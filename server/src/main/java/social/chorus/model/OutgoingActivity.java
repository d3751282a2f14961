package social.chorus.model;

/**
 * An activity a local actor sends to another server, in domain terms. The process layer decides
 * what to send; federation/ turns it into ActivityStreams JSON and delivers it. {@code id} is the
 * new activity's own id; {@code actor} is always local (its key signs the delivery).
 */
public sealed interface OutgoingActivity {
    String id();

    Account actor();

    /** The remote account whose inbox receives it. */
    Account recipient();

    record FollowRequest(String id, Account actor, Account recipient) implements OutgoingActivity {
    }

    /** Accept or Reject of the Follow {@code followId} that {@code recipient} sent to {@code actor}. */
    record AnswerFollow(String id, Account actor, Account recipient, String followId, boolean accepted)
            implements OutgoingActivity {
    }

    /** Undo of the Follow {@code followId} that {@code actor} sent to {@code recipient}. */
    record UndoFollow(String id, Account actor, Account recipient, String followId) implements OutgoingActivity {
    }

    record BlockActor(String id, Account actor, Account recipient) implements OutgoingActivity {
    }

    record UndoBlock(String id, Account actor, Account recipient, String blockId) implements OutgoingActivity {
    }

    /** A like of {@code objectUri}, a status of {@code recipient}. */
    record Like(String id, Account actor, Account recipient, String objectUri) implements OutgoingActivity {
    }

    /** Undo of the Like {@code likeId} of {@code objectUri} that {@code actor} sent to {@code recipient}. */
    record UndoLike(String id, Account actor, Account recipient, String likeId, String objectUri)
            implements OutgoingActivity {
    }
}
