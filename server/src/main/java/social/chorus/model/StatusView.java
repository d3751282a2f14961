package social.chorus.model;

import java.util.List;

/** A status with what it is shown with: its author, the accounts it mentions and its hashtags (lower case). */
public record StatusView(Status status, Account account, List<Account> mentions, List<String> tags) {
}
