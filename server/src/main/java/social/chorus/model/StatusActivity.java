package social.chorus.model;

/**
 * A local author's post going to other servers: its Create, Update (after an edit) or Delete.
 * Domain terms only; federation/ turns it into a Note and its activity. {@code status} is the
 * post as it is (for Delete: as it was), with its mentions and tags.
 */
public sealed interface StatusActivity {
    String id();

    StatusView status();

    default Account actor() {
        return status().account();
    }

    record Create(String id, StatusView status) implements StatusActivity {
        public static Create of(StatusView s) {
            return new Create(s.status().uri() + "/activity", s);
        }
    }

    record Update(String id, StatusView status) implements StatusActivity {
        public static Update of(StatusView s) {
            java.time.Instant at = s.status().editedAt() != null ? s.status().editedAt() : s.status().createdAt();
            return new Update(s.status().uri() + "#updates/" + at.toEpochMilli(), s);
        }
    }

    record Delete(String id, StatusView status) implements StatusActivity {
        public static Delete of(StatusView s) {
            return new Delete(s.status().uri() + "#delete", s);
        }
    }
}
